import type { KnowledgeAudience, KnowledgeContent, KnowledgeType } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { fieldError } from '../../platform/errors.js';
import { buildTsvector } from '../../platform/search/index.js';
import type { Names } from './queries.js';
import { htmlToText, referencedFileIds, sanitizeRichText } from './sanitize.js';

export const RICH_FIELDS = ['body', 'symptom', 'cause', 'workaround', 'fix'] as const;
export type RichField = (typeof RICH_FIELDS)[number];

/** The columns of a version's content, sanitised. */
export interface ContentColumns {
  title: string;
  type: string;
  category_id: number;
  tags: string[];
  system_ids: number[];
  audience: string;
  body_html: string;
  symptom_html: string;
  cause_html: string;
  workaround_html: string;
  fix_html: string;
}

/** Tags trimmed, without duplicates (case-insensitive), in the order given. */
export function cleanTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out;
}

/** Content input → columns: HTML sanitised, tags cleaned. */
export function contentColumns(input: KnowledgeContent): ContentColumns {
  return {
    title: input.title,
    type: input.type,
    category_id: input.categoryId,
    tags: cleanTags(input.tags),
    system_ids: [...new Set(input.systemIds)],
    audience: input.audience,
    body_html: sanitizeRichText(input.body),
    symptom_html: sanitizeRichText(input.symptom),
    cause_html: sanitizeRichText(input.cause),
    workaround_html: sanitizeRichText(input.workaround),
    fix_html: sanitizeRichText(input.fix),
  };
}

/** Checks that the category is active and the systems exist; a 400 naming the field otherwise. */
export async function checkReferences(trx: Transaction<DB>, columns: Pick<ContentColumns, 'category_id' | 'system_ids'>): Promise<void> {
  const category = await trx
    .selectFrom('knowledge_categories')
    .select('id')
    .where('id', '=', columns.category_id)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!category) throw fieldError('categoryId', 'notFound', 'errors.notFound');
  if (columns.system_ids.length) {
    const found = await trx.selectFrom('it_systems').select('id').where('id', 'in', columns.system_ids).execute();
    if (found.length !== columns.system_ids.length) throw fieldError('systemIds', 'notFound', 'errors.notFound');
  }
}

/** All rich fields of a version as plain text, for search and snippets. */
export function plainText(
  columns: Pick<ContentColumns, 'body_html' | 'symptom_html' | 'cause_html' | 'workaround_html' | 'fix_html'>,
): string {
  return [columns.symptom_html, columns.cause_html, columns.workaround_html, columns.fix_html, columns.body_html]
    .map(htmlToText)
    .filter(Boolean)
    .join('\n');
}

/** The searchable copy of a version's content written onto its article when it is published. */
export function searchColumns(columns: ContentColumns) {
  const text = plainText(columns);
  return {
    title: columns.title,
    type: columns.type,
    category_id: columns.category_id,
    tags: columns.tags,
    system_ids: columns.system_ids,
    audience: columns.audience,
    search_text: text,
    search_vector: buildTsvector([
      { text: columns.title, weight: 'A' },
      { text: columns.tags.join(' '), weight: 'B' },
      { text, weight: 'C' },
    ]),
  };
}

/**
 * Attaches the caller's own unattached uploads an article's HTML shows to the article, so its readers
 * may load them (files on other records stay under those records' access rules).
 */
export async function attachImages(trx: Transaction<DB>, articleId: number, userId: number, columns: ContentColumns): Promise<void> {
  const ids = [...new Set(RICH_FIELDS.flatMap((f) => referencedFileIds(columns[`${f}_html`])))];
  if (!ids.length) return;
  await trx
    .updateTable('attachments')
    .set({ record_type: 'knowledge', record_id: articleId })
    .where('id', 'in', ids)
    .where('record_type', 'is', null)
    .where('uploaded_by', '=', userId)
    .execute();
}

/** A version's content as the API shows it. */
export function versionContent(
  v: {
    title: string;
    type: string;
    category_id: number;
    tags: string[];
    system_ids: (number | string)[];
    audience: string;
    body_html: string;
    symptom_html: string;
    cause_html: string;
    workaround_html: string;
    fix_html: string;
  },
  names: Names,
) {
  return {
    title: v.title,
    type: v.type as KnowledgeType,
    category: names.categories.has(v.category_id) ? { id: v.category_id, name: names.categories.get(v.category_id) as string } : null,
    tags: v.tags ?? [],
    systems: v.system_ids.map(Number).flatMap((id) => (names.systems.has(id) ? [{ id, name: names.systems.get(id) as string }] : [])),
    audience: v.audience as KnowledgeAudience,
    body: v.body_html,
    symptom: v.symptom_html,
    cause: v.cause_html,
    workaround: v.workaround_html,
    fix: v.fix_html,
  };
}

/** Next revision number of an article (the caller holds the article row lock). */
export async function nextRevision(trx: Transaction<DB>, articleId: number): Promise<number> {
  const row = await trx
    .selectFrom('knowledge_versions')
    .select(sql<number>`coalesce(max(revision), 0) + 1`.as('next'))
    .where('article_id', '=', articleId)
    .executeTakeFirstOrThrow();
  return Number(row.next);
}
