import { describe, expect, it } from 'vitest';
import type { Permission } from '../permissions.js';
import { allowedActions, decide, type MachineActor } from '../state-machine.js';
import { type TicketFacts, ticketMachine } from './state-machine.js';

const me = (userId: number, permissions: Permission[] = [], teamIds: number[] = []): MachineActor => ({
  userId,
  permissions: new Set(permissions),
  teamIds: new Set(teamIds),
});
const ticket = (over: Partial<TicketFacts> = {}): TicketFacts => ({
  status: 'new',
  requesterId: 1,
  assigneeId: null,
  teamId: 10,
  approverIds: [5],
  ...over,
});
const engineer = me(2, ['ticket.handle'], [10]);
const outsider = me(3, ['ticket.handle'], [11]);
const agent = me(4, ['ticket.dispatch', 'ticket.handle']);
const requester = me(1, ['ticket.submit']);
const supervisor = me(5, ['ticket.approve']);

describe('ticket state machine', () => {
  it('lets a handler in the ticket’s team claim it from the pool, but not one from another team', () => {
    expect(decide(ticketMachine, ticket(), 'claim', engineer, {})).toEqual({ ok: true, to: 'in_progress' });
    expect(decide(ticketMachine, ticket(), 'claim', outsider, {})).toEqual({ ok: false, code: 'forbidden' });
    expect(decide(ticketMachine, ticket({ teamId: null }), 'claim', outsider, {})).toEqual({ ok: true, to: 'in_progress' });
  });

  it('refuses actions from the wrong state with invalidTransition', () => {
    expect(decide(ticketMachine, ticket({ status: 'closed' }), 'claim', engineer, {})).toEqual({ ok: false, code: 'invalidTransition' });
    expect(decide(ticketMachine, ticket({ status: 'in_progress', assigneeId: 1 }), 'cancel', requester, {})).toEqual({
      ok: false,
      code: 'invalidTransition',
    });
  });

  it('requires a reason to transfer, reject and reopen, and a target to transfer or assign', () => {
    const mine = ticket({ status: 'in_progress', assigneeId: 2 });
    expect(decide(ticketMachine, mine, 'transfer', engineer, { assigneeId: 6 })).toEqual({ ok: false, code: 'reasonRequired' });
    expect(decide(ticketMachine, mine, 'transfer', engineer, { reason: '需要网络组' })).toEqual({ ok: false, code: 'targetRequired' });
    expect(decide(ticketMachine, mine, 'transfer', engineer, { reason: '  ', teamId: 11 })).toEqual({ ok: false, code: 'reasonRequired' });
    expect(decide(ticketMachine, mine, 'transfer', engineer, { reason: '需要网络组', teamId: 11 })).toEqual({ ok: true, to: 'new' });
    expect(decide(ticketMachine, mine, 'transfer', engineer, { reason: 'x', assigneeId: 2 })).toEqual({ ok: false, code: 'sameTarget' });
    expect(decide(ticketMachine, ticket({ status: 'pending_approval' }), 'reject', supervisor, {})).toEqual({
      ok: false,
      code: 'reasonRequired',
    });
    expect(decide(ticketMachine, ticket({ status: 'resolved', assigneeId: 2 }), 'reopen', requester, {})).toEqual({
      ok: false,
      code: 'reasonRequired',
    });
  });

  it('only the requester confirms a resolution; only the assignee accepts; only an approver of this requester approves', () => {
    const resolved = ticket({ status: 'resolved', assigneeId: 2 });
    expect(decide(ticketMachine, resolved, 'confirm', engineer, {})).toEqual({ ok: false, code: 'forbidden' });
    expect(decide(ticketMachine, resolved, 'confirm', requester, {})).toEqual({ ok: true, to: 'closed' });
    expect(decide(ticketMachine, ticket({ assigneeId: 2 }), 'accept', agent, {})).toEqual({ ok: false, code: 'forbidden' });
    expect(decide(ticketMachine, ticket({ assigneeId: 2 }), 'accept', engineer, {})).toEqual({ ok: true, to: 'in_progress' });
    const waiting = ticket({ status: 'pending_approval' });
    expect(decide(ticketMachine, waiting, 'approve', supervisor, {})).toEqual({ ok: true, to: 'new' });
    expect(decide(ticketMachine, waiting, 'approve', me(9, ['ticket.approve']), {})).toEqual({ ok: false, code: 'forbidden' });
  });

  it('lists only the actions the user may take now', () => {
    expect(allowedActions(ticketMachine, ticket(), requester)).toEqual(['cancel']);
    expect(allowedActions(ticketMachine, ticket({ status: 'in_progress', assigneeId: 2 }), engineer).sort()).toEqual([
      'hold',
      'resolve',
      'transfer',
    ]);
    expect(allowedActions(ticketMachine, ticket({ status: 'resolved', assigneeId: 2 }), requester).sort()).toEqual(['confirm', 'reopen']);
    expect(allowedActions(ticketMachine, ticket({ status: 'closed' }), agent)).toEqual([]);
  });
});
