import type { CreateDemandBody } from '@shuyun/shared';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { nextRecordNumber } from '../../platform/numbering/numbering.js';
import { appendTimelineEntries } from '../../platform/timeline/timeline.js';
import type { Ctx } from './load.js';
import { notifyDemand } from './notify.js';

/**
 * 提交需求: the system's analyst (业务分工) is copied onto the demand and told. A system without an
 * analyst refuses the demand, naming the system — a demand nobody owns would sit unseen.
 */
export async function submitDemand(platform: Pick<Platform, 'db' | 'config' | 'jobs' | 'realtime'>, ctx: Ctx, input: CreateDemandBody) {
  const { db, config } = platform;
  return db.transaction().execute(async (trx) => {
    const system = await trx
      .selectFrom('it_systems as s')
      .leftJoin('users as a', (j) => j.onRef('a.id', '=', 's.analyst_id').on('a.active', '=', true))
      .select(['s.id', 's.name', 'a.id as analyst_id'])
      .where('s.id', '=', input.systemId)
      .where('s.active', '=', true)
      .executeTakeFirst();
    if (!system) throw new AppError('validation', {}, [{ path: 'systemId', code: 'notFound', message: 'i18n:errors.notFound' }]);
    if (!system.analyst_id) throw new AppError('demandNoAnalyst', { system: system.name });
    const number = await nextRecordNumber(trx, 'demand', config.TIMEZONE);
    const demand = await trx
      .insertInto('demands')
      .values({
        number,
        title: input.title,
        background: input.background,
        system_id: system.id,
        kind: input.kind,
        requester_id: ctx.actor.userId,
        requester_department_id: ctx.actor.departmentId,
        analyst_id: system.analyst_id,
        expected_date: input.expectedDate ?? null,
      })
      .returning(['id', 'number', 'title'])
      .executeTakeFirstOrThrow();
    const files = input.attachmentIds.length ? await attachUploads(trx, ctx.actor.userId, input.attachmentIds, demand.id) : [];
    await appendTimelineEntries(trx, { type: 'demand', id: demand.id }, [
      { actorId: ctx.actor.userId, event: { kind: 'created' } },
      ...files.map((f) => ({ actorId: ctx.actor.userId, event: { kind: 'attached' as const, fileName: f.name, attachmentId: f.id } })),
    ]);
    await writeAudit(trx, ctx, {
      action: 'demand.submit',
      objectType: 'demand',
      objectId: demand.id,
      objectLabel: number,
      after: {
        title: input.title,
        systemId: system.id,
        kind: input.kind,
        expectedDate: input.expectedDate ?? null,
        analystId: system.analyst_id,
      },
    });
    await notifyDemand(trx, platform, 'submitted', ctx.actor.userId, [system.analyst_id], demand, { system: system.name });
    return demand.id;
  });
}

/** Moves the requester's held uploads onto the demand; any id not theirs or already attached is refused. */
async function attachUploads(trx: Transaction<DB>, userId: number, ids: number[], demandId: number) {
  const moved = await trx
    .updateTable('attachments')
    .set({ record_type: 'demand', record_id: demandId })
    .where('id', 'in', ids)
    .where('uploaded_by', '=', userId)
    .where('record_type', 'is', null)
    .returning(['id', 'name'])
    .execute();
  if (moved.length !== new Set(ids).size)
    throw new AppError('validation', {}, [{ path: 'attachmentIds', code: 'notFound', message: 'i18n:errors.notFound' }]);
  return moved.sort((a, b) => a.id - b.id);
}
