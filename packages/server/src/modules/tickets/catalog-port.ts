import type { FormField, Locale, Priority } from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { assertFormValues, getCatalogItem, getRequestableItem } from '../catalog/service.js';

export interface ResolvedItem {
  id: number;
  defaultTeamId: number | null;
  slaPolicyId: number | null;
  requiresApproval: boolean;
  defaultPriority: Priority;
  formValues: Record<string, unknown>;
  /** Attachments uploaded through the item's form: they move onto the ticket too. */
  formAttachmentIds: number[];
}

/**
 * The catalogue item a ticket is raised against, as the requester may request it, with the submitted
 * form checked against it. No item: a free-form ticket, which takes no form values.
 */
export async function resolveCatalogItem(
  db: Database,
  ctx: ActionContext & { actor: Actor },
  itemId: number | null,
  formValues: Record<string, unknown>,
  requesterId: number,
): Promise<ResolvedItem | null> {
  if (!itemId) {
    if (Object.keys(formValues).length) throw new AppError('validation', {}, [{ path: 'formValues', code: 'noItem', message: '' }]);
    return null;
  }
  const item = await getRequestableItem(db, requesterId, itemId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'notFound') {
      throw new AppError('validation', {}, [{ path: 'catalogItemId', code: 'notFound', message: '' }]);
    }
    throw error;
  });
  const values = await assertFormValues(db, item, formValues, ctx.actor.locale, ctx.actor.userId);
  return {
    id: item.id,
    defaultTeamId: item.defaultTeamId,
    slaPolicyId: item.slaPolicyId,
    requiresApproval: item.approvalRequired,
    defaultPriority: item.defaultPriority,
    formValues: values,
    formAttachmentIds: attachmentIdsOf(item.form, values),
  };
}

function attachmentIdsOf(form: readonly FormField[], values: Record<string, unknown>): number[] {
  return form
    .filter((f) => f.type === 'attachment')
    .flatMap((f) => {
      const v = values[f.key];
      return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
    })
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

/** Item names in the reader's language, for ticket lists. */
export async function catalogItemNames(db: Database, ids: number[], locale: Locale): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (const id of new Set(ids)) {
    const item = await getCatalogItem(db, id).catch(() => null);
    if (item) names.set(id, (item.name as Record<string, string>)[locale] ?? (item.name as Record<string, string>)['zh-CN'] ?? item.code);
  }
  return names;
}
