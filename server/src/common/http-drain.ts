import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/**
 * Graceful HTTP shutdown: stop accepting connections, let in-flight requests finish, close
 * keep-alive connections as soon as they are idle (responses sent during the drain carry
 * `Connection: close`), and after a grace period close whatever is left.
 */
export class HttpDrain {
  private draining = false;
  private readonly inFlight = new Set<Response>();

  /** Express middleware (first in the chain): tracks in-flight responses. */
  readonly middleware = (_req: Request, res: Response, next: NextFunction): void => {
    if (this.draining) res.shouldKeepAlive = false;
    this.inFlight.add(res);
    res.once('close', () => this.inFlight.delete(res));
    next();
  };

  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  /**
   * Resolves once every connection is closed: `drained` when in-flight requests finished within
   * `graceMs`, `forced` when the grace period ran out and the rest were cut.
   */
  async close(server: Server, graceMs: number): Promise<'drained' | 'forced'> {
    this.draining = true;
    for (const res of this.inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // server.close() closes the idle keep-alive connections once; these become idle later.
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'forced'>((resolve) => (timer = setTimeout(() => resolve('forced'), graceMs)));
    const outcome = await Promise.race([closed.then(() => 'drained' as const), expired]);
    clearInterval(idle);
    clearTimeout(timer);
    if (outcome === 'forced') {
      server.closeAllConnections();
      await closed;
    }
    return outcome;
  }
}
