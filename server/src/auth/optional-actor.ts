import type { Request } from 'express';
import { SESSION_COOKIE } from './cookies';
import { CredentialsService } from './credentials.service';
import { asSystem } from '../database/db-context';
import type { Actor } from '../access/actor';
import { actorFor } from '../access/actor';

/**
 * The caller of a `@Public()` route, when it sent valid credentials (a Bearer API token or the
 * session cookie, resolved as AuthGuard does); undefined for anonymous callers and for
 * credentials that are not valid (a public route never refuses them). Read-only: no CSRF check,
 * so only for GET routes that show more to some callers.
 */
export async function optionalActor(request: Request, credentials: CredentialsService): Promise<Actor | undefined> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer (\S+)$/.exec(authorization);
    if (!match) return undefined;
    const resolved = await asSystem(() => credentials.resolveToken(match[1]));
    return resolved.ok
      ? actorFor(resolved.user, { kind: 'token', tokenId: resolved.row.id, scope: resolved.row.scope })
      : undefined;
  }
  const secret = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  if (!secret) return undefined;
  const resolved = await asSystem(() => credentials.resolveSession(secret));
  return resolved.ok ? actorFor(resolved.user, { kind: 'session', sessionId: resolved.row.id }) : undefined;
}
