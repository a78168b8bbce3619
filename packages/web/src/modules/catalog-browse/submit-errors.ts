import type { FormInstance } from 'antd';
import { isApiError } from '../../app/api-client';

/** Puts the server's field issues under the form's fields: `form.<key>` is a catalogue field, the rest are ticket fields. */
export function applySubmitIssues(form: FormInstance, error: unknown): void {
  if (!isApiError(error)) return;
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of error.issues) {
    if (!issue.path || !issue.message) continue;
    const [head, key] = issue.path.split('.');
    const name = head === 'form' && key ? ['formValues', key] : [head as string];
    const id = name.join('.');
    const entry = byField.get(id) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(id, entry);
  }
  form.setFields([...byField.values()]);
}
