import { createHash } from 'node:crypto';
import {
  ALERT_SEVERITY_LEVELS,
  type AlertmanagerPayload,
  INCIDENT_CATEGORIES,
  INCIDENT_OPEN_STATUSES,
  type IncidentCategory,
  incidentPriority,
  reviewRequiredFor,
  translate,
} from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { randomToken, safeEqual, sha256 } from '../../platform/auth/secrets.js';
import type { ActionContext } from '../../platform/context.js';
import { AppError, fieldError, versionConflict } from '../../platform/errors.js';
import { localMinute } from '../../platform/i18n.js';
import { nextRecordNumber } from '../../platform/numbering/numbering.js';
import { appendTimeline, appendTimelineEntries } from '../../platform/timeline/timeline.js';
import type { Ctx } from './access.js';
import { type IncidentPlatform, notifyMajor } from './notify.js';

export const ALERT_TOKEN_PREFIX = 'syam_';
const OPEN = INCIDENT_OPEN_STATUSES;
const WARNING_LEVELS = { impact: 'medium', urgency: 'medium' } as const;

// ---- settings ----

export async function getIncidentSettings(db: Database) {
  const row = await db
    .selectFrom('incident_settings as s')
    .leftJoin('teams as t', 't.id', 's.default_team_id')
    .select(['s.token_prefix', 's.token_rotated_at', 's.version', 't.id as team_id', 't.name as team_name'])
    .where('s.id', '=', 1)
    .executeTakeFirstOrThrow();
  return {
    defaultTeam: row.team_id ? { id: row.team_id, name: row.team_name ?? '' } : null,
    tokenPrefix: row.token_prefix,
    tokenRotatedAt: row.token_rotated_at ? new Date(row.token_rotated_at).toISOString() : null,
    version: row.version,
  };
}

export async function updateIncidentSettings(db: Database, ctx: Ctx, input: { version: number; defaultTeamId: number | null }) {
  if (input.defaultTeamId) {
    const team = await db
      .selectFrom('teams')
      .select('id')
      .where('id', '=', input.defaultTeamId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!team) throw fieldError('defaultTeamId', 'notFound', 'incidents.errors.unknownTeam');
  }
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('incident_settings')
      .set({ default_team_id: input.defaultTeamId, version: sql`version + 1` as never, updated_at: new Date() })
      .where('id', '=', 1)
      .where('version', '=', input.version)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw versionConflict();
    await writeAudit(trx, ctx, {
      action: 'incident.settings',
      objectType: 'incidentSettings',
      after: { defaultTeamId: input.defaultTeamId },
    });
  });
}

/** Makes a new webhook token (the old one stops working at once). The plain token is returned once; only its hash is kept. */
export async function rotateAlertToken(db: Database, ctx: Ctx) {
  const token = `${ALERT_TOKEN_PREFIX}${randomToken(30)}`;
  const prefix = token.slice(0, 10);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('incident_settings')
      .set({
        token_hash: sha256(token),
        token_prefix: prefix,
        token_rotated_at: new Date(),
        version: sql`version + 1` as never,
        updated_at: new Date(),
      })
      .where('id', '=', 1)
      .execute();
    await writeAudit(trx, ctx, { action: 'incident.rotateToken', objectType: 'incidentSettings', after: { tokenPrefix: prefix } });
  });
  return { token, tokenPrefix: prefix };
}

/** True when the Authorization header carries the current webhook token (compared by hash, in constant time). */
export async function alertTokenValid(db: Database, header: string | undefined): Promise<boolean> {
  if (!header?.startsWith('Bearer ')) return false;
  const token = header.slice(7).trim();
  if (!token) return false;
  const row = await db.selectFrom('incident_settings').select('token_hash').where('id', '=', 1).executeTakeFirst();
  return !!row?.token_hash && safeEqual(sha256(token), row.token_hash);
}

// ---- the webhook ----

type Alert = AlertmanagerPayload['alerts'][number];

/** Alertmanager always sends a fingerprint; a sender that does not gets one from the sorted labels. */
function fingerprintOf(alert: Alert): string {
  if (alert.fingerprint) return alert.fingerprint;
  const labels = Object.entries(alert.labels).sort(([a], [b]) => (a < b ? -1 : 1));
  return `labels:${createHash('sha256').update(JSON.stringify(labels)).digest('hex').slice(0, 32)}`;
}

function validDate(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  // Alertmanager's "no end yet" is 0001-01-01.
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 2000 ? null : date;
}

async function systemFor(trx: Transaction<DB>, labels: Record<string, string>): Promise<number | null> {
  const code = labels.system ?? labels.service;
  if (!code) return null;
  const row = await trx.selectFrom('it_systems').select('id').where(sql<string>`lower(code)`, '=', code.toLowerCase()).executeTakeFirst();
  return row?.id ?? null;
}

function describe(alert: Alert): string {
  const lines = [alert.annotations.description ?? '', '', ...Object.entries(alert.labels).map(([k, v]) => `${k}=${v}`)];
  if (alert.generatorURL) lines.push('', alert.generatorURL);
  return lines.join('\n').trim().slice(0, 10_000);
}

/**
 * One delivery of Alertmanager: each firing alert opens an incident, or — when its fingerprint already
 * has an open incident — counts a repeat on it; each resolved alert resolves its open incident. The
 * partial unique index on open fingerprints makes concurrent deliveries of one alert open one incident:
 * the loser's insert does nothing and it counts a repeat instead. Each alert is its own transaction.
 */
export async function receiveAlerts(platform: IncidentPlatform, meta: ActionContext, payload: AlertmanagerPayload) {
  const result = { created: 0, repeated: 0, resolved: 0 };
  const ctx: ActionContext = { ...meta, actor: null };
  const settings = await platform.db
    .selectFrom('incident_settings')
    .select('default_team_id')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  for (const alert of payload.alerts) {
    const fingerprint = fingerprintOf(alert);
    if (alert.status === 'firing') {
      const outcome = await fire(platform, ctx, alert, fingerprint, settings.default_team_id);
      result[outcome]++;
    } else if (await resolve(platform, ctx, alert, fingerprint)) {
      result.resolved++;
    }
  }
  return result;
}

async function repeat(trx: Transaction<DB>, fingerprint: string): Promise<boolean> {
  const open = await trx
    .updateTable('incidents')
    .set({ alert_count: sql`alert_count + 1` as never, alert_last_at: new Date(), updated_at: new Date() })
    .where('alert_fingerprint', '=', fingerprint)
    .where('status', 'in', [...OPEN])
    .returning(['id', 'alert_count'])
    .executeTakeFirst();
  if (!open) return false;
  await appendTimeline(trx, { type: 'incident', id: open.id }, null, { kind: 'incidentAlertRepeated', count: open.alert_count });
  return true;
}

async function fire(
  platform: IncidentPlatform,
  ctx: ActionContext,
  alert: Alert,
  fingerprint: string,
  defaultTeamId: number | null,
): Promise<'created' | 'repeated'> {
  const { db, config } = platform;
  return db.transaction().execute(async (trx) => {
    if (await repeat(trx, fingerprint)) return 'repeated';
    const severity = (alert.labels.severity ?? 'warning').toLowerCase();
    // Own keys only: a label like "constructor" or "__proto__" must not read Object.prototype.
    const levels = (Object.hasOwn(ALERT_SEVERITY_LEVELS, severity) ? ALERT_SEVERITY_LEVELS[severity] : undefined) ?? WARNING_LEVELS;
    const priority = incidentPriority(levels.impact, levels.urgency);
    const category: IncidentCategory = (INCIDENT_CATEGORIES as readonly string[]).includes(alert.labels.category ?? '')
      ? (alert.labels.category as IncidentCategory)
      : 'service';
    const alertname = alert.labels.alertname ?? fingerprint;
    const title = (alert.annotations.summary || alertname).slice(0, 200);
    // On the transaction's own connection: a second one could wait forever on a pool whose every
    // connection is held by an alert transaction. Alerts are rare; the counter row's lock is not contended.
    const number = await nextRecordNumber(trx, 'incident', config.TIMEZONE);
    const inserted = await trx
      .insertInto('incidents')
      .values({
        number,
        title,
        description: describe(alert),
        source: 'alert',
        category,
        impact: levels.impact,
        urgency: levels.urgency,
        priority,
        status: 'new',
        team_id: defaultTeamId,
        system_id: await systemFor(trx, alert.labels),
        alert_fingerprint: fingerprint,
        alert_labels: JSON.stringify(alert.labels),
        alert_count: 1,
        alert_last_at: new Date(),
        occurred_at: validDate(alert.startsAt) ?? new Date(),
        review_required: reviewRequiredFor(priority),
      })
      .onConflict((oc) =>
        oc
          .column('alert_fingerprint')
          .where('alert_fingerprint', 'is not', null)
          .where('status', 'in', [...OPEN])
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      // Another delivery of the same alert opened it a moment ago (it committed while we waited).
      if (await repeat(trx, fingerprint)) return 'repeated';
      throw new AppError('conflict');
    }
    await appendTimelineEntries(trx, { type: 'incident', id: inserted.id }, [
      { actorId: null, event: { kind: 'incidentFromAlert', alertname, severity } },
    ]);
    await writeAudit(trx, ctx, {
      action: 'incident.alert',
      objectType: 'incident',
      objectId: inserted.id,
      objectLabel: number,
      actorName: 'Alertmanager',
      after: { fingerprint, alertname, severity, priority },
    });
    await notifyMajor(trx, platform, null, { id: inserted.id, number, title, priority, teamId: defaultTeamId });
    return 'created';
  });
}

async function resolve(platform: IncidentPlatform, ctx: ActionContext, alert: Alert, fingerprint: string): Promise<boolean> {
  const { db, config } = platform;
  const endsAt = validDate(alert.endsAt) ?? new Date();
  return db.transaction().execute(async (trx) => {
    // The stored resolution is in the primary language; the timeline entry is rendered per reader.
    const resolution = translate('zh-CN', 'incidents.alert.recovered', { at: localMinute(endsAt, config.TIMEZONE) });
    const row = await trx
      .updateTable('incidents')
      .set({
        status: 'resolved',
        resolved_at: endsAt,
        resolution,
        updated_at: new Date(),
        version: sql`version + 1` as never,
      })
      .where('alert_fingerprint', '=', fingerprint)
      .where('status', 'in', [...OPEN])
      .returning(['id', 'number', 'status'])
      .executeTakeFirst();
    if (!row) return false;
    await appendTimeline(trx, { type: 'incident', id: row.id }, null, { kind: 'incidentAlertResolved', endsAt: endsAt.toISOString() });
    await writeAudit(trx, ctx, {
      action: 'incident.alertResolved',
      objectType: 'incident',
      objectId: row.id,
      objectLabel: row.number,
      actorName: 'Alertmanager',
      after: { fingerprint, endsAt: endsAt.toISOString() },
    });
    return true;
  });
}
