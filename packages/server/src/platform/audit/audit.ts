import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { ActionContext } from '../context.js';

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId?: string | number | null;
  objectLabel?: string | null;
  before?: unknown;
  after?: unknown;
  /** For events without a signed-in actor (failed logins): who it was about. */
  actorName?: string;
}

const SECRET_KEYS = new Set(['password', 'password_hash', 'passwordHash', 'token', 'token_hash', 'csrf_token']);
const GENESIS = '0'.repeat(64);
// One lock key for the whole chain: entries are linked in commit order of the lock holders.
const CHAIN_LOCK = 7_243_001;

/** JSON with sorted keys, so a hash computed now equals the one recomputed from jsonb later. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !SECRET_KEYS.has(k))
        .map(([k, v]) => [k, redact(v)]),
    );
  }
  return value;
}

interface HashedFields {
  at: string;
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
}

export function entryHash(prevHash: string, fields: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

/** Appends one audit entry inside the caller's transaction, linked to the previous entry's hash. */
export async function writeAudit(trx: Transaction<DB>, ctx: ActionContext, entry: AuditEntry): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS;
  const fields: HashedFields = {
    at: new Date().toISOString(),
    actor_id: ctx.actor?.userId ?? null,
    actor_name: ctx.actor?.displayName ?? entry.actorName ?? null,
    ip: ctx.ip,
    user_agent: ctx.userAgent?.slice(0, 400) ?? null,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId == null ? null : String(entry.objectId),
    object_label: entry.objectLabel ?? null,
    before: redact(entry.before),
    after: redact(entry.after),
  };
  await trx
    .insertInto('audit_log')
    .values({
      ...fields,
      before: fields.before === null ? null : JSON.stringify(fields.before),
      after: fields.after === null ? null : JSON.stringify(fields.after),
      prev_hash: prevHash,
      hash: entryHash(prevHash, fields),
    })
    .execute();
}

/** Audits an event that has no business transaction of its own (login, logout, export). */
export async function auditAlone(db: Database, ctx: ActionContext, entry: AuditEntry): Promise<void> {
  await db.transaction().execute((trx) => writeAudit(trx, ctx, entry));
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
}

/** Walks the whole chain in id order and recomputes every hash; reports the first entry that does not match. */
export async function verifyAuditChain(db: Database, batch = 5000): Promise<ChainReport> {
  let prevHash = GENESIS;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(batch).execute();
    if (rows.length === 0) return { ok: true, checked, brokenAt: null };
    for (const row of rows) {
      const fields: HashedFields = {
        at: new Date(row.at).toISOString(),
        actor_id: row.actor_id,
        actor_name: row.actor_name,
        ip: row.ip,
        user_agent: row.user_agent,
        action: row.action,
        object_type: row.object_type,
        object_id: row.object_id,
        object_label: row.object_label,
        before: row.before,
        after: row.after,
      };
      if (row.prev_hash !== prevHash || entryHash(prevHash, fields) !== row.hash) {
        return { ok: false, checked, brokenAt: row.id };
      }
      prevHash = row.hash;
      afterId = row.id;
      checked++;
    }
  }
}
