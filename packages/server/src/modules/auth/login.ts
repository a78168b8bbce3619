import { sql } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { auditAlone, writeAudit } from '../../platform/audit/audit.js';
import { burnPasswordCheck, verifyPassword } from '../../platform/auth/password.js';
import { createSession } from '../../platform/auth/sessions.js';
import type { RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { localMinute } from '../../platform/i18n.js';

/**
 * Password sign-in. Wrong passwords count towards a lockout (LOGIN_MAX_FAILURES within the lock
 * window locks the account for LOGIN_LOCK_MINUTES); every attempt is audited. Unknown usernames cost
 * the same hashing time as known ones.
 */
export async function login(db: Database, config: Config, meta: RequestMeta, username: string, password: string) {
  const ctx = { actor: null, ...meta };
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'password_hash', 'active', 'locked_until'])
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();

  if (!user) {
    await burnPasswordCheck(password);
    await auditAlone(db, ctx, { action: 'auth.loginFailed', objectType: 'session', actorName: username, after: { reason: 'unknownUser' } });
    throw new AppError('invalidCredentials');
  }
  const failed = (reason: string) =>
    auditAlone(db, ctx, {
      action: 'auth.loginFailed',
      objectType: 'user',
      objectId: user.id,
      objectLabel: user.username,
      actorName: user.username,
      after: { reason },
    });

  if (user.locked_until && new Date(user.locked_until).getTime() > Date.now()) {
    await burnPasswordCheck(password);
    await failed('locked');
    throw new AppError('accountLocked', { until: localMinute(new Date(user.locked_until), config.TIMEZONE) });
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    // One conditional write: concurrent failures each count, and the one that reaches the limit locks.
    const row = await db
      .updateTable('users')
      .set({
        failed_logins: sql`CASE WHEN failed_logins + 1 >= ${config.LOGIN_MAX_FAILURES} THEN 0 ELSE failed_logins + 1 END`,
        locked_until: sql`CASE WHEN failed_logins + 1 >= ${config.LOGIN_MAX_FAILURES}
          THEN now() + make_interval(mins => ${config.LOGIN_LOCK_MINUTES}) ELSE locked_until END`,
      })
      .where('id', '=', user.id)
      .returning(['locked_until', 'failed_logins'])
      .executeTakeFirstOrThrow();
    await failed('wrongPassword');
    if (row.locked_until && new Date(row.locked_until).getTime() > Date.now()) {
      throw new AppError('accountLocked', { until: localMinute(new Date(row.locked_until), config.TIMEZONE) });
    }
    throw new AppError('invalidCredentials');
  }
  if (!user.active) {
    await failed('inactive');
    throw new AppError('accountInactive');
  }

  const session = await createSession(db, config, user.id, meta);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    await writeAudit(
      trx,
      { ...ctx, actor: null },
      {
        action: 'auth.login',
        objectType: 'user',
        objectId: user.id,
        objectLabel: user.username,
        actorName: user.display_name,
      },
    );
  });
  return { userId: user.id, session };
}
