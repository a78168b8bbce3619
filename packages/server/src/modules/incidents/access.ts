import type { IncidentActorFacts, IncidentFacts, IncidentStatus } from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import { scopeFilter } from '../../platform/access/scope.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';

export type Ctx = ActionContext & { actor: Actor };

/**
 * Which incidents a person sees under `incident.read`: own = reported by or assigned to them; team =
 * their teams' incidents plus own (and their teammates'); department = reported from their department
 * and below, plus own; all. Outside it an incident is simply not found.
 */
export function incidentScope(actor: Actor) {
  return scopeFilter<'incidents'>(actor, 'incident.read', {
    users: ['i.reporter_id', 'i.assignee_id'],
    department: 'i.reporter_department_id',
    team: 'i.team_id',
  });
}

export function incidentsInScope(db: Database, actor: Actor) {
  return db.selectFrom('incidents as i').where(incidentScope(actor) as never);
}

export async function canReadIncident(db: Database, actor: Actor, id: number): Promise<boolean> {
  return !!(await incidentsInScope(db, actor).select('i.id').where('i.id', '=', id).executeTakeFirst());
}

export interface LoadedIncident {
  id: number;
  number: string;
  title: string;
  status: IncidentStatus;
  priority: 'P1' | 'P2' | 'P3' | 'P4';
  team_id: number | null;
  assignee_id: number | null;
  reporter_id: number | null;
  review_required: boolean;
  version: number;
}

/** The incident if the actor may see it; 404 otherwise. */
export async function loadIncident(db: Database, actor: Actor, id: number): Promise<LoadedIncident> {
  const row = await incidentsInScope(db, actor)
    .select([
      'i.id',
      'i.number',
      'i.title',
      'i.status',
      'i.priority',
      'i.team_id',
      'i.assignee_id',
      'i.reporter_id',
      'i.review_required',
      'i.version',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export function actorFacts(actor: Actor): IncidentActorFacts {
  return {
    userId: actor.userId,
    canHandle: actor.permissions.has('incident.handle'),
    canManage: actor.permissions.has('incident.manage'),
    teamIds: actor.teamIds,
  };
}

export function factsOf(row: { status: IncidentStatus; assignee_id: number | null; team_id: number | null }): IncidentFacts {
  return { status: row.status, assigneeId: row.assignee_id, teamId: row.team_id };
}

/**
 * Whether the actor works this incident (comments, work log, links, review): a manager, or a handler
 * to whom it or their team is assigned (or no team yet).
 */
export function worksOn(actor: Actor, row: { assignee_id: number | null; team_id: number | null }): boolean {
  if (actor.permissions.has('incident.manage')) return true;
  if (!actor.permissions.has('incident.handle')) return false;
  return row.assignee_id === actor.userId || row.team_id === null || actor.teamIds.includes(row.team_id);
}

/** Whether the actor may work on it now: works it, and it is not cancelled (a closed one keeps its review going). */
export function canWorkOn(actor: Actor, row: { status: IncidentStatus; assignee_id: number | null; team_id: number | null }): boolean {
  return worksOn(actor, row) && row.status !== 'cancelled';
}

/** The incident for work on it (comments, work log, links, review): 404 out of scope, 403 to someone who does not work it, 409 when cancelled. */
export async function loadWorkable(db: Database, actor: Actor, id: number): Promise<LoadedIncident> {
  const incident = await loadIncident(db, actor, id);
  if (!worksOn(actor, incident)) throw forbidden();
  if (incident.status === 'cancelled') throw new AppError('invalidTransition');
  return incident;
}
