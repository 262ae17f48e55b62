import { useGetIdentity, usePermissions } from 'react-admin';
import { isRole, type Role } from './roles';

/** Whether the signed-in user holds a permission (from `GET /api/auth/me`); false while loading. */
export function useHasPermission(permission: string): boolean {
  const { permissions } = usePermissions<string[]>();
  return Array.isArray(permissions) && permissions.includes(permission);
}

/** The signed-in user's role, or undefined while loading. */
export function useRole(): Role | undefined {
  const { identity } = useGetIdentity();
  const role: unknown = identity?.role;
  return isRole(role) ? role : undefined;
}
