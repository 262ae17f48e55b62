import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Permission } from '../vocabulary/roles';
import type { Actor } from './actor';

export const PUBLIC_KEY = 'ledger:public';
export const PERMISSION_KEY = 'ledger:permission';

/** Any authenticated user (their own account, sessions and tokens). */
export const SELF = 'self' as const;
export type RoutePermission = Permission | typeof SELF;

/** Open to anyone: health, login, set-password. Every other route must declare a permission. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The permission a route needs; a route without one is refused (deny by default). */
export const RequirePermission = (permission: RoutePermission) => SetMetadata(PERMISSION_KEY, permission);

export interface RequestWithActor extends Request {
  actor?: Actor;
}

/** The authenticated actor (set by the AuthGuard). */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
