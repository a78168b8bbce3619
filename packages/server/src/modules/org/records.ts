import { registerRecordAccess } from '../../platform/access/records.js';
import { notFound } from '../../platform/errors.js';
import { getUser } from './users.js';

/** Lets the timeline and attachments serve user records to whoever may see the user. */
export function registerOrgRecords(): void {
  registerRecordAccess('user', {
    canRead: (db, actor, id) =>
      getUser(db, actor, id).then(
        () => true,
        (error) => {
          if (error instanceof Error && error.message === notFound().message) return false;
          throw error;
        },
      ),
    canWrite: async (_db, actor, id) => actor.permissions.has('org.user.manage') || actor.userId === id,
    canSeeInternal: (actor) => actor.permissions.has('org.user.manage') || actor.permissions.has('account.manage'),
  });
}
