import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CSRF_HEADER, SESSION_COOKIE } from './cookies';
import { CredentialsService } from './credentials.service';
import { sameSecret } from './secrets';
import { ForbiddenError, UnauthorizedError } from '../common/errors';
import { asSystem } from '../database/db-context';
import type { Actor } from '../access/actor';
import { actorFor } from '../access/actor';
import {
  PERMISSION_KEY,
  PUBLIC_KEY,
  RequestWithActor,
  RoutePermission,
  SELF,
  SESSION_ONLY_KEY,
} from '../access/decorators';
import { isStateChanging } from '../access/state-change.guard';

/**
 * The global guard. Deny by default: a route must be `@Public()` or declare the permission
 * it needs. Resolves the actor from a Bearer API token or the session cookie, enforces
 * read-only tokens, session-only routes, and CSRF on state-changing requests made with the session
 * cookie. (Cross-site requests and body media types: `StateChangeGuard`, which runs first.)
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const actor = await this.authenticate(request);
    const permission = this.reflector.getAllAndOverride<RoutePermission | undefined>(PERMISSION_KEY, targets);
    if (!permission) throw new ForbiddenError('This route declares no permission, so it is closed');
    if (permission !== SELF && !actor.permissions.has(permission)) {
      throw new ForbiddenError(`Your role (${actor.role}) does not have the ${permission} permission`);
    }
    if (actor.via.kind !== 'session' && this.reflector.getAllAndOverride<boolean>(SESSION_ONLY_KEY, targets)) {
      throw new ForbiddenError('This needs a signed-in session; an API token cannot do it').withCode(
        'session_required',
      );
    }
    request.actor = { ...actor, requestId: typeof request.id === 'string' ? request.id : undefined };
    return true;
  }

  private async authenticate(request: RequestWithActor): Promise<Actor> {
    const authorization = request.headers.authorization;
    const unsafe = isStateChanging(request.method);
    if (authorization !== undefined) {
      const match = /^Bearer (\S+)$/.exec(authorization);
      if (!match) throw new UnauthorizedError('The Authorization header must be "Bearer olt_…"');
      const resolved = await asSystem(() => this.credentials.resolveToken(match[1]));
      if (!resolved.ok) throw new UnauthorizedError(resolved.reason);
      if (unsafe && resolved.row.scope === 'read') {
        throw new ForbiddenError('This API token is read-only; create a write token to change data');
      }
      return actorFor(resolved.user, { kind: 'token', tokenId: resolved.row.id, scope: resolved.row.scope });
    }
    const secret = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (!secret) throw new UnauthorizedError('Log in, or send an API token as "Authorization: Bearer olt_…"');
    const resolved = await asSystem(() => this.credentials.resolveSession(secret));
    if (!resolved.ok) throw new UnauthorizedError(resolved.reason);
    if (unsafe) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameSecret(header, resolved.row.csrfToken)) {
        throw new ForbiddenError('Missing or wrong X-XSRF-TOKEN header (it must repeat the XSRF-TOKEN cookie)');
      }
    }
    return actorFor(resolved.user, { kind: 'session', sessionId: resolved.row.id });
  }
}
