/**
 * Roles and permissions (PRODUCT.md). Plain constants: the server's access module enforces
 * them and the admin app hides what a role may not use.
 */
export const ROLES = ['admin', 'coordinator', 'funder', 'researcher'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'organizations:read',
  'organizations:write',
  'indicators:read',
  'indicators:write',
  'programs:read',
  'programs:write',
  'users:read',
  'users:write',
  'grants:read',
  'grants:write',
  /** Accept or decline a grant offered to one's NGO, and choose the programs it covers. */
  'grants:consent',
  'targets:read',
  'targets:write',
  'evaluations:read',
  'evaluations:write',
  'evaluations:review',
  'outcome-measurements:read',
  'outcome-measurements:write',
  /** Effects of approved evaluations pooled across programs, and the evidence map (everyone). */
  'analysis:read',
  /** Background jobs one started (imports) and, for coordinators, their NGO's. */
  'jobs:read',
  /** Import outcome measurements from CSV or XLSX into an editable evaluation. */
  'imports:write',
  /** The whole audit log (administrators). */
  'audit-events:read',
  /** The history of one record one can read (everyone). */
  'history:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  coordinator: [
    'organizations:read',
    'indicators:read',
    'programs:read',
    'programs:write',
    'grants:read',
    'grants:consent',
    'targets:read',
    'targets:write',
    'evaluations:read',
    'evaluations:write',
    'outcome-measurements:read',
    'outcome-measurements:write',
    'analysis:read',
    'jobs:read',
    'imports:write',
    'history:read',
  ],
  funder: [
    'organizations:read',
    'indicators:read',
    'programs:read',
    'grants:read',
    'grants:write',
    'targets:read',
    'targets:write',
    'evaluations:read',
    'evaluations:review',
    'outcome-measurements:read',
    'analysis:read',
    'jobs:read',
    'history:read',
  ],
  researcher: ['organizations:read', 'indicators:read', 'analysis:read', 'jobs:read', 'history:read'],
};

/** The organization kind each role belongs to. */
export const ROLE_ORGANIZATION_KIND = {
  admin: 'platform',
  coordinator: 'ngo',
  funder: 'funder',
  researcher: 'research',
} as const satisfies Record<Role, string>;

export const PASSWORD_MIN_LENGTH = 12;
export const API_TOKEN_PREFIX = 'olt_';
export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
