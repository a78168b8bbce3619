import type { DataScope, Permission } from './permissions.js';

export const BUILTIN_ROLE_KEYS = [
  'requester',
  'supervisor',
  'service_desk',
  'engineer',
  'analyst',
  'project_manager',
  'asset_admin',
  'knowledge_reviewer',
  'it_manager',
  'system_admin',
  'security_admin',
  'auditor',
] as const;
export type BuiltinRoleKey = (typeof BUILTIN_ROLE_KEYS)[number];

/**
 * 三权分立: these three roles are held by different people. A grant that would give one person
 * two of them is refused, and the last holder of security_admin or auditor cannot lose it.
 */
export const SEPARATED_ROLES: readonly BuiltinRoleKey[] = ['system_admin', 'security_admin', 'auditor'];
export const PROTECTED_LAST_HOLDER_ROLES: readonly BuiltinRoleKey[] = ['security_admin', 'auditor'];

export interface BuiltinRole {
  key: BuiltinRoleKey;
  scope: DataScope;
  permissions: Permission[];
}

const everyone: Permission[] = [
  'org.department.read',
  'org.system.read',
  'org.team.read',
  'file.upload',
  'catalog.read',
  'ticket.submit',
  'ticket.read',
  'knowledge.read',
  'asset.read',
  'demand.submit',
  'demand.read',
];
const staff: Permission[] = [...everyone, 'org.user.read'];
/** What everyone in IT who works tickets holds. */
const itStaff: Permission[] = [
  ...staff,
  'ticket.handle',
  'ticket.internal',
  'sla.read',
  'knowledge.write',
  'spare.read',
  'spare.issue',
  'incident.read',
  'incident.handle',
  'fault.read',
  'fault.handle',
  'demand.implement',
  'release.read',
];

/** Default bundles (SPEC §1). Admins can edit them; modules extend them as they land. */
export const BUILTIN_ROLES: BuiltinRole[] = [
  { key: 'requester', scope: 'own', permissions: everyone },
  { key: 'supervisor', scope: 'department', permissions: [...staff, 'ticket.approve', 'demand.approve'] },
  {
    key: 'service_desk',
    scope: 'all',
    permissions: [...itStaff, 'ticket.dispatch', 'ticket.manage', 'ticket.export', 'incident.manage'],
  },
  { key: 'engineer', scope: 'team', permissions: itStaff },
  { key: 'analyst', scope: 'all', permissions: [...itStaff, 'demand.handle', 'release.manage'] },
  { key: 'project_manager', scope: 'all', permissions: [...staff, 'release.read'] },
  {
    key: 'asset_admin',
    scope: 'all',
    permissions: [...staff, 'asset.manage', 'asset.export', 'asset.stocktake', 'spare.read', 'spare.manage', 'spare.issue'],
  },
  { key: 'knowledge_reviewer', scope: 'all', permissions: [...staff, 'knowledge.write', 'knowledge.review'] },
  {
    key: 'it_manager',
    scope: 'all',
    permissions: [
      ...itStaff,
      'role.read',
      'ops.metrics',
      'ticket.dispatch',
      'ticket.manage',
      'ticket.export',
      'ticket.approve',
      'knowledge.review',
      'knowledge.manage',
      'analytics.view',
      'asset.approve',
      'asset.export',
      'incident.manage',
      'fault.manage',
      'demand.handle',
      'demand.approve',
      'demand.manage',
      'release.manage',
      'release.approve',
    ],
  },
  {
    key: 'system_admin',
    scope: 'all',
    permissions: [
      ...staff,
      'org.department.manage',
      'org.user.manage',
      'org.team.manage',
      'org.system.manage',
      'org.import',
      'settings.manage',
      'role.read',
      'ops.metrics',
      'catalog.manage',
      'sla.read',
      'sla.manage',
      'notification.manage',
    ],
  },
  {
    key: 'security_admin',
    scope: 'all',
    permissions: [...staff, 'account.manage', 'role.read', 'role.manage', 'role.grant'],
  },
  { key: 'auditor', scope: 'all', permissions: [...staff, 'audit.read', 'audit.export'] },
];
