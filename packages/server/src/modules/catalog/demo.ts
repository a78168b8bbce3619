import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { DEMO_CATALOG, type DemoCategory } from './demo-data.js';
import { searchTextOf, visibilityColumns } from './queries.js';

/**
 * Loads the demo service catalogue inside the demo seed's transaction. Default teams are looked up by
 * code (SD, DESKTOP, INFRA, APP) and department-only items by department code (HR, IT, RETAIL);
 * whatever is missing is left empty (no team; visible to everyone).
 */
export async function seedCatalogDemo(trx: Transaction<DB>): Promise<{ categories: number; items: number }> {
  const teams = new Map((await trx.selectFrom('teams').select(['id', 'code']).execute()).map((r) => [r.code.toUpperCase(), r.id]));
  const departments = new Map(
    (await trx.selectFrom('departments').select(['id', 'code']).execute()).map((r) => [r.code.toUpperCase(), r.id]),
  );
  let categories = 0;
  let items = 0;

  const insertCategory = async (category: DemoCategory, parentId: number | null, sortOrder: number) => {
    const { id } = await trx
      .insertInto('catalog_categories')
      .values({
        parent_id: parentId,
        code: category.code,
        name: category.name['zh-CN'],
        name_en: category.name['en-US'] ?? null,
        icon: category.icon,
        sort_order: sortOrder,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    categories++;
    for (const [index, item] of category.items.entries()) {
      const text = {
        code: item.code,
        name: item.name['zh-CN'],
        name_en: item.name['en-US'] ?? null,
        description: item.description['zh-CN'],
        description_en: item.description['en-US'] ?? null,
        keywords: item.keywords,
      };
      const departmentIds = (item.departments ?? []).flatMap((code) => departments.get(code) ?? []);
      await trx
        .insertInto('catalog_items')
        .values({
          ...text,
          category_id: id,
          default_priority: item.priority,
          default_team_id: teams.get(item.team) ?? null,
          approval_required: item.approval ?? false,
          price: item.price ?? 0,
          ...visibilityColumns(departmentIds.length ? { kind: 'departments', departmentIds } : { kind: 'everyone' }),
          form: JSON.stringify(item.form),
          search_text: searchTextOf(text),
          sort_order: (index + 1) * 10,
        })
        .execute();
      items++;
    }
    for (const [index, child] of (category.children ?? []).entries()) await insertCategory(child, id, (index + 1) * 10);
  };
  for (const [index, category] of DEMO_CATALOG.entries()) await insertCategory(category, null, (index + 1) * 10);

  await writeAudit(
    trx,
    { actor: null, ip: null, userAgent: 'shuyun seed-demo' },
    { action: 'import', objectType: 'catalogItem', actorName: 'seed-demo', after: { categories, items } },
  );
  return { categories, items };
}
