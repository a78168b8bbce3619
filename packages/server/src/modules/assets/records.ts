import { registerRecordAccess } from '../../platform/access/records.js';
import { canReadAsset } from './access.js';

/** Lets the timeline, attachments and links serve an asset to whoever may read it (asset.read scope). */
export function registerAssetRecords(): void {
  registerRecordAccess('asset', {
    canRead: (db, actor, id) => canReadAsset(db, actor, id),
    canWrite: async (db, actor, id) => actor.permissions.has('asset.manage') && (await canReadAsset(db, actor, id)),
    canSeeInternal: (actor) => actor.permissions.has('asset.manage'),
  });
}
