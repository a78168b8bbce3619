import {
  type CatalogCategoryAdmin,
  type CatalogItemAdmin,
  type CatalogItemCard,
  type FormField,
  type Locale,
  type LocalizedFormField,
  type LocalizedText,
  type Priority,
  pickText,
  type Visibility,
} from '@shuyun/shared';
import { type Selectable, type SqlBool, sql } from 'kysely';
import { type Database, prepared } from '../../db/database.js';
import type { CatalogCategoryTable, CatalogItemTable } from '../../db/schema.js';

// SQL and row mapping for the catalogue. Services and routes go through these; nothing else reads the tables.

export type CategoryRow = Selectable<CatalogCategoryTable>;
export type ItemRow = Selectable<CatalogItemTable>;

/**
 * Every column of an item, named: a prepared query must not select `i.*`, whose columns would change
 * under it with the next migration (PostgreSQL then refuses the prepared statement). ItemRow's
 * readers fail to compile if one is missing here.
 */
const ITEM_COLUMNS = [
  'i.id',
  'i.category_id',
  'i.code',
  'i.name',
  'i.name_en',
  'i.description',
  'i.description_en',
  'i.keywords',
  'i.default_priority',
  'i.default_team_id',
  'i.sla_policy_id',
  'i.approval_required',
  'i.price',
  'i.visibility',
  'i.visible_department_ids',
  'i.visible_role_keys',
  'i.form',
  'i.search_text',
  'i.sort_order',
  'i.active',
  'i.version',
  'i.created_at',
  'i.updated_at',
] as const;

export const localized = (zh: string, en: string | null): LocalizedText => (en ? { 'zh-CN': zh, 'en-US': en } : { 'zh-CN': zh });

export function visibilityOf(row: Pick<ItemRow, 'visibility' | 'visible_department_ids' | 'visible_role_keys'>): Visibility {
  if (row.visibility === 'departments') return { kind: 'departments', departmentIds: row.visible_department_ids.map(Number) };
  if (row.visibility === 'roles') return { kind: 'roles', roleKeys: row.visible_role_keys };
  return { kind: 'everyone' };
}

/** The columns that store a visibility. */
export function visibilityColumns(visibility: Visibility) {
  return {
    visibility: visibility.kind,
    visible_department_ids: visibility.kind === 'departments' ? [...new Set(visibility.departmentIds)] : [],
    visible_role_keys: visibility.kind === 'roles' ? [...new Set(visibility.roleKeys)] : [],
  };
}

/** What search matches: code, names, keywords and descriptions in both languages, lower-cased. */
export function searchTextOf(item: {
  code: string;
  name: string;
  name_en: string | null;
  keywords: string[];
  description: string;
  description_en: string | null;
}): string {
  return [item.code, item.name, item.name_en ?? '', item.keywords.join(' '), item.description, item.description_en ?? '']
    .join('\n')
    .toLowerCase();
}

export function toCategoryAdmin(row: CategoryRow & { item_count: number | string | null }): CatalogCategoryAdmin {
  return {
    id: row.id,
    parentId: row.parent_id,
    code: row.code,
    name: localized(row.name, row.name_en),
    icon: row.icon,
    sortOrder: row.sort_order,
    active: row.active,
    itemCount: Number(row.item_count ?? 0),
    version: row.version,
  };
}

export function toItemAdmin(row: ItemRow & { default_team_name: string | null }): CatalogItemAdmin {
  return {
    id: row.id,
    categoryId: row.category_id,
    code: row.code,
    name: localized(row.name, row.name_en),
    description: row.description_en ? { 'zh-CN': row.description, 'en-US': row.description_en } : { 'zh-CN': row.description },
    keywords: row.keywords,
    defaultPriority: row.default_priority as Priority,
    defaultTeamId: row.default_team_id,
    defaultTeamName: row.default_team_name,
    slaPolicyId: row.sla_policy_id,
    approvalRequired: row.approval_required,
    price: Number(row.price),
    visibility: visibilityOf(row),
    form: row.form as FormField[],
    sortOrder: row.sort_order,
    active: row.active,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function adminCategories(db: Database, id?: number): Promise<CatalogCategoryAdmin[]> {
  let query = db
    .selectFrom('catalog_categories as c')
    .selectAll('c')
    .select((eb) =>
      eb.selectFrom('catalog_items as i').select(eb.fn.countAll<number>().as('n')).whereRef('i.category_id', '=', 'c.id').as('item_count'),
    )
    .orderBy('c.sort_order')
    .orderBy('c.id');
  if (id !== undefined) query = query.where('c.id', '=', id);
  return (await query.execute()).map(toCategoryAdmin);
}

export async function adminItems(db: Database, id?: number): Promise<CatalogItemAdmin[]> {
  let query = db
    .selectFrom('catalog_items as i')
    .leftJoin('teams as t', 't.id', 'i.default_team_id')
    .select(ITEM_COLUMNS)
    .select('t.name as default_team_name')
    .orderBy('i.category_id')
    .orderBy('i.sort_order')
    .orderBy('i.id');
  if (id !== undefined) query = prepared(query.where('i.id', '=', id));
  return (await query.execute()).map(toItemAdmin);
}

/**
 * Whether the user may request the item in `i` (its category `c`, parent category `p`): item and
 * categories active, and the visibility lets the user in — everyone; the user's department is a
 * listed one or below it; or the user holds a listed role. By user id, so it works on behalf of others.
 */
export function requestableBy(userId: number) {
  return sql<SqlBool>`(i.active AND c.active AND (p.id IS NULL OR p.active) AND (
    i.visibility = 'everyone'
    OR (i.visibility = 'departments' AND EXISTS (
      SELECT 1 FROM users u
        JOIN departments mine ON mine.id = u.department_id
        JOIN departments listed ON listed.id = ANY (i.visible_department_ids)
      WHERE u.id = ${userId}
        AND (mine.id = listed.id OR (listed.path <> '/' AND mine.path LIKE listed.path || '%'))))
    OR (i.visibility = 'roles' AND EXISTS (
      SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id
      WHERE ur.user_id = ${userId} AND r.key = ANY (i.visible_role_keys)))))`;
}

/** Items with their category and parent category, for the requester side. */
export function itemsWithCategories(db: Database) {
  return db
    .selectFrom('catalog_items as i')
    .innerJoin('catalog_categories as c', 'c.id', 'i.category_id')
    .leftJoin('catalog_categories as p', 'p.id', 'c.parent_id')
    .select(ITEM_COLUMNS)
    .select(['c.name as category_name', 'c.name_en as category_name_en', 'p.name as parent_name', 'p.name_en as parent_name_en']);
}

type ItemWithCategory = ItemRow & {
  category_name: string;
  category_name_en: string | null;
  parent_name: string | null;
  parent_name_en: string | null;
};

export function toCard(row: ItemRow, locale: Locale): CatalogItemCard {
  return {
    id: row.id,
    code: row.code,
    categoryId: row.category_id,
    name: pickText(localized(row.name, row.name_en), locale),
    description: (locale === 'en-US' && row.description_en) || row.description,
    defaultPriority: row.default_priority as Priority,
    approvalRequired: row.approval_required,
    price: Number(row.price),
  };
}

export function categoryPathOf(row: ItemWithCategory, locale: Locale): string[] {
  const category = pickText(localized(row.category_name, row.category_name_en), locale);
  return row.parent_name ? [pickText(localized(row.parent_name, row.parent_name_en), locale), category] : [category];
}

/** A form in the reader's language (labels, options, placeholder and help picked). */
export function localizeForm(form: readonly FormField[], locale: Locale): LocalizedFormField[] {
  return form.map((f) => ({
    key: f.key,
    label: pickText(f.label, locale),
    type: f.type,
    required: f.required,
    ...(f.options ? { options: f.options.map((o) => ({ value: o.value, label: pickText(o.label, locale) })) } : {}),
    ...(f.min !== undefined ? { min: f.min } : {}),
    ...(f.max !== undefined ? { max: f.max } : {}),
    ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
    ...(f.placeholder ? { placeholder: pickText(f.placeholder, locale) } : {}),
    ...(f.help ? { help: pickText(f.help, locale) } : {}),
  }));
}

/** A LIKE pattern matching `term` literally anywhere. */
export const containsPattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
