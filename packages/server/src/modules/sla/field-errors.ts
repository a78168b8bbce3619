import { translate } from '@shuyun/shared';
import type { Actor } from '../../platform/context.js';
import { AppError, rethrowUnique } from '../../platform/errors.js';

/** One problem with one field; `key` names a message under `sla.problems`. */
export interface Issue {
  path: string;
  key: string;
  values?: Record<string, unknown>;
}

/** Throws a 400 listing every issue, worded in the actor's language; does nothing when there are none. */
export function assertNoIssues(actor: Actor, issues: Issue[]): void {
  if (issues.length === 0) return;
  throw new AppError(
    'validation',
    {},
    issues.map((i) => ({ path: i.path, code: i.key, message: translate(actor.locale, `sla.problems.${i.key}`, i.values) })),
  );
}

/**
 * A database refusal as the user's error: an unknown calendar (foreign key) is a 400 on `calendarId`,
 * a taken name a 409 `duplicate`, a concurrent change of the default a 409 `conflict`.
 */
export function rethrowWriteError(error: unknown, actor: Actor): never {
  if (error instanceof AppError) throw error;
  const pg = error as { code?: string; constraint?: string };
  if (pg.code === '23503' && pg.constraint === 'sla_policies_calendar_id_fkey') {
    throw new AppError('validation', {}, [{ path: 'calendarId', code: 'notFound', message: translate(actor.locale, 'errors.notFound') }]);
  }
  if (pg.code === '23505' && pg.constraint?.endsWith('_one_default')) throw new AppError('conflict');
  rethrowUnique(error, { business_calendars_name_key: 'name', sla_policies_name_key: 'name' });
}
