import { sql } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { hashPassword } from '../../platform/auth/password.js';
import { destroyUserSessions } from '../../platform/auth/sessions.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { assertNotLastHolderOfAny } from './grants.js';
import { assertInScope, generatePassword, getUser } from './users.js';

// Account actions (account.manage): each checks the user is within the caller's account.manage scope.

type Ctx = ActionContext & { actor: Actor };

/** Deactivates (never deletes) a user and signs them out; the last security admin or auditor stays. */
export async function setUserActive(db: Database, ctx: Ctx, id: number, active: boolean) {
  await assertInScope(db, ctx.actor, 'account.manage', id);
  await db.transaction().execute(async (trx) => {
    // One conditional write; no row means the user already was in that state (nothing to record).
    const user = await trx
      .updateTable('users')
      .set({ active, version: sql`version + 1`, updated_at: new Date() })
      .where('id', '=', id)
      .where('active', '=', !active)
      .returning('username')
      .executeTakeFirst();
    if (!user) return;
    // Checked after the write but in the same transaction (a refusal rolls it back), under the grants lock.
    if (!active) {
      await assertNotLastHolderOfAny(trx, id);
      await destroyUserSessions(trx, id);
    }
    await appendTimeline(trx, { type: 'user', id }, ctx.actor.userId, { kind: active ? 'reactivated' : 'deactivated' });
    await writeAudit(trx, ctx, {
      action: active ? 'reactivate' : 'deactivate',
      objectType: 'user',
      objectId: id,
      objectLabel: user.username,
      before: { active: !active },
      after: { active },
    });
  });
  return getUser(db, ctx.actor, id);
}

/** Clears a sign-in lockout (and the failure count) so the user can sign in at once. */
export async function unlockUser(db: Database, ctx: Ctx, id: number) {
  await assertInScope(db, ctx.actor, 'account.manage', id);
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .updateTable('users')
      .set({ locked_until: null, failed_logins: 0 })
      .where('id', '=', id)
      .returning('username')
      .executeTakeFirstOrThrow();
    await appendTimeline(trx, { type: 'user', id }, ctx.actor.userId, { kind: 'unlocked' });
    await writeAudit(trx, ctx, { action: 'unlock', objectType: 'user', objectId: id, objectLabel: user.username });
  });
  return getUser(db, ctx.actor, id);
}

/** Sets a new random password (shown once to the admin), forces a change at next sign-in, signs the user out. */
export async function resetPassword(db: Database, config: Config, ctx: Ctx, id: number) {
  await assertInScope(db, ctx.actor, 'account.manage', id);
  const password = generatePassword(config.PASSWORD_MIN_LENGTH);
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .updateTable('users')
      .set({
        password_hash: hash,
        must_change_password: true,
        password_changed_at: new Date(),
        locked_until: null,
        failed_logins: 0,
        version: sql`version + 1`,
      })
      .where('id', '=', id)
      .returning('username')
      .executeTakeFirstOrThrow();
    await appendTimeline(trx, { type: 'user', id }, ctx.actor.userId, { kind: 'passwordReset' });
    await writeAudit(trx, ctx, { action: 'passwordReset', objectType: 'user', objectId: id, objectLabel: user.username });
    // In the same transaction: no moment where the new password is set but old sessions still work.
    await destroyUserSessions(trx, id);
  });
  return password;
}
