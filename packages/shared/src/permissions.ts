/**
 * The one permission registry. Every route declares one of these (or `public` /
 * `authenticated`); roles are bundles of them. Modules add their permissions here.
 */
export const PERMISSIONS = [
  'org.department.read',
  'org.department.manage',
  'org.user.read',
  'org.user.manage',
  'org.team.read',
  'org.team.manage',
  'org.system.read',
  'org.system.manage',
  'org.import',
  'account.manage',
  'role.read',
  'role.manage',
  'role.grant',
  'audit.read',
  'audit.export',
  'settings.manage',
  'file.upload',
  'ops.metrics',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** Route-level markers that are not permissions but must still be declared explicitly. */
export type RouteAccess = Permission | 'public' | 'authenticated';

export const DATA_SCOPES = ['own', 'team', 'department', 'all'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

/** Wider scopes include narrower ones; used to pick the widest grant a user holds. */
export const SCOPE_RANK: Record<DataScope, number> = { own: 0, team: 1, department: 2, all: 3 };

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/** Permission groups, for the role editor. */
export const PERMISSION_GROUPS: Record<string, Permission[]> = {
  org: [
    'org.department.read',
    'org.department.manage',
    'org.user.read',
    'org.user.manage',
    'org.team.read',
    'org.team.manage',
    'org.system.read',
    'org.system.manage',
    'org.import',
  ],
  security: ['account.manage', 'role.read', 'role.manage', 'role.grant'],
  audit: ['audit.read', 'audit.export'],
  system: ['settings.manage', 'file.upload', 'ops.metrics'],
};
