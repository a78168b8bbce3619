import type { FormField, Priority } from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { assertFormValues, getRequestableItem } from '../catalog/service.js';

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
    if (Object.keys(formValues).length) throw fieldError('formValues', 'noItem', 'validation.unknownField', { field: 'formValues' });
    return null;
  }
  const item = await getRequestableItem(db, requesterId, itemId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'notFound') {
      throw fieldError('catalogItemId', 'notFound', 'errors.notFound');
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
