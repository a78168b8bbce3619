import { randomBytes } from 'node:crypto';
import type { FormField } from '@shuyun/shared';
import type { ApiClient, TestContext } from '../../test/harness.js';

// Helpers shared by the catalogue's API tests (not a test file itself).

export const uniq = () => randomBytes(3).toString('hex');

/** Audit entries about one catalogue record, oldest first. */
export function auditFor(t: TestContext, objectType: 'catalogCategory' | 'catalogItem', objectId: number) {
  return t.platform.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'before', 'after'])
    .where('object_type', '=', objectType)
    .where('object_id', '=', String(objectId))
    .orderBy('id')
    .execute();
}

export const rowCount = (t: TestContext, table: 'catalog_items' | 'catalog_categories') => t.countRows(table);

export const label = (zh: string, en?: string) => (en ? { 'zh-CN': zh, 'en-US': en } : { 'zh-CN': zh });

export const field = (key: string, type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({
  key,
  type,
  label: label(`字段${key}`, `Field ${key}`),
  required: false,
  ...extra,
});

/** Creates a category through the API and returns its JSON (throws unless 201). */
export async function createCategory(admin: ApiClient, body: Record<string, unknown> = {}) {
  const res = await admin.post('/api/catalog/admin/categories', { code: `C-${uniq()}`, name: label('测试分类', 'Test category'), ...body });
  if (res.statusCode !== 201) throw new Error(`category ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; version: number; parentId: number | null; sortOrder: number };
}

/** Creates a service item through the API and returns its JSON (throws unless 201). */
export async function createItem(admin: ApiClient, categoryId: number, body: Record<string, unknown> = {}) {
  const res = await admin.post('/api/catalog/admin/items', {
    categoryId,
    code: `I-${uniq()}`,
    name: label('测试服务', 'Test service'),
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`item ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; version: number; code: string; sortOrder: number };
}
