import type { NextFunction, Request, Response } from 'express';
import { ERROR_CODE_LOCAL } from '../common/http-error.filter';

/** The `route` label of requests no route matched (404s, and the API docs pages). */
export const UNMATCHED_ROUTE = 'unmatched';
/** The `route` label of the built admin app's files and pages (everything outside /api). */
export const ADMIN_ROUTE = 'admin';
/** Not measured: Prometheus scraping every 15 s would only measure itself. */
export const METRICS_ROUTE = '/api/metrics';

const METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Any other method (a client can send any word) is `other`: labels must stay a small, fixed set. */
export function methodLabel(method: string): string {
  return METHODS.has(method) ? method : 'other';
}

/**
 * The route pattern of a request (`/api/programs/:id`), never its address: no ids, no query
 * strings, so the number of series stays bounded whatever clients send. The pattern is the
 * Express route Nest registered (with the `api` prefix); requests no route matched (Nest's own
 * catch-all not-found route included) are `unmatched` under /api and `admin` elsewhere (the static
 * admin app).
 */
export function routeLabel(req: Pick<Request, 'route' | 'baseUrl' | 'originalUrl'>): string {
  const route = req.route as { path?: unknown } | undefined;
  // Nest answers unknown routes from a catch-all route of its own (`*path` under the prefix).
  if (route && typeof route.path === 'string' && !route.path.startsWith('*'))
    return `${req.baseUrl ?? ''}${route.path}`;
  const path = req.originalUrl.split('?')[0];
  return path === '/api' || path.startsWith('/api/') ? UNMATCHED_ROUTE : ADMIN_ROUTE;
}

export interface HttpObservation {
  method: string;
  route: string;
  status: string;
  seconds: number;
  /** The `code` of the error body (HttpErrorFilter), for 4xx and 5xx answers. */
  errorCode: string | undefined;
}

/**
 * Express middleware, installed first (bootstrap.ts), that observes every request once, when its
 * response is done: so errors from guards, pipes, the body parser and the exception filter are
 * all counted. A response cut before it finished (client gone, shutdown) has status `aborted`.
 */
export function httpMetricsMiddleware(observe: (observation: HttpObservation) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      const route = routeLabel(req);
      if (route === METRICS_ROUTE) return;
      const code = (res.locals as Record<string, unknown>)[ERROR_CODE_LOCAL];
      observe({
        method: methodLabel(req.method),
        route,
        status: res.writableFinished ? String(res.statusCode) : 'aborted',
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        errorCode: typeof code === 'string' ? code : undefined,
      });
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}
