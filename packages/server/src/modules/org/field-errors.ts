import { DEFAULT_LOCALE, translate } from '@shuyun/shared';
import type { Actor } from '../../platform/context.js';
import { AppError, rethrowUnique } from '../../platform/errors.js';

// A signed-in caller is answered in their own language (platform/i18n.ts), so details worded with
// the actor's locale match the rest of the response. No actor (a CLI command): the default language.

/** A 400 naming one field, with a reason in the actor's language (`key` is an i18n key). */
export function fieldError(actor: Actor | null, path: string, code: string, key: string, values?: Record<string, unknown>): AppError {
  return new AppError('validation', {}, [{ path, code, message: translate(actor?.locale ?? DEFAULT_LOCALE, key, values) }]);
}

/** A 400 naming a field whose referenced record does not exist. */
export function unknownReference(actor: Actor | null, path: string): AppError {
  return fieldError(actor, path, 'notFound', 'errors.notFound');
}

/**
 * Turns a database refusal into the user's error: a foreign-key violation (constraint → field in
 * `references`) becomes a 400 naming the field, a unique violation a 409 naming the field. AppErrors
 * pass through; anything else is rethrown.
 */
export function rethrowWriteError(
  error: unknown,
  actor: Actor | null,
  references: Record<string, string>,
  unique: Record<string, string>,
): never {
  if (error instanceof AppError) throw error;
  const pgError = error as { code?: string; constraint?: string };
  if (pgError.code === '23503') {
    const path = references[pgError.constraint ?? ''];
    if (path) throw unknownReference(actor, path);
  }
  rethrowUnique(error, unique);
}
