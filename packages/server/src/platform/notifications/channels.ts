import { translate } from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import { writeAudit } from '../audit/audit.js';
import { forgetCached } from '../cache.js';
import type { ActionContext, Actor } from '../context.js';
import { AppError, notFound, versionConflict } from '../errors.js';
import { maskSecret, maskUrl } from './bots.js';
import type { BotType } from './events.js';
import { CHANNELS_CACHE_KEY } from './notify.js';

type Ctx = ActionContext & { actor: Actor };

function fieldError(actor: Actor, path: string, key: string): AppError {
  return new AppError('validation', {}, [{ path, code: 'invalidValue', message: translate(actor.locale, key) }]);
}

/** An unknown team answers 400 naming the field; anything else is rethrown. */
function rethrowWriteError(error: unknown, actor: Actor): never {
  const pgError = error as { code?: string; constraint?: string };
  if (pgError.code === '23503' && pgError.constraint === 'notification_channels_team_id_fkey') {
    throw fieldError(actor, 'teamId', 'errors.notFound');
  }
  throw error;
}

export interface ChannelInput {
  type: BotType;
  name: string;
  webhookUrl: string;
  secret?: string | null;
  eventTypes: string[];
  teamId?: number | null;
  locale?: 'zh-CN' | 'en-US';
  enabled?: boolean;
}

export type ChannelUpdate = Partial<Omit<ChannelInput, 'type'>> & { version: number };

/** Group-bot channels as admins see them: the webhook URL and secret only masked. */
export async function listChannels(db: Database, id?: number) {
  let query = db
    .selectFrom('notification_channels as c')
    .leftJoin('teams as t', 't.id', 'c.team_id')
    .selectAll('c')
    .select('t.name as team_name')
    .orderBy('c.id');
  if (id) query = query.where('c.id', '=', id);
  const rows = await query.execute();
  return rows.map((c) => ({
    id: c.id,
    type: c.type,
    name: c.name,
    webhookUrl: maskUrl(c.webhook_url),
    secret: maskSecret(c.secret),
    eventTypes: c.event_types,
    teamId: c.team_id,
    teamName: c.team_name,
    locale: c.locale as 'zh-CN' | 'en-US',
    enabled: c.enabled,
    version: c.version,
    createdAt: new Date(c.created_at).toISOString(),
    updatedAt: new Date(c.updated_at).toISOString(),
  }));
}

export type ChannelView = Awaited<ReturnType<typeof listChannels>>[number];

// What the audit log keeps of a channel: never the webhook URL's token or the secret.
function auditView(input: Partial<ChannelInput>) {
  const { webhookUrl, secret, ...rest } = input;
  return {
    ...rest,
    ...(webhookUrl !== undefined ? { webhookUrl: maskUrl(webhookUrl) } : {}),
    ...(secret !== undefined ? { secretChanged: true } : {}),
  };
}

export async function createChannel(db: Database, ctx: Ctx, input: ChannelInput): Promise<number> {
  if (input.type === 'wecom' && input.secret) throw fieldError(ctx.actor, 'secret', 'notifications.admin.wecomNoSecret');
  const created = await db.transaction().execute(async (trx) => {
    try {
      const { id } = await trx
        .insertInto('notification_channels')
        .values({
          type: input.type,
          name: input.name,
          webhook_url: input.webhookUrl,
          secret: input.secret ?? null,
          event_types: input.eventTypes,
          team_id: input.teamId ?? null,
          locale: input.locale ?? 'zh-CN',
          enabled: input.enabled ?? true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, {
        action: 'create',
        objectType: 'notificationChannel',
        objectId: id,
        objectLabel: input.name,
        after: auditView(input),
      });
      return id;
    } catch (error) {
      rethrowWriteError(error, ctx.actor);
    }
  });
  forgetCached(db, CHANNELS_CACHE_KEY);
  return created;
}

/** Edits a channel; an omitted webhook URL or secret is kept, a null secret removes it. */
export async function updateChannel(db: Database, ctx: Ctx, id: number, input: ChannelUpdate): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('notification_channels').select(['name', 'type']).where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound();
    if (before.type === 'wecom' && input.secret) throw fieldError(ctx.actor, 'secret', 'notifications.admin.wecomNoSecret');
    try {
      const result = await trx
        .updateTable('notification_channels')
        .set({
          name: input.name,
          webhook_url: input.webhookUrl,
          secret: input.secret,
          event_types: input.eventTypes,
          team_id: input.teamId,
          locale: input.locale,
          enabled: input.enabled,
          version: input.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw versionConflict();
    } catch (error) {
      rethrowWriteError(error, ctx.actor);
    }
    const { version: _v, ...changes } = input;
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'notificationChannel',
      objectId: id,
      objectLabel: input.name ?? before.name,
      after: auditView(changes),
    });
  });
  forgetCached(db, CHANNELS_CACHE_KEY);
}

/** Deletes a channel; its past deliveries stay in the log (they keep the masked target). */
export async function deleteChannel(db: Database, ctx: Ctx, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('notification_channels').where('id', '=', id).returning(['name']).executeTakeFirst();
    if (!row) throw notFound();
    await writeAudit(trx, ctx, { action: 'delete', objectType: 'notificationChannel', objectId: id, objectLabel: row.name });
  });
  forgetCached(db, CHANNELS_CACHE_KEY);
}
