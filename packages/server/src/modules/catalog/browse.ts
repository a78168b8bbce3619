import type { CatalogItemCard, CatalogItemDetail, CatalogTree, FormField } from '@shuyun/shared';
import { pickText } from '@shuyun/shared';
import { type Database, prepared } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { categoryPathOf, containsPattern, itemsWithCategories, localized, localizeForm, requestableBy, toCard } from './queries.js';

// The requester's side: only what the reader may request, in the reader's language.

/** Categories (two levels) holding items the actor may request; empty categories are left out. */
export async function catalogTree(db: Database, actor: Actor): Promise<CatalogTree> {
  const { locale } = actor;
  const items = await itemsWithCategories(db).where(requestableBy(actor.userId)).orderBy('i.sort_order').orderBy('i.id').execute();
  const categories = await db
    .selectFrom('catalog_categories')
    .selectAll()
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  const cardsIn = new Map<number, CatalogItemCard[]>();
  for (const item of items) {
    const list = cardsIn.get(item.category_id) ?? [];
    list.push(toCard(item, locale));
    cardsIn.set(item.category_id, list);
  }
  const node = (c: (typeof categories)[number]) => ({
    id: c.id,
    code: c.code,
    name: pickText(localized(c.name, c.name_en), locale),
    icon: c.icon,
    items: cardsIn.get(c.id) ?? [],
  });
  return {
    categories: categories
      .filter((c) => c.parent_id === null)
      .map((top) => ({
        ...node(top),
        children: categories
          .filter((c) => c.parent_id === top.id)
          .map(node)
          .filter((c) => c.items.length > 0),
      }))
      .filter((c) => c.items.length > 0 || c.children.length > 0),
  };
}

/** The raw record of an item the user may request; not found when hidden from them or withdrawn. */
export async function requestableItem(db: Database, userId: number, id: number) {
  const row = await prepared(itemsWithCategories(db).where('i.id', '=', id).where(requestableBy(userId))).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** An item with its form in the reader's language, if the actor may request it (else 404). */
export async function itemDetail(db: Database, actor: Actor, id: number): Promise<CatalogItemDetail> {
  const row = await requestableItem(db, actor.userId, id);
  return {
    ...toCard(row, actor.locale),
    categoryPath: categoryPathOf(row, actor.locale),
    form: localizeForm(row.form as FormField[], actor.locale),
    version: row.version,
  };
}

/**
 * Items the actor may request whose name, keywords, code or description contain every word of `q`
 * (any case, either language; substrings work for Chinese). Name matches come first.
 */
export async function searchCatalog(db: Database, actor: Actor, q: string, limit: number) {
  const { locale } = actor;
  const terms = [...new Set(q.toLowerCase().split(/\s+/).filter(Boolean))].slice(0, 8);
  let query = itemsWithCategories(db).where(requestableBy(actor.userId));
  for (const term of terms) query = query.where('i.search_text', 'ilike', containsPattern(term));
  const first = containsPattern(terms[0] ?? '');
  const rows = await query
    .orderBy((eb) => eb.or([eb('i.name', 'ilike', first), eb('i.name_en', 'ilike', first)]), 'desc')
    .orderBy('i.sort_order')
    .orderBy('i.id')
    .limit(limit)
    .execute();
  return { items: rows.map((row) => ({ ...toCard(row, locale), categoryPath: categoryPathOf(row, locale) })) };
}
