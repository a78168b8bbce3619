import { registerRecordAccess } from '../../platform/access/records.js';
import { canReadIncident, canWorkOn, incidentsInScope } from './access.js';

/** Lets the timeline, attachments and links serve incidents to whoever may see them. */
export function registerIncidentRecords(): void {
  registerRecordAccess('incident', {
    canRead: canReadIncident,
    canWrite: async (db, actor, id) => {
      const row = await incidentsInScope(db, actor)
        .select(['i.status', 'i.assignee_id', 'i.team_id'])
        .where('i.id', '=', id)
        .executeTakeFirst();
      return !!row && canWorkOn(actor, row);
    },
    // Comments on incidents are IT-internal; everyone who may read incidents is IT staff.
    canSeeInternal: (actor) => actor.permissions.has('incident.read'),
  });
}
