import type { CatalogCategoryAdmin, CatalogItemAdmin, LocalizedText } from '@shuyun/shared';
import { pickText } from '@shuyun/shared';
import { useCallback } from 'react';
import { useLabels } from '../../app/i18n';

/** Picks the reader's language from an admin record's two-language text. */
export function useLocalized() {
  const { locale } = useLabels();
  return useCallback((value: LocalizedText | null | undefined) => (value ? pickText(value, locale) : ''), [locale]);
}

export interface CategoryNode {
  key: number;
  category: CatalogCategoryAdmin;
  children: CategoryNode[];
}

const bySortOrder = <T extends { sortOrder: number; id: number }>(a: T, b: T) => a.sortOrder - b.sortOrder || a.id - b.id;

/** Top-level categories with their sub-categories, each level in sort order. */
export function buildCategoryTree(categories: CatalogCategoryAdmin[]): CategoryNode[] {
  const top = categories.filter((c) => c.parentId === null).sort(bySortOrder);
  return top.map((category) => ({
    key: category.id,
    category,
    children: categories
      .filter((c) => c.parentId === category.id)
      .sort(bySortOrder)
      .map((child) => ({ key: child.id, category: child, children: [] })),
  }));
}

/** The category and, for a top-level one, its sub-categories: the ids whose items it lists. */
export function categoryScope(categories: CatalogCategoryAdmin[], id: number): Set<number> {
  return new Set([id, ...categories.filter((c) => c.parentId === id).map((c) => c.id)]);
}

/** Items in sort order within their category. */
export function sortItems(items: CatalogItemAdmin[]): CatalogItemAdmin[] {
  return [...items].sort((a, b) => a.categoryId - b.categoryId || bySortOrder(a, b));
}

/** The sibling list with `id` moved one place up or down, or null when it is already at that end. */
export function moved<T extends { id: number }>(siblings: T[], id: number, direction: -1 | 1): T[] | null {
  const index = siblings.findIndex((s) => s.id === id);
  const target = index + direction;
  if (index < 0 || target < 0 || target >= siblings.length) return null;
  const next = [...siblings];
  [next[index], next[target]] = [next[target] as T, next[index] as T];
  return next;
}
