import type { KnowledgeCategory } from './api';

export interface CategoryNode extends KnowledgeCategory {
  children: CategoryNode[];
}

/** The flat category list as a tree, siblings in their sort order. */
export function categoryTree(items: KnowledgeCategory[]): CategoryNode[] {
  const nodes = new Map<number, CategoryNode>(items.map((c) => [c.id, { ...c, children: [] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: CategoryNode[]) => {
    list.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

export interface CategoryTreeOption {
  value: number;
  title: string;
  disabled?: boolean;
  children?: CategoryTreeOption[];
}

/** TreeSelect data; inactive categories are hidden unless `keep` (the current value) is one. */
export function categoryOptions(
  items: KnowledgeCategory[],
  options: { keep?: number | null; exclude?: number } = {},
): CategoryTreeOption[] {
  const walk = (list: CategoryNode[]): CategoryTreeOption[] =>
    list
      .filter((c) => c.id !== options.exclude && (c.active || c.id === options.keep))
      .map((c) => ({ value: c.id, title: c.name, disabled: !c.active, children: c.children.length ? walk(c.children) : undefined }));
  return walk(categoryTree(items));
}
