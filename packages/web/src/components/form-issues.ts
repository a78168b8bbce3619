import type { FormInstance } from 'antd';
import type { ApiIssue } from '../app/api-client';

type NamePath = (string | number)[];

/** `form.2.options.0.value` → ['form', 2, 'options', 0, 'value']. */
export function issueNamePath(path: string): NamePath {
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts each issue under the deepest registered field its dotted `path` reaches (nested names such
 * as `name.zh-CN` or `targets.P1.responseMinutes` included). Returns the issues no field could show,
 * so the page can list them instead of losing them.
 */
export function applyNestedIssues(form: FormInstance, issues: ApiIssue[]): ApiIssue[] {
  const registered = new Set(form.getFieldsError().map((field) => JSON.stringify(field.name)));
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const unplaced: ApiIssue[] = [];
  for (const issue of issues) {
    if (!issue.path) {
      unplaced.push(issue);
      continue;
    }
    let name = issueNamePath(issue.path);
    while (name.length > 0 && !registered.has(JSON.stringify(name))) name = name.slice(0, -1);
    if (name.length === 0) {
      unplaced.push(issue);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  return unplaced;
}
