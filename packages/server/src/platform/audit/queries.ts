import type { Database } from '../../db/database.js';

export interface AuditFilter {
  actorId?: number;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
}

export function auditQuery(db: Database, filter: AuditFilter) {
  let query = db.selectFrom('audit_log');
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.objectType) query = query.where('object_type', '=', filter.objectType);
  if (filter.objectId) query = query.where('object_id', '=', filter.objectId);
  if (filter.from) query = query.where('at', '>=', new Date(filter.from));
  if (filter.to) query = query.where('at', '<', new Date(filter.to));
  return query;
}

export const AUDIT_COLUMNS = [
  'id',
  'at',
  'actor_id',
  'actor_name',
  'ip',
  'user_agent',
  'action',
  'object_type',
  'object_id',
  'object_label',
  'before',
  'after',
] as const;

export function auditView(r: {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  object_label: string | null;
  before: unknown;
  after: unknown;
}) {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    ip: r.ip,
    userAgent: r.user_agent,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    objectLabel: r.object_label,
    before: r.before,
    after: r.after,
  };
}
