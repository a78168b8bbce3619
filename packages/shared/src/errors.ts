/** Every error the API can answer with. The message is looked up in the i18n catalogue under `errors.<code>`. */
export const ERROR_CODES = [
  'validation',
  'badJson',
  'unauthenticated',
  'sessionExpired',
  'forbidden',
  'notFound',
  'conflict',
  'versionConflict',
  'csrf',
  'rateLimited',
  'payloadTooLarge',
  'unsupportedMediaType',
  'invalidCredentials',
  'accountLocked',
  'accountInactive',
  'passwordPolicy',
  'passwordReuse',
  'wrongPassword',
  'duplicate',
  'lastHolder',
  'separationOfDuties',
  'ownWork',
  'departmentCycle',
  'departmentNotEmpty',
  'importInvalid',
  'fileType',
  'fileTooLarge',
  'invalidTransition',
  'reasonRequired',
  'targetRequired',
  'solutionRequired',
  'sameTarget',
  'assetStatusConflict',
  'assetPendingAction',
  'assetNothingPending',
  'insufficientStock',
  'stockChanged',
  'returnExceedsIssued',
  'internal',
  // stocktaking
  'alreadyScanned',
  'notCounter',
  'notStocktakeOwner',
  'stocktakeNotRunning',
  // demands
  'demandNoAnalyst',
  'demandNoSupervisor',
  'demandStatusConflict',
  'demandNotImplementing',
  'demandOwnApproval',
  // releases
  'releaseOwnApproval',
  'releaseStatusConflict',
  'releaseDemandTaken',
  'releaseNotRequester',
  'releaseRemarkExists',
  'releaseNotOwnRequest',
  // incidents
  'incidentStatusConflict',
  'incidentReviewRequired',
  'incidentReviewIncomplete',
  'incidentNotResolved',
  'alertTokenInvalid',
  // faults
  'faultCauseRequired',
  'faultReviewRequired',
  'faultAlreadyEscalated',
  'releaseNotFailed',
  'releaseFaultExists',
  'faultStatusConflict',
  'reviewNeedsActions',
  'reviewCompleted',
  'notActionOwner',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** One problem with one field or one import row; `path` is the field path, `row`/`column` for Excel. */
export interface FieldIssue {
  path?: string;
  row?: number;
  column?: string;
  code: string;
  message: string;
}
