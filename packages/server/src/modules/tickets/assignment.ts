import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface AssignmentDecision {
  teamId: number;
  assigneeId: number | null;
  ruleId: number;
  ruleName: string;
  strategy: string;
  /** Why, for the timeline: which conditions matched. */
  matched: string[];
}

interface TicketForRules {
  title: string;
  description: string;
  catalogItemId: number | null;
  requesterDepartmentId: number | null;
  systemId: number | null;
}

/**
 * Picks a team (and maybe a person) by the first active rule whose conditions all hold: catalogue
 * item, requester's department (or a parent of it), IT system, keywords in the title/description.
 * Empty conditions match anything. Within the team, round-robin or least open load, skipping people
 * who are deactivated, away (user_absences) or lack ticket.handle.
 */
export async function autoAssign(trx: Transaction<DB>, ticket: TicketForRules): Promise<AssignmentDecision | null> {
  const rules = await trx
    .selectFrom('assignment_rules')
    .selectAll()
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  if (!rules.length) return null;
  const departmentPath = ticket.requesterDepartmentId
    ? (await trx.selectFrom('departments').select('path').where('id', '=', ticket.requesterDepartmentId).executeTakeFirst())?.path
    : undefined;
  const ancestors = new Set((departmentPath ?? '').split('/').filter(Boolean).map(Number));
  const text = `${ticket.title}\n${ticket.description}`.toLowerCase();

  for (const rule of rules) {
    const matched: string[] = [];
    if (rule.catalog_item_ids.length) {
      if (!ticket.catalogItemId || !rule.catalog_item_ids.includes(ticket.catalogItemId)) continue;
      matched.push('catalogItem');
    }
    if (rule.department_ids.length) {
      if (!rule.department_ids.some((d) => ancestors.has(d))) continue;
      matched.push('department');
    }
    if (rule.system_ids.length) {
      if (!ticket.systemId || !rule.system_ids.includes(ticket.systemId)) continue;
      matched.push('system');
    }
    if (rule.keywords.length) {
      const hit = rule.keywords.find((k) => text.includes(k.toLowerCase()));
      if (!hit) continue;
      matched.push(`keyword:${hit}`);
    }
    const assigneeId =
      rule.strategy === 'none' ? null : await pickMember(trx, rule.team_id, rule.strategy as 'round_robin' | 'least_loaded');
    return { teamId: rule.team_id, assigneeId, ruleId: rule.id, ruleName: rule.name, strategy: rule.strategy, matched };
  }
  return null;
}

/** Someone in the team who can take a ticket now; null when nobody can. */
async function pickMember(trx: Transaction<DB>, teamId: number, strategy: 'round_robin' | 'least_loaded'): Promise<number | null> {
  const members = await trx
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id'])
    .where('m.team_id', '=', teamId)
    .where('u.active', '=', true)
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM user_absences a WHERE a.user_id = u.id AND now() >= a.starts_at AND now() < a.ends_at)`)
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id AND 'ticket.handle' = ANY(r.permissions))`,
    )
    .orderBy('u.id')
    .execute();
  const ids = members.map((m) => m.id);
  if (!ids.length) return null;

  if (strategy === 'least_loaded') {
    const loads = await trx
      .selectFrom('tickets')
      .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('assignee_id', 'in', ids)
      .where('status', 'in', ['new', 'in_progress', 'on_hold'])
      .groupBy('assignee_id')
      .execute();
    const load = new Map(loads.map((l) => [l.assignee_id, Number(l.n)]));
    return ids.reduce((best, id) => ((load.get(id) ?? 0) < (load.get(best) ?? 0) ? id : best), ids[0] as number);
  }

  // Round robin: the position is a row per team, locked so concurrent tickets take turns.
  await trx
    .insertInto('team_assignment_state')
    .values({ team_id: teamId, last_user_id: null })
    .onConflict((oc) => oc.column('team_id').doNothing())
    .execute();
  const state = await trx
    .selectFrom('team_assignment_state')
    .select('last_user_id')
    .where('team_id', '=', teamId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const next = ids.find((id) => state.last_user_id === null || id > state.last_user_id) ?? (ids[0] as number);
  await trx.updateTable('team_assignment_state').set({ last_user_id: next }).where('team_id', '=', teamId).execute();
  return next;
}
