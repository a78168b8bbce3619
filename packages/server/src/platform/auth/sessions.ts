import type { Config } from '../../config.js';
import { type Database, prepared } from '../../db/database.js';
import type { RequestMeta } from '../context.js';
import { randomToken, sha256 } from './secrets.js';

export const SESSION_COOKIE = 'shuyun_sid';

export interface SessionInfo {
  userId: number;
  csrfToken: string;
  idHash: string;
}

export type SessionLookup = { status: 'ok'; session: SessionInfo } | { status: 'expired' } | { status: 'missing' };

/** Creates a server-side session; the cookie carries the random id, the table only its hash. */
export async function createSession(db: Database, config: Config, userId: number, meta: RequestMeta) {
  const id = randomToken();
  const csrfToken = randomToken();
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(id),
      user_id: userId,
      csrf_token: csrfToken,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 400) ?? null,
      expires_at: new Date(Date.now() + config.SESSION_MAX_HOURS * 3600_000),
    })
    .execute();
  return { id, csrfToken };
}

/**
 * Resolves a session cookie. Sessions idle longer than the timeout, or past their absolute expiry,
 * are deleted and reported as expired. Activity is recorded at most once a minute.
 */
export async function resolveSession(db: Database, config: Config, id: string): Promise<SessionLookup> {
  const idHash = sha256(id);
  const row = await prepared(
    db.selectFrom('sessions').select(['user_id', 'csrf_token', 'last_seen_at', 'expires_at']).where('id_hash', '=', idHash),
  ).executeTakeFirst();
  if (!row) return { status: 'missing' };
  const now = Date.now();
  const idleFor = now - new Date(row.last_seen_at).getTime();
  if (idleFor > config.SESSION_IDLE_MINUTES * 60_000 || new Date(row.expires_at).getTime() < now) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return { status: 'expired' };
  }
  if (idleFor > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id_hash', '=', idHash).execute();
  }
  return { status: 'ok', session: { userId: row.user_id, csrfToken: row.csrf_token, idHash } };
}

export async function destroySession(db: Database, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Signs a user out everywhere (password reset, deactivation), optionally keeping the current session. */
export async function destroyUserSessions(db: Database, userId: number, keepIdHash?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash) query = query.where('id_hash', '!=', keepIdHash);
  await query.execute();
}
