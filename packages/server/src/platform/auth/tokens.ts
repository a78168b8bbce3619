import type { Database } from '../../db/database.js';
import { randomToken, sha256 } from './secrets.js';

export const TOKEN_PREFIX = 'sy_';

/** Makes a personal API token. The plain token is returned once; only its hash is stored. */
export function mintToken(): { token: string; prefix: string; hash: string } {
  const token = `${TOKEN_PREFIX}${randomToken(30)}`;
  return { token, prefix: token.slice(0, 10), hash: sha256(token) };
}

/** The user behind a bearer token, if it is known, unrevoked and unexpired. Records its use (at most once a minute). */
export async function resolveToken(db: Database, token: string): Promise<number | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at) return null;
  if (row.expires_at && new Date(row.expires_at).getTime() < Date.now()) return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
  }
  return row.user_id;
}
