import { type Kysely, sql } from 'kysely';
import { type Database, prepared, preparedMark } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { cached } from '../../platform/cache.js';

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
export async function autoAssign(db: Database, ticket: TicketForRules): Promise<AssignmentDecision | null> {
  const rules = await activeRules(db);
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

export const RULES_CACHE_KEY = 'tickets:assignmentRules';

/**
 * The active rules in order, with their team's name: read by every submission, so cached for a few
 * seconds (platform/cache.ts). Saving a rule forgets them at once on this instance; a team renamed
 * meanwhile keeps its old name in new timeline entries for at most those seconds.
 */
function activeRules(db: Database) {
  return cached(db, RULES_CACHE_KEY, () =>
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
      .orderBy('r.id')
      .execute(),
  );
}

/** Someone in the team who can take a ticket now; null when nobody can. */
async function pickMember(
  db: Kysely<DB>,
  teamId: number,
  strategy: 'round_robin' | 'least_loaded',
): Promise<{ id: number; display_name: string } | null> {
  const available = db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name'])
    .where('m.team_id', '=', teamId)
    .where('u.active', '=', true)
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM user_absences a WHERE a.user_id = u.id AND now() >= a.starts_at AND now() < a.ends_at)`)
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id AND 'ticket.handle' = ANY(r.permissions))`,
    );

  if (strategy === 'least_loaded') {
    const members = await prepared(available.orderBy('u.id')).execute();
    const ids = members.map((m) => m.id);
    if (!ids.length) return null;
    // Kept by a trigger on tickets (migration 0011): reading it is one row per member, where
    // counting the members' open tickets fetched every one of them.
    const loads = await db
      .selectFrom('ticket_open_load')
      .select(['user_id as assignee_id', 'open_count as n'])
      .where('user_id', 'in', ids)
      .execute();
    const load = new Map(loads.map((l) => [l.assignee_id, Number(l.n)]));
    const best = ids.reduce((best, id) => ((load.get(id) ?? 0) < (load.get(best) ?? 0) ? id : best), ids[0] as number);
    return members.find((m) => m.id === best) ?? null;
  }

  // Round robin: the position is a row per team. One statement finds who is available, and its
  // upsert reads and moves the position under the row's lock, so concurrent tickets take turns:
  // the next available member after the last one, else the first; nobody available moves nothing.
  const { rows } = await sql<{ id: number; display_name: string }>`
    WITH members AS (${available}), turn AS (
      INSERT INTO team_assignment_state AS s (team_id, last_user_id)
      SELECT ${teamId}::bigint, min(id) FROM members HAVING count(*) > 0
      ON CONFLICT (team_id) DO UPDATE
        SET last_user_id = coalesce((SELECT min(id) FROM members WHERE id > s.last_user_id), (SELECT min(id) FROM members))
      RETURNING last_user_id
    )
    SELECT m.id, m.display_name FROM turn JOIN members m ON m.id = turn.last_user_id ${preparedMark}`.execute(db);
  return rows[0] ?? null;
}
