import type { ErrorCode } from '../errors.js';
import { byPermission, byRelation, type Machine, type MachineActor } from '../state-machine.js';

/**
 * 需求: submitted → accepted (接单) → pending_approval (评估方案) → implementing (业务主管审核) →
 * released (a release including it succeeded; releases module) → delivered (acceptance recorded;
 * releases module) → closed (交付评价, or auto-closed unrated). Rejected by the analyst or the
 * supervisor; cancelled by the requester before acceptance; returned for rework → accepted.
 */
export const DEMAND_STATUSES = [
  'submitted',
  'accepted',
  'pending_approval',
  'implementing',
  'released',
  'delivered',
  'closed',
  'rejected',
  'cancelled',
] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];
export const DEMAND_FINAL_STATUSES: readonly DemandStatus[] = ['closed', 'rejected', 'cancelled'];

export const DEMAND_KINDS = ['new_feature', 'change', 'report', 'data', 'other'] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];

export const DEMAND_ACTIONS = ['cancel', 'accept', 'reject', 'evaluate', 'approve', 'disapprove', 'return', 'rate'] as const;
export type DemandAction = (typeof DEMAND_ACTIONS)[number];

/** The parts of a demand the rules look at. */
export interface DemandFacts {
  status: DemandStatus;
  requesterId: number;
  analystId: number | null;
  supervisorId: number | null;
}

export interface DemandActionInput {
  reason?: string | null;
  comment?: string | null;
  solution?: string | null;
  rating?: number | null;
}

const isRequester = byRelation<DemandFacts>('requester', (d, me) => d.requesterId === me.userId);
const isAnalyst = byRelation<DemandFacts>('analyst', (d, me) => d.analystId === me.userId && me.permissions.has('demand.handle'));
const manager = byPermission('demand.manage');
/**
 * Who decides on an evaluated demand (approve, disapprove, return): its supervisor holding demand.approve, or
 * a demand.manage holder — never the person who asked for it.
 */
const notRequester = (d: DemandFacts, me: MachineActor) => d.requesterId !== me.userId;
const decider = [
  byRelation<DemandFacts>(
    'supervisor',
    (d, me) => d.supervisorId === me.userId && me.permissions.has('demand.approve') && notRequester(d, me),
  ),
  byRelation<DemandFacts>('manager', (d, me) => me.permissions.has('demand.manage') && notRequester(d, me)),
];
/** The steps that decide on an evaluated demand: refused to its requester (the server says so with demandOwnApproval). */
export const DEMAND_DECISIONS: readonly DemandAction[] = ['approve', 'disapprove', 'return'];

const needs =
  (field: keyof DemandActionInput, code: ErrorCode) =>
  (_d: DemandFacts, input: DemandActionInput): ErrorCode | null => {
    const value = input[field];
    return value === undefined || value === null || (typeof value === 'string' && !value.trim()) ? code : null;
  };

/** Who may take which step from where. The server makes each step one conditional write on (id, status, version). */
export const DEMAND_MACHINE: Machine<DemandStatus, DemandAction, DemandFacts, DemandActionInput> = {
  transitions: [
    { action: 'cancel', from: ['submitted'], to: 'cancelled', who: [isRequester] },
    { action: 'accept', from: ['submitted'], to: 'accepted', who: [isAnalyst, manager] },
    {
      action: 'reject',
      from: ['submitted', 'accepted'],
      to: 'rejected',
      who: [isAnalyst, manager],
      guards: [needs('reason', 'reasonRequired')],
    },
    {
      action: 'evaluate',
      from: ['accepted'],
      to: 'pending_approval',
      who: [isAnalyst, manager],
      guards: [needs('solution', 'solutionRequired')],
    },
    { action: 'approve', from: ['pending_approval'], to: 'implementing', who: decider },
    {
      action: 'disapprove',
      from: ['pending_approval'],
      to: 'rejected',
      who: decider,
      guards: [needs('reason', 'reasonRequired')],
    },
    {
      action: 'return',
      from: ['pending_approval'],
      to: 'accepted',
      who: decider,
      guards: [needs('comment', 'reasonRequired')],
    },
    { action: 'rate', from: ['delivered'], to: 'closed', who: [isRequester], guards: [needs('rating', 'validation')] },
  ],
};
