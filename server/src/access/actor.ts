import { ROLE_PERMISSIONS, type Permission, type Role, type TokenScope } from '../vocabulary/roles';

/** Who is making a request: resolved once by the AuthGuard, handed to every service method. */
export interface Actor {
  userId: number;
  organizationId: number;
  role: Role;
  permissions: ReadonlySet<Permission>;
  /** How the request authenticated: a browser session or a personal API token. */
  via: { kind: 'session'; sessionId: number } | { kind: 'token'; tokenId: number; scope: TokenScope };
  /** The request id (X-Request-Id), written into audit rows. */
  requestId?: string;
}

export function actorFor(user: { id: number; organizationId: number; role: Role }, via: Actor['via']): Actor {
  return {
    userId: user.id,
    organizationId: user.organizationId,
    role: user.role,
    permissions: new Set(ROLE_PERMISSIONS[user.role]),
    via,
  };
}
