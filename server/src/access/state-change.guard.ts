import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnsupportedMediaTypeError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { BODY_MEDIA_TYPES_KEY, JSON_MEDIA_TYPE } from './decorators';

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** POST, PUT, PATCH, DELETE (and anything else but GET, HEAD and OPTIONS, which never change state). */
export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method);
}

/**
 * Runs before authentication on every state-changing request (issue 17, login CSRF):
 *
 * - **Another site's page** (an `Origin` that is neither this server's host nor one of
 *   `CORS_ORIGINS`, or `Sec-Fetch-Site: cross-site` without an `Origin`) is refused with 403
 *   `cross_site_request`. Scripts, API-token clients and curl send neither header and pass.
 * - **A body must be of a media type the route reads**: JSON unless the route declares others with
 *   `@AcceptsBody(...)` (imports: multipart/form-data). An HTML form can send only urlencoded,
 *   multipart or text/plain bodies, so no cross-site form reaches a JSON route; a JSON request
 *   from another site needs a CORS preflight, which only `CORS_ORIGINS` pass. A request without a
 *   body (a DELETE, a workflow POST) passes whatever Content-Type it names.
 */
@Injectable()
export class StateChangeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (!isStateChanging(request.method)) return true;
    this.assertSameSite(request);
    if (hasBody(request)) {
      const accepted = this.reflector.getAllAndOverride<readonly string[] | undefined>(BODY_MEDIA_TYPES_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [JSON_MEDIA_TYPE];
      assertMediaType(request.headers['content-type'], accepted);
    }
    return true;
  }

  private assertSameSite(request: Request): void {
    const origin = request.headers.origin;
    if (
      origin !== undefined ? !this.isTrustedOrigin(origin, request) : request.headers['sec-fetch-site'] === 'cross-site'
    ) {
      throw new ForbiddenError(
        'This request comes from another site; changes are accepted only from this application or a script without a browser Origin',
      ).withCode('cross_site_request');
    }
  }

  /**
   * The request's own host (the Host header, or X-Forwarded-Host behind a trusted proxy) or an
   * origin of CORS_ORIGINS. Hosts are compared without the scheme: behind a TLS-terminating proxy
   * the browser's https origin reaches the server as plain http.
   */
  private isTrustedOrigin(origin: string, request: Request): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false; // "null" (sandboxed frames, file: pages) and anything malformed
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    if (this.config.corsOrigins.includes(url.origin)) return true;
    const host = request.host;
    return typeof host === 'string' && url.host === host.toLowerCase();
  }
}

/** Content-Length 0, or neither a length nor a chunked body: there is nothing to read. */
function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) !== 0;
  return request.headers['transfer-encoding'] !== undefined;
}

function assertMediaType(contentType: string | undefined, accepted: readonly string[]): void {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType && accepted.includes(mediaType)) return;
  throw new UnsupportedMediaTypeError(
    `Send the body as ${accepted.join(' or ')}${mediaType ? ` (got ${mediaType})` : ' (the Content-Type header is missing)'}`,
  );
}
