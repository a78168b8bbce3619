import { registerRecordAccess } from '../../platform/access/records.js';
import { AppError } from '../../platform/errors.js';
import { type KnowledgeSourceAdapter, registerKnowledgeSource, type SourceRecord } from '../knowledge/sources.js';
import { canReadFault, faultsInScope, loadFault } from './access.js';

const recordOf = (f: { id: number; number: string; title: string }): SourceRecord => ({
  type: 'fault',
  id: f.id,
  number: f.number,
  title: f.title,
  link: `/faults/${f.id}`,
});

/**
 * Faults as a knowledge source: "沉淀为知识" turns a fault into a known-error draft — symptom from its
 * description and impact, cause from its root cause, fix from its resolution, its systems. Everything
 * goes through the fault scope, so a fault the caller cannot read is not found.
 */
export const faultKnowledgeSource: KnowledgeSourceAdapter = {
  async capture(db, actor, id) {
    const f = await loadFault(db, actor, id);
    const systems = await db
      .selectFrom('fault_systems as fs')
      .innerJoin('it_systems as s', 's.id', 'fs.system_id')
      .select(['s.id', 's.name'])
      .where('fs.fault_id', '=', id)
      .execute();
    return {
      record: recordOf(f),
      draft: {
        title: f.title,
        type: 'known_error',
        symptom: [f.description.trim() || f.title, f.impact_business?.trim()].filter(Boolean).join('\n\n'),
        cause: f.root_cause?.trim() ?? '',
        solution: f.resolution?.trim() ?? '',
        systemIds: systems.map((s) => s.id),
        tags: systems.map((s) => s.name.slice(0, 30)),
      },
    };
  },
  async forApplication(db, actor, id) {
    const f = await loadFault(db, actor, id);
    if (!actor.permissions.has('fault.handle')) throw new AppError('forbidden');
    return recordOf(f);
  },
  async describe(db, actor, ids) {
    if (!ids.length) return [];
    const rows = await faultsInScope(db, actor).select(['f.id', 'f.number', 'f.title']).where('f.id', 'in', ids).orderBy('f.id').execute();
    return rows.map(recordOf);
  },
  async problemText(db, actor, id) {
    const f = await loadFault(db, actor, id);
    const system = await db
      .selectFrom('fault_systems')
      .select('system_id')
      .where('fault_id', '=', id)
      .orderBy('system_id')
      .executeTakeFirst();
    return { record: recordOf(f), text: `${f.title} ${f.description.slice(0, 200)}`.trim(), systemId: system?.system_id ?? null };
  },
};

/** Lets the timeline, attachments, links and knowledge serve faults to whoever may read them (fault.read scope). */
export function registerFaultRecords(): void {
  registerRecordAccess('fault', {
    canRead: (db, actor, id) => canReadFault(db, actor, id),
    canWrite: async (db, actor, id) => actor.permissions.has('fault.handle') && (await canReadFault(db, actor, id)),
    canSeeInternal: (actor) => actor.permissions.has('fault.handle'),
  });
  registerKnowledgeSource('fault', faultKnowledgeSource);
}
