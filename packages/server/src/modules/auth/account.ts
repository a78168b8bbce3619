import { type Me, translate } from '@shuyun/shared';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { assertPasswordPolicy, hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { destroyUserSessions } from '../../platform/auth/sessions.js';
import { mintToken } from '../../platform/auth/tokens.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';

type Ctx = ActionContext & { actor: Actor };

/** The signed-in user's own view: profile, roles and effective permissions. */
export async function getMe(db: Database, config: Config, actor: Actor, csrfToken: string | null): Promise<Me> {
  const user = await db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.email',
      'u.phone',
      'u.department_id',
      'd.name as department_name',
      'u.locale',
      'u.must_change_password',
    ])
    .where('u.id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  const roles = await db
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .select(['r.key', 'r.name', 'r.builtin', 'r.scope', 'ur.scope as grant_scope'])
    .where('ur.user_id', '=', actor.userId)
    .orderBy('r.id')
    .execute();
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    email: user.email,
    phone: user.phone,
    departmentId: user.department_id,
    departmentName: user.department_name,
    locale: actor.locale,
    mustChangePassword: user.must_change_password,
    roles: roles.map((r) => ({
      key: r.key,
      name: r.builtin ? translate(actor.locale, `roles.names.${r.key}`) : r.name,
      scope: (r.grant_scope ?? r.scope) as Me['roles'][number]['scope'],
    })),
    permissions: [...actor.permissions.keys()].sort(),
    csrfToken,
    idleTimeoutMinutes: config.SESSION_IDLE_MINUTES,
  };
}

/** Changes the caller's own password; other sessions of theirs are signed out. */
export async function changePassword(db: Database, config: Config, ctx: Ctx, keepSession: string | null, current: string, next: string) {
  const user = await db.selectFrom('users').select(['password_hash']).where('id', '=', ctx.actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, current))) throw new AppError('wrongPassword');
  if (current === next) throw new AppError('passwordReuse');
  assertPasswordPolicy(next, { minLength: config.PASSWORD_MIN_LENGTH, minClasses: config.PASSWORD_MIN_CLASSES });
  const hash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: false, password_changed_at: new Date(), version: (eb) => eb('version', '+', 1) })
      .where('id', '=', ctx.actor.userId)
      .execute();
    await writeAudit(trx, ctx, {
      action: 'auth.passwordChanged',
      objectType: 'user',
      objectId: ctx.actor.userId,
      objectLabel: ctx.actor.username,
    });
  });
  await destroyUserSessions(db, ctx.actor.userId, keepSession ?? undefined);
}

export async function updateProfile(db: Database, ctx: Ctx, changes: { locale?: string; phone?: string | null }) {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').select(['locale', 'phone']).where('id', '=', ctx.actor.userId).executeTakeFirstOrThrow();
    await trx
      .updateTable('users')
      .set({ ...changes, updated_at: new Date(), version: (eb) => eb('version', '+', 1) })
      .where('id', '=', ctx.actor.userId)
      .execute();
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'user',
      objectId: ctx.actor.userId,
      objectLabel: ctx.actor.username,
      before,
      after: changes,
    });
  });
}

function tokenView(row: {
  id: number;
  name: string;
  prefix: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
}) {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: iso(row.expires_at),
    lastUsedAt: iso(row.last_used_at),
  };
}

export async function listTokens(db: Database, actor: Actor) {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', actor.userId)
    .where('revoked_at', 'is', null)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(tokenView);
}

/** A personal API token acting with the user's own (live) permissions. The plain token is returned only here. */
export async function createToken(db: Database, ctx: Ctx, name: string, expiresAt: string | null | undefined) {
  const minted = mintToken();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({
        user_id: ctx.actor.userId,
        name,
        prefix: minted.prefix,
        token_hash: minted.hash,
        expires_at: expiresAt ? new Date(expiresAt) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, {
      action: 'auth.tokenCreated',
      objectType: 'token',
      objectId: row.id,
      objectLabel: name,
      after: { name, prefix: minted.prefix, expiresAt },
    });
    return { ...tokenView(row), token: minted.token };
  });
}

export async function revokeToken(db: Database, ctx: Ctx, id: number) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('user_id', '=', ctx.actor.userId)
      .where('revoked_at', 'is', null)
      .returning(['id', 'name'])
      .executeTakeFirst();
    if (!row) throw notFound();
    await writeAudit(trx, ctx, { action: 'auth.tokenRevoked', objectType: 'token', objectId: row.id, objectLabel: row.name });
  });
}
