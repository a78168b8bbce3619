import { registerRecordAccess } from '../../platform/access/records.js';

/** Lets the timeline serve a spare item's history (admin changes) to holders of spare.read. */
export function registerSpareRecords(): void {
  registerRecordAccess('spareItem', {
    canRead: async (db, actor, id) =>
      actor.permissions.has('spare.read') && !!(await db.selectFrom('spare_items').select('id').where('id', '=', id).executeTakeFirst()),
    canWrite: async () => false,
  });
}
