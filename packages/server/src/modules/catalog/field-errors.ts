import { type FormField, formDefinitionIssues, type Locale, translate } from '@shuyun/shared';
import { AppError, rethrowUnique } from '../../platform/errors.js';

/** A 400 naming one field, with a reason in `locale` (`key` is an i18n key). */
export function fieldError(locale: Locale, path: string, code: string, key: string, values?: Record<string, unknown>): AppError {
  return new AppError('validation', {}, [{ path, code, message: translate(locale, key, values) }]);
}

/** A 400 naming a field whose referenced record does not exist. */
export const unknownReference = (locale: Locale, path: string) => fieldError(locale, path, 'notFound', 'errors.notFound');

/** Refuses a form definition that breaks the rules beyond its shape, naming each offending field. */
export function assertFormDefinition(form: readonly FormField[], locale: Locale): void {
  const issues = formDefinitionIssues(form);
  if (issues.length === 0) return;
  throw new AppError(
    'validation',
    {},
    issues.map((i) => ({ path: i.path, code: i.code, message: translate(locale, `catalog.formDefinition.${i.code}`, i.values) })),
  );
}

/**
 * Turns a database refusal into the user's error: a foreign-key violation becomes a 400 naming the
 * field (constraint → field in `references`), a unique violation a 409 `duplicate`. AppErrors pass through.
 */
export function rethrowWriteError(
  error: unknown,
  locale: Locale,
  references: Record<string, string>,
  unique: Record<string, string>,
): never {
  if (error instanceof AppError) throw error;
  const pgError = error as { code?: string; constraint?: string };
  if (pgError.code === '23503') {
    const path = references[pgError.constraint ?? ''];
    if (path) throw unknownReference(locale, path);
  }
  rethrowUnique(error, unique);
}
