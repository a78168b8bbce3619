import { describe, expect, it } from 'vitest';
import type { Department } from '../../app/api-types';
import { buildDepartmentTree, matchingWithAncestors } from './department-tree';

const dept = (id: number, parentId: number | null, code: string, name = code): Department => ({
  id,
  name,
  code,
  parentId,
  managerId: null,
  managerName: null,
  path: '',
  userCount: 0,
  version: 1,
});

const flat = [dept(3, 1, 'B'), dept(1, null, 'ROOT'), dept(2, 1, 'A'), dept(4, 2, 'A1', '应用开发组'), dept(5, 99, 'ORPHAN')];

describe('buildDepartmentTree', () => {
  it('nests children under parents, sorted by code, orphans as roots', () => {
    const tree = buildDepartmentTree(flat);
    expect(tree.map((n) => n.department.code)).toEqual(['ORPHAN', 'ROOT']);
    const root = tree.find((n) => n.key === 1);
    expect(root?.children.map((n) => n.department.code)).toEqual(['A', 'B']);
    expect(root?.children[0]?.children.map((n) => n.key)).toEqual([4]);
  });

  it('leaves out a department and its subtree (a parent cannot be its own descendant)', () => {
    const tree = buildDepartmentTree(flat, 2);
    const root = tree.find((n) => n.key === 1);
    expect(root?.children.map((n) => n.key)).toEqual([3]);
  });
});

describe('matchingWithAncestors', () => {
  it('keeps matches and the path up to the root', () => {
    expect([...matchingWithAncestors(flat, '开发')].sort()).toEqual([1, 2, 4]);
    expect([...matchingWithAncestors(flat, 'orphan')]).toEqual([5]);
  });
});
