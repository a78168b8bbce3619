import { byPermission, byRelation, type Machine, type MachineActor } from '../state-machine.js';

/** 待审批 → 待受理 → 处理中 ⇄ 挂起 → 已解决 → 已关闭, plus 已撤销, 已驳回 and reopen. */
export const TICKET_STATUSES = [
  'pending_approval',
  'new',
  'in_progress',
  'on_hold',
  'resolved',
  'closed',
  'cancelled',
  'rejected',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const OPEN_STATUSES: readonly TicketStatus[] = ['pending_approval', 'new', 'in_progress', 'on_hold'];
export const FINAL_STATUSES: readonly TicketStatus[] = ['closed', 'cancelled', 'rejected'];
/** The SLA clock stands still in these. */
export const PAUSED_STATUSES: readonly TicketStatus[] = ['pending_approval', 'on_hold', 'resolved'];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const HOLD_REASONS = ['pending_customer', 'pending_vendor', 'pending_change', 'other'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export const TICKET_CHANNELS = ['pc', 'mobile', 'email', 'api', 'agent'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const TICKET_ACTIONS = [
  'approve',
  'reject',
  'cancel',
  'claim',
  'assign',
  'accept',
  'transfer',
  'hold',
  'resume',
  'resolve',
  'confirm',
  'reopen',
  'close',
  'merge',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** The parts of a ticket the rules look at. */
export interface TicketFacts {
  status: TicketStatus;
  requesterId: number;
  assigneeId: number | null;
  teamId: number | null;
  /** The requester's supervisor (or department head) — who approves when the item requires it. */
  approverIds: readonly number[];
}

/** What some actions carry; guards check it. */
export interface TicketActionInput {
  reason?: string | null;
  assigneeId?: number | null;
  teamId?: number | null;
  holdReason?: HoldReason | null;
  solution?: string | null;
  targetId?: number | null;
}

const requester = byRelation<TicketFacts>('requester', (t, me) => t.requesterId === me.userId);
const assignee = byRelation<TicketFacts>('assignee', (t, me) => t.assigneeId === me.userId);
const approver = byRelation<TicketFacts>('approver', (t, me) => t.approverIds.includes(me.userId) && me.permissions.has('ticket.approve'));
/** A handler in the ticket's team (or any handler when the ticket has no team yet). */
const teamHandler = byRelation<TicketFacts>(
  'teamHandler',
  (t, me) => me.permissions.has('ticket.handle') && (t.teamId === null || me.teamIds.has(t.teamId)),
);
const dispatcher = byPermission('ticket.dispatch');
const manager = byPermission('ticket.manage');

const needsReason = (_t: TicketFacts, input: TicketActionInput) => (input.reason?.trim() ? null : 'reasonRequired');
const needsTarget = (_t: TicketFacts, input: TicketActionInput) => (input.assigneeId || input.teamId ? null : 'targetRequired');
const needsSolution = (_t: TicketFacts, input: TicketActionInput) => (input.solution?.trim() ? null : 'solutionRequired');
const needsHoldReason = (_t: TicketFacts, input: TicketActionInput) => (input.holdReason ? null : 'reasonRequired');
const needsOtherTicket = (_t: TicketFacts, input: TicketActionInput) => (input.targetId ? null : 'targetRequired');
const notSelfTransfer = (t: TicketFacts, input: TicketActionInput) =>
  input.assigneeId && input.assigneeId === t.assigneeId && (!input.teamId || input.teamId === t.teamId) ? 'sameTarget' : null;

export const ticketMachine: Machine<TicketStatus, TicketAction, TicketFacts, TicketActionInput> = {
  transitions: [
    { action: 'approve', from: ['pending_approval'], to: 'new', who: [approver] },
    { action: 'reject', from: ['pending_approval'], to: 'rejected', who: [approver], guards: [needsReason] },
    { action: 'cancel', from: ['pending_approval', 'new'], to: 'cancelled', who: [requester, manager] },
    { action: 'claim', from: ['new'], to: 'in_progress', who: [teamHandler] },
    { action: 'assign', from: ['new', 'in_progress', 'on_hold'], to: 'new', who: [dispatcher], guards: [needsTarget] },
    { action: 'accept', from: ['new'], to: 'in_progress', who: [assignee] },
    {
      action: 'transfer',
      from: ['new', 'in_progress', 'on_hold'],
      to: 'new',
      who: [assignee, dispatcher],
      guards: [needsTarget, needsReason, notSelfTransfer],
    },
    { action: 'hold', from: ['in_progress'], to: 'on_hold', who: [assignee, dispatcher], guards: [needsHoldReason] },
    { action: 'resume', from: ['on_hold'], to: 'in_progress', who: [assignee, dispatcher, requester] },
    { action: 'resolve', from: ['in_progress', 'on_hold'], to: 'resolved', who: [assignee, dispatcher], guards: [needsSolution] },
    { action: 'confirm', from: ['resolved'], to: 'closed', who: [requester] },
    { action: 'reopen', from: ['resolved'], to: 'in_progress', who: [requester, manager], guards: [needsReason] },
    { action: 'close', from: ['resolved'], to: 'closed', who: [manager] },
    { action: 'merge', from: ['new', 'in_progress', 'on_hold'], to: 'closed', who: [manager, dispatcher], guards: [needsOtherTicket] },
  ],
};

export type { MachineActor as TicketActor };
