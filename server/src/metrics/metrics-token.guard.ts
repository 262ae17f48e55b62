import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/config';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * GET /api/metrics answers only `Authorization: Bearer <METRICS_TOKEN>`. The token is compared in
 * constant time (as SHA-256 digests, so not even its length shows); anything else is a 401 with
 * `WWW-Authenticate: Bearer`. This is the scraper's own secret, not a user's API token: a leaked
 * METRICS_TOKEN reads metrics and nothing else, and no user's token reads metrics.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = digest(config.metricsToken ?? '');
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const header = http.getRequest<Request>().headers.authorization;
    const match = header === undefined ? null : /^Bearer (\S+)$/.exec(header);
    if (match && timingSafeEqual(digest(match[1]), this.expected)) return true;
    http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    throw new UnauthorizedError(
      header === undefined
        ? 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>"'
        : 'The metrics token is wrong',
    );
  }
}
