import type { Permission } from '../permissions.js';
import { byPermission, byRelation, type Machine, type MachineActor } from '../state-machine.js';

/**
 * A release 发布 moves 草稿 → 待审批 → 已批准 / 已驳回 (edited and re-submitted) → 发布成功 / 发布失败 →
 * (成功后) 已验收; it can be cancelled any time before it is executed.
 */
export const RELEASE_STATUSES = [
  'draft',
  'pending_approval',
  'approved',
  'rejected',
  'succeeded',
  'failed',
  'accepted',
  'cancelled',
] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

/** A release still on its way: a demand can be in only one of these at a time. */
export const OPEN_RELEASE_STATUSES: readonly ReleaseStatus[] = ['draft', 'pending_approval', 'approved', 'rejected'];
/** A release whose request may still be edited. */
export const EDITABLE_RELEASE_STATUSES: readonly ReleaseStatus[] = ['draft', 'rejected'];

export const RELEASE_RISKS = ['high', 'medium', 'low'] as const;
export type ReleaseRisk = (typeof RELEASE_RISKS)[number];

export const RELEASE_ACTIONS = ['submit', 'approve', 'reject', 'succeed', 'fail', 'accept', 'cancel'] as const;
export type ReleaseAction = (typeof RELEASE_ACTIONS)[number];

/** What the rules look at. */
export interface ReleaseFacts {
  status: ReleaseStatus;
  requesterId: number;
}

export interface ReleaseActionInput {
  comment?: string | null;
  note?: string | null;
}

const manager = byPermission('release.manage' satisfies Permission);
/** A release request is its requester's: only they (still holding release.manage) edit and submit it. */
export const releaseOwner = byRelation<ReleaseFacts>(
  'requester',
  (r, me: MachineActor) => me.permissions.has('release.manage') && r.requesterId === me.userId,
);
/** Approvers hold release.approve, and nobody approves a release they requested. */
export const releaseApprover = byRelation<ReleaseFacts>(
  'approver',
  (r, me: MachineActor) => me.permissions.has('release.approve') && r.requesterId !== me.userId,
);

/** A rejection tells the requester why; a failure says what happened. */
export const releaseNeedsComment = (_r: ReleaseFacts, input: ReleaseActionInput) => (input.comment?.trim() ? null : 'reasonRequired');
export const releaseNeedsNote = (_r: ReleaseFacts, input: ReleaseActionInput) => (input.note?.trim() ? null : 'reasonRequired');

export const releaseMachine: Machine<ReleaseStatus, ReleaseAction, ReleaseFacts, ReleaseActionInput> = {
  transitions: [
    { action: 'submit', from: ['draft', 'rejected'], to: 'pending_approval', who: [releaseOwner] },
    { action: 'approve', from: ['pending_approval'], to: 'approved', who: [releaseApprover] },
    { action: 'reject', from: ['pending_approval'], to: 'rejected', who: [releaseApprover], guards: [releaseNeedsComment] },
    { action: 'succeed', from: ['approved'], to: 'succeeded', who: [manager] },
    { action: 'fail', from: ['approved'], to: 'failed', who: [manager], guards: [releaseNeedsNote] },
    { action: 'accept', from: ['succeeded'], to: 'accepted', who: [manager] },
    { action: 'cancel', from: ['draft', 'pending_approval', 'approved', 'rejected'], to: 'cancelled', who: [manager] },
  ],
};
