import type { KnowledgeAudience, KnowledgeCard, KnowledgeStats, KnowledgeType, Locale } from '@shuyun/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

type Db = Database | Transaction<DB>;

export const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
/** A `date` column as YYYY-MM-DD (pg reads it as local midnight). */
export function day(d: Date | string | null | undefined): string | null {
  if (!d) return null;
  if (typeof d === 'string') return d.slice(0, 10);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The article columns a card is made of (alias `a`). */
export const CARD_COLUMNS = [
  'a.id',
  'a.number',
  'a.title',
  'a.type',
  'a.audience',
  'a.category_id',
  'a.tags',
  'a.system_ids',
  'a.view_count',
  'a.helpful_count',
  'a.not_helpful_count',
  'a.application_count',
  'a.deflection_count',
  'a.published_at',
  'a.updated_at',
] as const;

export interface CardRow {
  id: number;
  number: string;
  title: string;
  type: string;
  audience: string;
  category_id: number;
  tags: string[];
  system_ids: (number | string)[];
  view_count: number;
  helpful_count: number;
  not_helpful_count: number;
  application_count: number;
  deflection_count: number;
  published_at: Date | null;
  updated_at: Date;
}

export function statsOf(
  r: Pick<CardRow, 'view_count' | 'helpful_count' | 'not_helpful_count' | 'application_count' | 'deflection_count'>,
): KnowledgeStats {
  return {
    views: r.view_count,
    helpful: r.helpful_count,
    notHelpful: r.not_helpful_count,
    applications: r.application_count,
    deflections: r.deflection_count,
  };
}

export interface Names {
  categories: Map<number, string>;
  systems: Map<number, string>;
}

/** Category names in the reader's language and system names, for the ids these rows use. */
export async function namesFor(db: Db, rows: { category_id: number; system_ids: (number | string)[] }[], locale: Locale): Promise<Names> {
  const categoryIds = [...new Set(rows.map((r) => r.category_id))];
  const systemIds = [...new Set(rows.flatMap((r) => r.system_ids.map(Number)))];
  const categories = categoryIds.length
    ? await db.selectFrom('knowledge_categories').select(['id', 'name', 'name_en']).where('id', 'in', categoryIds).execute()
    : [];
  const systems = systemIds.length ? await db.selectFrom('it_systems').select(['id', 'name']).where('id', 'in', systemIds).execute() : [];
  return {
    categories: new Map(categories.map((c) => [c.id, locale === 'en-US' && c.name_en ? c.name_en : c.name])),
    systems: new Map(systems.map((s) => [s.id, s.name])),
  };
}

export function toCard(r: CardRow, names: Names): KnowledgeCard {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    type: r.type as KnowledgeType,
    audience: r.audience as KnowledgeAudience,
    category: names.categories.has(r.category_id) ? { id: r.category_id, name: names.categories.get(r.category_id) as string } : null,
    tags: r.tags ?? [],
    systems: r.system_ids.map(Number).flatMap((id) => (names.systems.has(id) ? [{ id, name: names.systems.get(id) as string }] : [])),
    stats: statsOf(r),
    publishedAt: iso(r.published_at),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** Cards for rows, names resolved in one go. */
export async function toCards(db: Db, rows: CardRow[], locale: Locale): Promise<KnowledgeCard[]> {
  const names = await namesFor(db, rows, locale);
  return rows.map((r) => toCard(r, names));
}

/** Display names of users, by id. */
export async function peopleById(db: Db, ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => !!id))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export function person(people: Map<number, string>, id: number | null | undefined) {
  return id && people.has(id) ? { id, displayName: people.get(id) as string } : null;
}

/** Every category id under `id` (itself included), from the whole tree. */
export async function categoryWithDescendants(db: Db, id: number): Promise<number[]> {
  const rows = await db.selectFrom('knowledge_categories').select(['id', 'parent_id']).execute();
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const r of rows) if (r.parent_id === out[i] && !out.includes(r.id)) out.push(r.id);
  return out;
}
