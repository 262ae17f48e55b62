import type { Identifier } from 'react-admin';
import type { Role } from '../../common/roles';

export interface User {
  id: Identifier;
  email: string;
  displayName: string;
  organizationId: Identifier;
  role: Role;
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** `POST /api/users` answers with the user and a one-time link, valid 72 hours, to set their password. */
export interface CreatedUser extends User {
  setPasswordUrl: string;
}
