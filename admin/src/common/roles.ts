import { ROLE_ORGANIZATION_KIND, ROLES, type Role } from '@vocabulary/roles';
import { toChoices } from './choices';

export { ROLE_ORGANIZATION_KIND, ROLES, type Role };

export const roleChoices = toChoices(ROLES, 'role');

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);
