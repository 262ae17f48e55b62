import { createServer } from 'node:net';
import { Client } from 'pg';

/** A problem the user can fix; printed as one line at startup. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        new StartupError(
          err.code === 'EADDRINUSE'
            ? `port ${port} is already in use; stop the other program or set PORT to another port`
            : `cannot listen on port ${port} (${err.code ?? err.message})`,
        ),
      );
    });
    server.listen(port, () => server.close(() => resolve()));
  });
}

/** Fails fast, in one line, when DATABASE_URL points at a server that does not answer. */
export async function assertDatabaseReachable(url: string, name = 'DATABASE_URL'): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    const { hostname, port, pathname } = new URL(url);
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new StartupError(`cannot reach the database in ${name} (${hostname}:${port || 5432}${pathname}): ${reason}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
