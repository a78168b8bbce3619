/**
 * Typed timeline events. The payload is data; text is produced only when displayed, from the
 * i18n key `timeline.<kind>` with the payload as interpolation values, in the reader's language.
 */
export type TimelineEvent =
  | { kind: 'created' }
  | { kind: 'updated'; fields: string[] }
  | { kind: 'stateChanged'; from: string; to: string; reason?: string }
  | { kind: 'assigned'; toUser?: string; toTeam?: string }
  | { kind: 'transferred'; fromUser?: string; toUser?: string; toTeam?: string; reason: string }
  | { kind: 'commented'; body: string; internal: boolean; files?: { id: number; name: string }[] }
  | { kind: 'attached'; fileName: string; attachmentId: number }
  | { kind: 'workLogged'; minutes: number; note?: string }
  | { kind: 'linked'; targetType: string; targetNumber: string }
  | { kind: 'unlinked'; targetType: string; targetNumber: string }
  | { kind: 'deactivated' }
  | { kind: 'reactivated' }
  | { kind: 'roleGranted'; role: string; scope: string }
  | { kind: 'roleRevoked'; role: string }
  | { kind: 'passwordReset' }
  | { kind: 'unlocked' }
  | { kind: 'autoAssigned'; rule: string; matched: string[]; strategy: string; toTeam: string; toUser?: string }
  | { kind: 'priorityChanged'; from: string; to: string }
  | { kind: 'rated'; stars: number; comment?: string }
  | { kind: 'merged'; intoNumber: string }
  | { kind: 'mergedFrom'; fromNumber: string }
  | { kind: 'slaWarning'; clock: string }
  | { kind: 'slaBreached'; clock: string }
  | { kind: 'escalated'; level: number }
  | { kind: 'autoClosed'; days: number }
  | { kind: 'knowledgeCaptured'; articleNumber: string }
  | { kind: 'knowledgeApplied'; articleNumber: string; articleTitle: string }
  | { kind: 'capturedFrom'; recordType: string; recordNumber: string }
  | { kind: 'versionCreated'; revision: number; fromRevision?: number }
  | { kind: 'versionRestored'; revision: number; fromRevision: number }
  | { kind: 'reviewConfirmed'; reviewBy: string }
  // IT assets (record_type 'asset'): every operation on the register. Names are as they were at the time.
  | { kind: 'assetRegistered'; tag: string; location?: string; imported?: boolean }
  | { kind: 'assetIssued'; toUser: string; location?: string }
  | { kind: 'assetReceived' }
  | { kind: 'assetReturned'; fromUser?: string; location: string }
  | { kind: 'assetTransferRequested'; fromUser: string; toUser: string; reason?: string }
  | { kind: 'assetTransferred'; fromUser: string; toUser: string }
  | { kind: 'assetTransferDeclined'; toUser: string; reason?: string }
  | { kind: 'assetRepairStarted'; vendor: string; fault: string; cost?: string }
  | { kind: 'assetRepairCompleted'; result: string; cost?: string }
  | { kind: 'assetPartReplaced'; component: string; oldPart: string; newPart: string; cost?: string }
  | { kind: 'assetScrapRequested'; reason: string }
  | { kind: 'assetScrapApproved'; comment?: string }
  | { kind: 'assetScrapRejected'; comment?: string }
  | { kind: 'assetDisposed'; method: 'sale' | 'recycling' | 'destruction'; dataWiped: boolean; proceeds?: string }
  | { kind: 'assetLost'; note?: string }
  | { kind: 'spareIssued'; number: string; itemName: string; quantity: number; unit: string }
  | { kind: 'spareReturned'; number: string; itemName: string; quantity: number; unit: string }
  // stocktaking: on the stocktake, and on each asset a result is applied to
  | { kind: 'stocktakeApplied'; tag: string; result: string }
  | { kind: 'stocktakeLineReset'; tag: string }
  | { kind: 'stocktakeMarkedLost'; stocktakeNumber: string }
  | { kind: 'stocktakeRelocated'; stocktakeNumber: string; from: string; to: string }
  // between operations modules: an incident escalated to a fault, a failed release's fault, and the
  // demands a release delivers (written by the faults and releases modules on the other record)
  | { kind: 'escalatedToFault'; faultNumber: string }
  | { kind: 'releaseFaultRegistered'; faultNumber: string }
  | { kind: 'demandReleased'; releaseNumber: string; version: string }
  | { kind: 'demandDelivered'; releaseNumber: string }
  // demands 需求 (record_type 'demand'): evaluation, implementation tasks and test rounds
  | { kind: 'demandEvaluated'; effortDays: number; plannedDate: string }
  | { kind: 'demandTaskAdded'; title: string; developer: string; hours: number }
  | { kind: 'demandTaskChanged'; title: string; status: string; developer?: string }
  | { kind: 'demandTestRegistered'; round: number; result: string; passed: number; failed: number; defects: number }
  // releases (record_type 'release'): decisions, results and acceptance with what was written
  | { kind: 'releaseApproved'; comment?: string }
  | { kind: 'releaseRejected'; comment: string }
  | { kind: 'releaseSucceeded'; note?: string; demands: number }
  | { kind: 'releaseFailed'; note: string; rolledBack: boolean }
  | { kind: 'releaseAccepted'; comment: string; demands: number }
  | { kind: 'releaseAcceptanceFailed'; comment: string }
  | { kind: 'releaseRemarked'; result: string; comment: string }
  | { kind: 'releaseCopiedTo'; number: string }
  | { kind: 'releaseCopiedFrom'; number: string }
  // incidents 事件: registered from a ticket (on both), monitoring alerts, priority with a reason, the review 复盘
  | { kind: 'incidentRegistered'; incidentNumber: string }
  | { kind: 'incidentFromTicket'; ticketNumber: string }
  | { kind: 'incidentFromAlert'; alertname: string; severity: string }
  | { kind: 'incidentAlertRepeated'; count: number }
  | { kind: 'incidentAlertResolved'; endsAt: string }
  | { kind: 'incidentPriorityChanged'; from: string; to: string; reason: string }
  | { kind: 'incidentReviewSaved' }
  | { kind: 'incidentReviewCompleted' }
  | { kind: 'incidentReviewActionAdded'; title: string; owner: string; dueDate: string }
  | { kind: 'incidentReviewActionDone'; title: string }
  | { kind: 'incidentReviewActionReopened'; title: string }
  // faults 故障: corrected times (availability depends on them), the review 复盘 and its actions, overdue response
  | { kind: 'faultTimesEdited'; fields: string[]; reason: string }
  | { kind: 'faultReviewCompleted'; noActionNeeded: boolean }
  | { kind: 'faultActionAdded'; title: string; owner: string; dueDate: string }
  | { kind: 'faultActionDone'; title: string; note: string }
  | { kind: 'faultResponseOverdue'; notified: string };

export type TimelineKind = TimelineEvent['kind'];

export const TIMELINE_KINDS: TimelineKind[] = [
  'created',
  'updated',
  'stateChanged',
  'assigned',
  'transferred',
  'commented',
  'attached',
  'workLogged',
  'linked',
  'unlinked',
  'deactivated',
  'reactivated',
  'roleGranted',
  'roleRevoked',
  'passwordReset',
  'unlocked',
  'autoAssigned',
  'priorityChanged',
  'rated',
  'merged',
  'mergedFrom',
  'slaWarning',
  'slaBreached',
  'escalated',
  'autoClosed',
  'knowledgeCaptured',
  'knowledgeApplied',
  'capturedFrom',
  'versionCreated',
  'versionRestored',
  'reviewConfirmed',
  'assetRegistered',
  'assetIssued',
  'assetReceived',
  'assetReturned',
  'assetTransferRequested',
  'assetTransferred',
  'assetTransferDeclined',
  'assetRepairStarted',
  'assetRepairCompleted',
  'assetPartReplaced',
  'assetScrapRequested',
  'assetScrapApproved',
  'assetScrapRejected',
  'assetDisposed',
  'assetLost',
  'spareIssued',
  'spareReturned',
  'stocktakeApplied',
  'stocktakeLineReset',
  'stocktakeMarkedLost',
  'stocktakeRelocated',
  'escalatedToFault',
  'releaseFaultRegistered',
  'demandReleased',
  'demandDelivered',
  'demandEvaluated',
  'demandTaskAdded',
  'demandTaskChanged',
  'demandTestRegistered',
  'releaseApproved',
  'releaseRejected',
  'releaseSucceeded',
  'releaseFailed',
  'releaseAccepted',
  'releaseAcceptanceFailed',
  'releaseRemarked',
  'releaseCopiedTo',
  'releaseCopiedFrom',
  'incidentRegistered',
  'incidentFromTicket',
  'incidentFromAlert',
  'incidentAlertRepeated',
  'incidentAlertResolved',
  'incidentPriorityChanged',
  'incidentReviewSaved',
  'incidentReviewCompleted',
  'incidentReviewActionAdded',
  'incidentReviewActionDone',
  'incidentReviewActionReopened',
  'faultTimesEdited',
  'faultReviewCompleted',
  'faultActionAdded',
  'faultActionDone',
  'faultResponseOverdue',
];
