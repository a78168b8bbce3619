import { registerRecordAccess } from '../../platform/access/records.js';
import { isInScope } from './users.js';

/** Lets the timeline and attachments serve user records to whoever may see the user. */
export function registerOrgRecords(): void {
  registerRecordAccess('user', {
    canRead: (db, actor, id) => isInScope(db, actor, 'org.user.read', id),
    // Their own record, or one within their org.user.manage scope (an id that does not exist is in nobody's).
    canWrite: (db, actor, id) => isInScope(db, actor, 'org.user.manage', id).then((ok) => ok || actor.userId === id),
    canSeeInternal: (actor) => actor.permissions.has('org.user.manage') || actor.permissions.has('account.manage'),
  });
}
