import type { ErrorCode } from '../errors.js';
import { byPermission, type Machine } from '../state-machine.js';

/**
 * A fault 故障 moves 新建 → 处理中 (first response) → 已恢复 (service restored) → 已关闭 (root cause
 * known; P1/P2 also reviewed 复盘); a recovered fault can be reopened; a fault registered by mistake
 * is cancelled before it recovers.
 */
export const FAULT_STATUSES = ['new', 'in_progress', 'recovered', 'closed', 'cancelled'] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];
export const OPEN_FAULT_STATUSES: readonly FaultStatus[] = ['new', 'in_progress', 'recovered'];

export const FAULT_SEVERITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type FaultSeverity = (typeof FAULT_SEVERITIES)[number];
/** Severities whose faults need a completed review before they close. */
export const REVIEWED_SEVERITIES: readonly FaultSeverity[] = ['P1', 'P2'];

export const FAULT_IMPACT_KINDS = ['outage', 'degraded'] as const;
export type FaultImpactKind = (typeof FAULT_IMPACT_KINDS)[number];

export const FAULT_CAUSES = ['hardware', 'software', 'network', 'change', 'capacity', 'security', 'human', 'external', 'unknown'] as const;
export type FaultCause = (typeof FAULT_CAUSES)[number];

/** Default response targets in minutes (wall clock: faults are handled 7×24). */
export const DEFAULT_FAULT_RESPONSE_MINUTES: Record<FaultSeverity, number> = { P1: 60, P2: 240, P3: 480, P4: 1440 };

export const FAULT_ACTIONS = ['respond', 'recover', 'reopen', 'close', 'cancel'] as const;
export type FaultAction = (typeof FAULT_ACTIONS)[number];

/** What the rules look at. */
export interface FaultFacts {
  status: FaultStatus;
  severity: FaultSeverity;
  /** The review 复盘 is completed. */
  reviewCompleted: boolean;
}

export interface FaultActionInput {
  resolution?: string | null;
  causeCategory?: string | null;
  rootCause?: string | null;
  reason?: string | null;
}

/** Recovering says what restored the service. */
export const needsResolution = (_f: FaultFacts, input: FaultActionInput): ErrorCode | null =>
  input.resolution?.trim() ? null : 'solutionRequired';
/** Closing needs the cause category and the root cause. */
export const needsRootCause = (_f: FaultFacts, input: FaultActionInput): ErrorCode | null =>
  input.causeCategory && input.rootCause?.trim() ? null : 'faultCauseRequired';
/** A P1/P2 fault closes only after its review is completed. */
export const needsReview = (f: FaultFacts): ErrorCode | null =>
  REVIEWED_SEVERITIES.includes(f.severity) && !f.reviewCompleted ? 'faultReviewRequired' : null;
/** Cancelling and reopening say why. */
export const needsReason = (_f: FaultFacts, input: FaultActionInput): ErrorCode | null => (input.reason?.trim() ? null : 'reasonRequired');

const handler = byPermission('fault.handle');
const manager = byPermission('fault.manage');

export const faultMachine: Machine<FaultStatus, FaultAction, FaultFacts, FaultActionInput> = {
  transitions: [
    { action: 'respond', from: ['new'], to: 'in_progress', who: [handler, manager] },
    { action: 'recover', from: ['new', 'in_progress'], to: 'recovered', who: [handler, manager], guards: [needsResolution] },
    { action: 'reopen', from: ['recovered'], to: 'in_progress', who: [handler, manager], guards: [needsReason] },
    { action: 'close', from: ['recovered'], to: 'closed', who: [manager], guards: [needsRootCause, needsReview] },
    { action: 'cancel', from: ['new', 'in_progress'], to: 'cancelled', who: [manager], guards: [needsReason] },
  ],
};
