import type { Department } from '../../app/api-types';

export interface DepartmentNode {
  key: number;
  value: number;
  title: string;
  department: Department;
  children: DepartmentNode[];
}

/** Builds the department tree from the flat list (siblings by code); orphans become roots. */
export function buildDepartmentTree(departments: Department[], exclude?: number): DepartmentNode[] {
  const nodes = new Map<number, DepartmentNode>();
  for (const department of departments) {
    nodes.set(department.id, {
      key: department.id,
      value: department.id,
      title: department.name,
      department,
      children: [],
    });
  }
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.department.parentId ? nodes.get(node.department.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: DepartmentNode[]) => {
    list.sort((a, b) => a.department.code.localeCompare(b.department.code));
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return exclude ? prune(roots, exclude) : roots;
}

// Drops a department and everything under it (a department cannot move below itself).
function prune(list: DepartmentNode[], id: number): DepartmentNode[] {
  return list.filter((node) => node.key !== id).map((node) => ({ ...node, children: prune(node.children, id) }));
}

/** Ids of the departments whose name or code matches, plus their ancestors (to keep them visible). */
export function matchingWithAncestors(departments: Department[], text: string): Set<number> {
  const needle = text.trim().toLowerCase();
  const byId = new Map(departments.map((d) => [d.id, d]));
  const keep = new Set<number>();
  for (const department of departments) {
    if (!department.name.toLowerCase().includes(needle) && !department.code.toLowerCase().includes(needle)) continue;
    let current: Department | undefined = department;
    while (current && !keep.has(current.id)) {
      keep.add(current.id);
      current = current.parentId ? byId.get(current.parentId) : undefined;
    }
  }
  return keep;
}
