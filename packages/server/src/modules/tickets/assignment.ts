import { type Kysely, sql } from 'kysely';
import { prepared } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

export interface AssignmentDecision {
  teamId: number;
  /** Names as they are now, for the timeline. */
  teamName: string;
  assigneeId: number | null;
  assigneeName: string | null;
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
  /** The requester's department path ('/1/4/'), which holds its parents too. */
  requesterDepartmentPath: string | null;
  systemId: number | null;
}

/**
 * Picks a team (and maybe a person) by the first active rule whose conditions all hold: catalogue
 * item, requester's department (or a parent of it), IT system, keywords in the title/description.
 * Empty conditions match anything. Within the team, round-robin or least open load, skipping people
 * who are deactivated, away (user_absences) or lack ticket.handle.
 */
export async function autoAssign(db: Kysely<DB>, ticket: TicketForRules): Promise<AssignmentDecision | null> {
  const rules = await prepared(
    db
      .selectFrom('assignment_rules as r')
      .innerJoin('teams as tm', 'tm.id', 'r.team_id')
      .select([
        'r.id',
        'r.name',
        'r.catalog_item_ids',
        'r.department_ids',
        'r.system_ids',
        'r.keywords',
        'r.team_id',
        'r.strategy',
        'tm.name as team_name',
      ])
      .where('r.active', '=', true)
      .orderBy('r.sort_order')
      .orderBy('r.id'),
  ).execute();
  if (!rules.length) return null;
  const ancestors = new Set((ticket.requesterDepartmentPath ?? '').split('/').filter(Boolean).map(Number));
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
    const assignee = rule.strategy === 'none' ? null : await pickMember(db, rule.team_id, rule.strategy as 'round_robin' | 'least_loaded');
    return {
      teamId: rule.team_id,
      teamName: rule.team_name,
      assigneeId: assignee?.id ?? null,
      assigneeName: assignee?.display_name ?? null,
      ruleId: rule.id,
      ruleName: rule.name,
      strategy: rule.strategy,
      matched,
    };
  }
  return null;
}

/** Someone in the team who can take a ticket now; null when nobody can. */
async function pickMember(
  db: Kysely<DB>,
  teamId: number,
  strategy: 'round_robin' | 'least_loaded',
): Promise<{ id: number; display_name: string } | null> {
  const members = await prepared(
    db
      .selectFrom('team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.display_name'])
      .where('m.team_id', '=', teamId)
      .where('u.active', '=', true)
      .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM user_absences a WHERE a.user_id = u.id AND now() >= a.starts_at AND now() < a.ends_at)`)
      .where(
        sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id AND 'ticket.handle' = ANY(r.permissions))`,
      )
      .orderBy('u.id'),
  ).execute();
  const ids = members.map((m) => m.id);
  if (!ids.length) return null;
  const member = (id: number) => members.find((m) => m.id === id) ?? null;

  if (strategy === 'least_loaded') {
    // Kept by a trigger on tickets (migration 0011): reading it is one row per member, where
    // counting the members' open tickets fetched every one of them.
    const loads = await db
      .selectFrom('ticket_open_load')
      .select(['user_id as assignee_id', 'open_count as n'])
      .where('user_id', 'in', ids)
      .execute();
    const load = new Map(loads.map((l) => [l.assignee_id, Number(l.n)]));
    return member(ids.reduce((best, id) => ((load.get(id) ?? 0) < (load.get(best) ?? 0) ? id : best), ids[0] as number));
  }

  // Round robin: the position is a row per team. One upsert reads and moves it under the row's lock,
  // so concurrent tickets take turns: the next member after the last one, else the first.
  const first = ids[0] as number;
  const turn = await db
    .insertInto('team_assignment_state')
    .values({ team_id: teamId, last_user_id: first })
    .onConflict((oc) =>
      oc.column('team_id').doUpdateSet({
        last_user_id: sql<number>`coalesce((SELECT min(x) FROM unnest(${ids}::bigint[]) AS x WHERE x > team_assignment_state.last_user_id), ${first})`,
      }),
    )
    .returning('last_user_id')
    .executeTakeFirstOrThrow();
  return member(turn.last_user_id ?? first);
}
