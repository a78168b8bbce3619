import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { isApiError } from '../app/api-client';

interface ErrorOptions {
  /** Put validation messages under the form's fields. */
  form?: FormInstance;
  /** Reloaded on a version conflict, so the user edits the current record. */
  refetch?: QueryKey[];
}

/** Shows what went wrong the way the API said it: the localised message, field errors under fields. */
export function useApiFeedback() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  const showError = useCallback(
    (error: unknown, options: ErrorOptions = {}) => {
      if (!isApiError(error)) {
        message.error(error instanceof Error ? error.message : String(error));
        return;
      }
      if (options.form) applyFieldErrors(options.form, error.issues);
      message.error(error.message);
      if (error.code === 'versionConflict' || error.code === 'notFound') {
        for (const key of options.refetch ?? []) void queryClient.invalidateQueries({ queryKey: key });
      }
    },
    [message, queryClient],
  );

  const showSuccess = useCallback((text: string) => message.success(text), [message]);

  return { showError, showSuccess };
}

/** Maps `details[].path` (e.g. `email`) onto the form's fields; returns how many it placed. */
export function applyFieldErrors(form: FormInstance, issues: { path?: string; message: string }[]): number {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const field = issue.path?.split('.')[0];
    if (!field) continue;
    byField.set(field, [...(byField.get(field) ?? []), issue.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size;
}
