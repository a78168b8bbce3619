import type { Priority } from '@shuyun/shared';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { computeSla, loadSlaContext, type SlaContext, type SlaEvent } from '../sla/service.js';

const BATCH = 500;

/**
 * Sets `sla_response_breached` / `sla_resolution_breached` from each ticket's SLA event history, for
 * tickets written before the flags existed or loaded in bulk (demo, bench). Only tickets with a
 * recorded breach can have either flag set, so only those are recomputed; `refreshSla` keeps the
 * flags of every ticket it touches from then on.
 */
export async function backfillSlaOutcomes(db: Kysely<DB>, now = new Date()): Promise<number> {
  const contexts = new Map<number | null, Promise<SlaContext>>();
  const contextOf = (policyId: number | null) => {
    let context = contexts.get(policyId);
    if (!context) {
      context = loadSlaContext(db, policyId);
      contexts.set(policyId, context);
    }
    return context;
  };
  let afterId = 0;
  let updated = 0;
  for (;;) {
    const tickets = await db
      .selectFrom('tickets')
      .select(['id', 'sla_policy_id'])
      .where('sla_breached_at', 'is not', null)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (!tickets.length) return updated;
    afterId = tickets[tickets.length - 1]?.id ?? afterId;
    const events = await db
      .selectFrom('ticket_sla_events')
      .select(['ticket_id', 'at', 'kind', 'priority', 'reason'])
      .where(
        'ticket_id',
        'in',
        tickets.map((t) => t.id),
      )
      .orderBy('ticket_id')
      .orderBy('id')
      .execute();
    const byTicket = new Map<number, SlaEvent[]>();
    for (const e of events) {
      const list = byTicket.get(e.ticket_id) ?? [];
      list.push({
        at: new Date(e.at),
        kind: e.kind as SlaEvent['kind'],
        ...(e.priority ? { priority: e.priority as Priority } : {}),
        ...(e.reason ? { reason: e.reason } : {}),
      });
      byTicket.set(e.ticket_id, list);
    }
    const values: { id: number; response: boolean; resolution: boolean }[] = [];
    for (const ticket of tickets) {
      const history = byTicket.get(ticket.id);
      if (!history?.length) continue;
      const { policy, calendar } = await contextOf(ticket.sla_policy_id);
      const result = computeSla({ targets: policy.targets, warnRatio: policy.warnRatio, calendar, events: history, now });
      values.push({ id: ticket.id, response: !!result.response.breachedAt, resolution: !!result.resolution.breachedAt });
    }
    if (values.length) {
      const rows = sql.join(values.map((v) => sql`(${v.id}::bigint, ${v.response}::boolean, ${v.resolution}::boolean)`));
      await sql`
        UPDATE tickets t SET sla_response_breached = v.response, sla_resolution_breached = v.resolution
        FROM (VALUES ${rows}) AS v (id, response, resolution)
        WHERE t.id = v.id`.execute(db);
      updated += values.length;
    }
  }
}
