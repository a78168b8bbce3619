import type { FormField, LocalizedText, Priority, Visibility } from '@shuyun/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { notFound, versionConflict } from '../../platform/errors.js';
import { activeAction } from './categories.js';
import { assertFormDefinition, fieldError, rethrowWriteError, unknownReference } from './field-errors.js';
import { adminItems, searchTextOf, visibilityColumns } from './queries.js';

type Ctx = ActionContext & { actor: Actor };
const UNIQUE = { catalog_items_code_key: 'code' };
const REFERENCES = {
  catalog_items_category_id_fkey: 'categoryId',
  catalog_items_default_team_id_fkey: 'defaultTeamId',
  catalog_items_sla_policy_id_fkey: 'slaPolicyId',
};

export interface ItemInput {
  categoryId: number;
  code: string;
  name: LocalizedText;
  description?: { 'zh-CN': string; 'en-US'?: string | undefined };
  keywords?: string[];
  defaultPriority?: Priority;
  defaultTeamId?: number | null;
  slaPolicyId?: number | null;
  approvalRequired?: boolean;
  price?: number;
  visibility?: Visibility;
  form?: FormField[];
  sortOrder?: number;
}
type ItemUpdate = Partial<ItemInput> & { version: number; active?: boolean };

/** Checks what the database cannot: an active default team, listed departments and roles that exist, a sound form. */
async function checkReferences(trx: Transaction<DB>, actor: Actor, input: Partial<ItemInput>, teamChanged: boolean): Promise<void> {
  const { locale } = actor;
  if (input.form) assertFormDefinition(input.form, locale);
  if (teamChanged && input.defaultTeamId) {
    const team = await trx.selectFrom('teams').select('active').where('id', '=', input.defaultTeamId).executeTakeFirst();
    if (!team) throw unknownReference(locale, 'defaultTeamId');
    if (!team.active) throw fieldError(locale, 'defaultTeamId', 'inactive', 'catalog.errors.teamInactive');
  }
  const visibility = input.visibility;
  if (visibility?.kind === 'departments') {
    const ids = [...new Set(visibility.departmentIds)];
    const found = await trx.selectFrom('departments').select('id').where('id', 'in', ids).execute();
    if (found.length < ids.length) throw unknownReference(locale, 'visibility.departmentIds');
  }
  if (visibility?.kind === 'roles') {
    const keys = [...new Set(visibility.roleKeys)];
    const found = new Set((await trx.selectFrom('roles').select('key').where('key', 'in', keys).execute()).map((r) => r.key));
    const missing = keys.find((k) => !found.has(k));
    if (missing) throw fieldError(locale, 'visibility.roleKeys', 'notFound', 'catalog.errors.unknownRole', { key: missing });
  }
}

const unique = (values: string[]) => [...new Set(values)];

/** Creates a service item with its form; audited. */
export async function createItem(db: Database, ctx: Ctx, input: ItemInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await checkReferences(trx, ctx.actor, input, true);
    const values = {
      category_id: input.categoryId,
      code: input.code,
      name: input.name['zh-CN'],
      name_en: input.name['en-US'] ?? null,
      description: input.description?.['zh-CN'] ?? '',
      description_en: input.description?.['en-US'] || null,
      keywords: unique(input.keywords ?? []),
    };
    try {
      const sortOrder =
        input.sortOrder ??
        ((
          await trx
            .selectFrom('catalog_items')
            .select((eb) => eb.fn.max('sort_order').as('max'))
            .where('category_id', '=', input.categoryId)
            .executeTakeFirst()
        )?.max ?? 0) + 10;
      const row = await trx
        .insertInto('catalog_items')
        .values({
          ...values,
          default_priority: input.defaultPriority ?? 'P3',
          default_team_id: input.defaultTeamId ?? null,
          sla_policy_id: input.slaPolicyId ?? null,
          approval_required: input.approvalRequired ?? false,
          price: input.price ?? 0,
          ...visibilityColumns(input.visibility ?? { kind: 'everyone' }),
          form: JSON.stringify(input.form ?? []),
          search_text: searchTextOf(values),
          sort_order: sortOrder,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, { action: 'create', objectType: 'catalogItem', objectId: row.id, objectLabel: values.name, after: input });
      return row.id;
    } catch (error) {
      rethrowWriteError(error, ctx.actor.locale, REFERENCES, UNIQUE);
    }
  });
}

/** Edits a service item (version-checked; the form and visibility are replaced whole); `active: false` withdraws it. */
export async function updateItem(db: Database, ctx: Ctx, id: number, input: ItemUpdate): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('catalog_items').select(['id', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound();
    if (row.version !== input.version) throw versionConflict();
    const [before] = await adminItems(trx, id);
    if (!before) throw notFound();
    await checkReferences(trx, ctx.actor, input, input.defaultTeamId !== undefined && input.defaultTeamId !== before.defaultTeamId);
    const name = input.name ?? before.name;
    const description = input.description ?? before.description;
    const text = {
      code: input.code ?? before.code,
      name: name['zh-CN'],
      name_en: name['en-US'] ?? null,
      description: description['zh-CN'],
      description_en: description['en-US'] || null,
      keywords: input.keywords ? unique(input.keywords) : before.keywords,
    };
    try {
      const result = await trx
        .updateTable('catalog_items')
        .set({
          ...text,
          category_id: input.categoryId,
          default_priority: input.defaultPriority,
          default_team_id: input.defaultTeamId,
          sla_policy_id: input.slaPolicyId,
          approval_required: input.approvalRequired,
          price: input.price,
          ...(input.visibility ? visibilityColumns(input.visibility) : {}),
          form: input.form ? JSON.stringify(input.form) : undefined,
          search_text: searchTextOf(text),
          sort_order: input.sortOrder,
          active: input.active,
          version: input.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw versionConflict();
    } catch (error) {
      rethrowWriteError(error, ctx.actor.locale, REFERENCES, UNIQUE);
    }
    const { version: _v, ...after } = input;
    await writeAudit(trx, ctx, {
      action: activeAction(before.active, input.active),
      objectType: 'catalogItem',
      objectId: id,
      objectLabel: text.name,
      before,
      after,
    });
  });
}
