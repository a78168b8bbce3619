import type { ErrorCode, FieldIssue } from '@shuyun/shared';

const STATUS: Partial<Record<ErrorCode, number>> = {
  validation: 400,
  badJson: 400,
  passwordPolicy: 400,
  passwordReuse: 400,
  wrongPassword: 400,
  importInvalid: 400,
  departmentCycle: 400,
  fileType: 415,
  unsupportedMediaType: 415,
  unauthenticated: 401,
  sessionExpired: 401,
  invalidCredentials: 401,
  accountLocked: 423,
  accountInactive: 403,
  forbidden: 403,
  csrf: 403,
  notFound: 404,
  conflict: 409,
  invalidTransition: 409,
  versionConflict: 409,
  duplicate: 409,
  lastHolder: 409,
  separationOfDuties: 409,
  ownWork: 403,
  departmentNotEmpty: 409,
  assetStatusConflict: 409,
  assetPendingAction: 409,
  assetNothingPending: 409,
  insufficientStock: 409,
  stockChanged: 409,
  returnExceedsIssued: 409,
  payloadTooLarge: 413,
  fileTooLarge: 413,
  rateLimited: 429,
  internal: 500,
  alreadyScanned: 409,
  notCounter: 403,
  notStocktakeOwner: 403,
  stocktakeNotRunning: 409,
  demandNoAnalyst: 409,
  demandNoSupervisor: 409,
  demandStatusConflict: 409,
  demandNotImplementing: 409,
  demandOwnApproval: 403,
  releaseOwnApproval: 403,
  releaseStatusConflict: 409,
  releaseDemandTaken: 409,
  releaseNotRequester: 403,
  releaseRemarkExists: 409,
  releaseNotOwnRequest: 403,
  incidentStatusConflict: 409,
  incidentReviewRequired: 409,
  incidentReviewIncomplete: 400,
  incidentNotResolved: 409,
  alertTokenInvalid: 401,
  // faults
  faultCauseRequired: 409,
  faultReviewRequired: 409,
  faultAlreadyEscalated: 409,
  releaseNotFailed: 409,
  releaseFaultExists: 409,
  faultStatusConflict: 409,
  reviewNeedsActions: 409,
  reviewCompleted: 409,
  notActionOwner: 403,
};

/** A failure the user should be told about. `values` fill the localised message; `details` go to the client as-is. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly values: Record<string, unknown> = {},
    readonly details?: FieldIssue[] | Record<string, unknown>,
  ) {
    super(code);
    this.status = STATUS[code] ?? 400;
  }
}

export const notFound = () => new AppError('notFound');

/**
 * A 400 naming one field. The message is an i18n key (with `values`), translated by the error
 * handler into the reader's language like the top-level message.
 */
export function fieldError(path: string, code: string, messageKey: string, values: Record<string, unknown> = {}): AppError {
  return new AppError('validation', values, [{ path, code, message: `i18n:${messageKey}` }]);
}
export const forbidden = () => new AppError('forbidden');
export const versionConflict = () => new AppError('versionConflict');

/** Maps a PostgreSQL unique violation to `duplicate` naming the field; rethrows anything else. */
export function rethrowUnique(error: unknown, fields: Record<string, string>): never {
  const pgError = error as { code?: string; constraint?: string };
  if (pgError.code === '23505') {
    const field = Object.entries(fields).find(([constraint]) => pgError.constraint === constraint)?.[1] ?? 'code';
    throw new AppError('duplicate', { field }, [{ path: field, code: 'duplicate', message: 'i18n:errors.duplicate' }]);
  }
  throw error;
}
