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
  // Service catalogue
  'catalog.read',
  'catalog.manage',
  // Tickets: submit and follow one's own; handle (claim, accept, resolve) in scope; dispatch (assign,
  // transfer any, bulk); approve requests of one's reports; manage (merge, close, reopen any, export)
  'ticket.submit',
  'ticket.read',
  'ticket.handle',
  'ticket.dispatch',
  'ticket.approve',
  'ticket.manage',
  'ticket.export',
  'ticket.internal',
  // SLA policies and business calendars
  'sla.read',
  'sla.manage',
  // Notification channels (group bots, mail) and the delivery log
  'notification.manage',
  // Knowledge: read published articles (IT-only ones need write/review/manage); write drafts and
  // capture from records; review submissions; manage categories, reviewers and any article
  'knowledge.read',
  'knowledge.write',
  'knowledge.review',
  'knowledge.manage',
  // Analytics: the efficiency and satisfaction dashboards and their export, within the grant's scope
  'analytics.view',
  // IT assets: read within the grant's scope (own: what one holds; department: held by or belonging
  // to one's department and below; all); manage the register and every operation on it (inbound,
  // issue, return, transfer, repair, replacement, disposal, import, categories, locations); approve
  // scrapping; export; run stocktakes
  'asset.read',
  'asset.manage',
  'asset.approve',
  'asset.export',
  'asset.stocktake',
  // Spare parts: the items, stock and ledger; manage items, warehouses, inbound and adjustments;
  // issue parts to a ticket, a repair or a person
  'spare.read',
  'spare.manage',
  'spare.issue',
  // Incidents 事件: read within the grant's scope (own: reported by or assigned to one; team: one's
  // teams'; all); handle (accept, work, resolve, review); manage (assign any, close, cancel, settings)
  'incident.read',
  'incident.handle',
  'incident.manage',
  // Faults 故障 and availability analysis: the same three levels as incidents
  'fault.read',
  'fault.handle',
  'fault.manage',
  // Demands 需求: submit and follow one's own; read within scope (department: requested from one's
  // department and below); handle as the system's analyst (accept, reject, evaluate, plan); approve as
  // the business supervisor; implement (tasks, work hours, tests); manage (reassign, close, settings)
  'demand.submit',
  'demand.read',
  'demand.handle',
  'demand.approve',
  'demand.implement',
  'demand.manage',
  // Releases 发布: read the calendar and releases; request and execute (manage); approve
  'release.read',
  'release.manage',
  'release.approve',
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
  system: ['settings.manage', 'file.upload', 'ops.metrics', 'notification.manage'],
  servicedesk: [
    'catalog.read',
    'catalog.manage',
    'ticket.submit',
    'ticket.read',
    'ticket.handle',
    'ticket.dispatch',
    'ticket.approve',
    'ticket.manage',
    'ticket.export',
    'ticket.internal',
    'sla.read',
    'sla.manage',
  ],
  knowledge: ['knowledge.read', 'knowledge.write', 'knowledge.review', 'knowledge.manage'],
  analytics: ['analytics.view'],
  assets: ['asset.read', 'asset.manage', 'asset.approve', 'asset.export', 'asset.stocktake'],
  spares: ['spare.read', 'spare.manage', 'spare.issue'],
  incidents: ['incident.read', 'incident.handle', 'incident.manage'],
  faults: ['fault.read', 'fault.handle', 'fault.manage'],
  demands: ['demand.submit', 'demand.read', 'demand.handle', 'demand.approve', 'demand.implement', 'demand.manage'],
  releases: ['release.read', 'release.manage', 'release.approve'],
};
