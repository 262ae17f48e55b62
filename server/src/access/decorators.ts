import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiConsumes, ApiExtension } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Permission } from '../vocabulary/roles';
import type { Actor } from './actor';

export const PUBLIC_KEY = 'ledger:public';
export const PERMISSION_KEY = 'ledger:permission';
export const SESSION_ONLY_KEY = 'ledger:session-only';
export const BODY_MEDIA_TYPES_KEY = 'ledger:body-media-types';
export const JSON_MEDIA_TYPE = 'application/json';

/** Any authenticated user (their own account, sessions and tokens). */
export const SELF = 'self' as const;
export type RoutePermission = Permission | typeof SELF;

/** Open to anyone: health, login, set-password. Every other route must declare a permission. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-public', true));

/** The permission a route needs; a route without one is refused (deny by default). */
export const RequirePermission = (permission: RoutePermission) => SetMetadata(PERMISSION_KEY, permission);

/**
 * Only a signed-in browser session may use the route, not an API token (403 `session_required`):
 * minting tokens, changing the password. A leaked token must not be able to outlive its
 * revocation or take the account over.
 */
export const RequireSession = () => SetMetadata(SESSION_ONLY_KEY, true);

/**
 * The media types a route's body may have, for routes that do not read JSON (file uploads); the
 * `StateChangeGuard` refuses any other with 415, and the OpenAPI document lists them.
 */
export const AcceptsBody = (...mediaTypes: string[]) =>
  applyDecorators(SetMetadata(BODY_MEDIA_TYPES_KEY, mediaTypes), ApiConsumes(...mediaTypes));

export interface RequestWithActor extends Request {
  actor?: Actor;
}

/** The authenticated actor (set by the AuthGuard). */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
