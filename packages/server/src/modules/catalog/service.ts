import { type CatalogItemAdmin, type FormField, type Locale, type LocalizedFormField, type Priority, pickText } from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import { notFound } from '../../platform/errors.js';
import { requestableItem } from './browse.js';
import { adminItems, localized, localizeForm } from './queries.js';

// What other modules (tickets first) may use from the catalogue. They never read its tables.

export { catalogTree, itemDetail, searchCatalog } from './browse.js';
export { seedCatalogDemo } from './demo.js';
export { assertFormValues, type FormValidation, validateFormValues } from './form-values.js';

/** What a ticket needs from the item it is raised against. */
export interface RequestableItem {
  id: number;
  code: string;
  name: { 'zh-CN': string; 'en-US'?: string };
  categoryId: number;
  defaultPriority: Priority;
  defaultTeamId: number | null;
  /** null: the default SLA policy. */
  slaPolicyId: number | null;
  approvalRequired: boolean;
  price: number;
  form: FormField[];
  version: number;
}

/** The item `userId` may request right now (active, in active categories, visible to them), else 404. Works on behalf of others. */
export async function getRequestableItem(db: Database, userId: number, itemId: number): Promise<RequestableItem> {
  const row = await requestableItem(db, userId, itemId);
  return {
    id: row.id,
    code: row.code,
    name: localized(row.name, row.name_en),
    categoryId: row.category_id,
    defaultPriority: row.default_priority as Priority,
    defaultTeamId: row.default_team_id,
    slaPolicyId: row.sla_policy_id,
    approvalRequired: row.approval_required,
    price: Number(row.price),
    form: row.form as FormField[],
    version: row.version,
  };
}

/** Any item by id, withdrawn or hidden ones included (to show what an existing ticket was raised against). */
export async function getCatalogItem(db: Database, itemId: number): Promise<CatalogItemAdmin> {
  const [item] = await adminItems(db, itemId);
  if (!item) throw notFound();
  return item;
}

/** Item names in the reader's language for many items at once (withdrawn ones included; unknown ids left out), in one query. */
export async function catalogItemNames(db: Database, ids: readonly number[], locale: Locale): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('catalog_items').select(['id', 'name', 'name_en']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, pickText(localized(r.name, r.name_en), locale)]));
}

/** Any item's name and form in the reader's language (to show an existing ticket and its answers). */
export async function localizedItem(
  db: Database,
  itemId: number,
  locale: Locale,
): Promise<{ name: string; form: LocalizedFormField[] } | null> {
  const [item] = await adminItems(db, itemId);
  return item ? { name: pickText(item.name, locale), form: localizeForm(item.form, locale) } : null;
}

/** Every item, withdrawn ones too, as {id, name, category path, active} in the reader's language — for pickers. */
export async function itemOptions(db: Database, locale: Locale) {
  const [items, categories] = await Promise.all([
    adminItems(db),
    db.selectFrom('catalog_categories').select(['id', 'parent_id', 'name', 'name_en']).execute(),
  ]);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const nameOf = (c: { name: string; name_en: string | null }) => (locale === 'en-US' && c.name_en ? c.name_en : c.name);
  return items.map((item) => {
    const category = byId.get(item.categoryId);
    const parent = category?.parent_id ? byId.get(category.parent_id) : undefined;
    return {
      id: item.id,
      name: pickText(item.name, locale),
      category: [parent, category]
        .filter((c): c is NonNullable<typeof c> => !!c)
        .map(nameOf)
        .join(' / '),
      active: item.active,
    };
  });
}
