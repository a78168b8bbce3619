import { createHash } from 'node:crypto';
import { type Selectable, sql, type Transaction } from 'kysely';
import type { Logger } from 'pino';
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
// One sealer at a time, across every instance on the database.
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

/**
 * Appends one audit entry inside the caller's transaction: it commits or rolls back with the change
 * it describes. No lock is taken; the sealer links committed entries into the hash chain.
 */
export async function writeAudit(trx: Transaction<DB>, ctx: ActionContext, entry: AuditEntry): Promise<void> {
  const fields = hashedFields(ctx, entry);
  await trx
    .insertInto('audit_log')
    .values({
      ...fields,
      before: fields.before === null ? null : JSON.stringify(fields.before),
      after: fields.after === null ? null : JSON.stringify(fields.after),
    })
    .execute();
}

function hashedFields(ctx: ActionContext, entry: AuditEntry): HashedFields {
  return {
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
}

type AuditRow = Selectable<DB['audit_log']>;

function storedFields(row: AuditRow): HashedFields {
  return {
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
}

/**
 * Links committed, unsealed entries into the chain: each gets the next `chain_seq`, the previous
 * entry's hash and its own. One sealer at a time across all instances: the periodic sealer skips
 * when another holds the lock (`wait: false`); verification waits for it. Returns how many entries
 * it sealed.
 */
export async function sealAuditChain(db: Database, { wait = true, batch = 2000 } = {}): Promise<number> {
  let sealed = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      if (wait) await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
      else {
        const locked = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${CHAIN_LOCK}) AS ok`.execute(trx);
        if (!locked.rows[0]?.ok) return -1;
      }
      const pending = await trx.selectFrom('audit_log').selectAll().where('chain_seq', 'is', null).orderBy('id').limit(batch).execute();
      if (pending.length === 0) return 0;
      const last = await trx
        .selectFrom('audit_log')
        .select(['chain_seq', 'hash'])
        .where('chain_seq', 'is not', null)
        .orderBy('chain_seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      let seq = Number(last?.chain_seq ?? 0);
      let prevHash = last?.hash ?? GENESIS;
      const ids: number[] = [];
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of pending) {
        const hash = entryHash(prevHash, storedFields(row));
        ids.push(row.id);
        seqs.push(++seq);
        prevs.push(prevHash);
        hashes.push(hash);
        prevHash = hash;
      }
      await sql`
        UPDATE audit_log a SET chain_seq = v.seq, prev_hash = v.prev, hash = v.hash
          FROM unnest(${ids}::bigint[], ${seqs}::bigint[], ${prevs}::text[], ${hashes}::text[]) AS v(id, seq, prev, hash)
         WHERE a.id = v.id`.execute(trx);
      return pending.length;
    });
    if (done <= 0) return sealed;
    sealed += done;
    if (done < batch) return sealed;
  }
}

/**
 * Seals every committed entry within about a second of its commit, in each process that serves
 * the API or runs workers (only one seals at a time). Returns a stop function.
 */
export function startAuditSealer(db: Database, log: Logger, everyMs = 1000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sealAuditChain(db, { wait: false }).catch((error: unknown) => log.error({ err: error }, 'audit sealer failed'));
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
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

/**
 * Seals what is pending, then walks the whole chain in `chain_seq` order and recomputes every hash;
 * reports the first entry (by id) whose content, hash or link does not match.
 */
export async function verifyAuditChain(db: Database, batch = 5000): Promise<ChainReport> {
  await sealAuditChain(db);
  let prevHash = GENESIS;
  let afterSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('chain_seq', '>', afterSeq).orderBy('chain_seq').limit(batch).execute();
    if (rows.length === 0) return { ok: true, checked, brokenAt: null };
    for (const row of rows) {
      if (Number(row.chain_seq) !== afterSeq + 1 || row.prev_hash !== prevHash || entryHash(prevHash, storedFields(row)) !== row.hash) {
        return { ok: false, checked, brokenAt: row.id };
      }
      prevHash = row.hash ?? '';
      afterSeq = Number(row.chain_seq);
      checked++;
    }
  }
}
