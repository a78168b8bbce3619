import { describe, expect, it } from 'vitest';
import type { Permission } from '../permissions.js';
import { allowedActions, decide, type MachineActor } from '../state-machine.js';
import { type ReleaseFacts, releaseMachine } from './state-machine.js';

const me = (userId: number, permissions: Permission[] = []): MachineActor => ({
  userId,
  permissions: new Set(permissions),
  teamIds: new Set(),
});
const release = (over: Partial<ReleaseFacts> = {}): ReleaseFacts => ({ status: 'draft', requesterId: 1, ...over });
const analyst = me(1, ['release.read', 'release.manage']);
const manager = me(2, ['release.read', 'release.manage', 'release.approve']);
const reader = me(3, ['release.read']);

describe('release state machine', () => {
  it('lets the release manager who requested it submit a draft or a rejected release, and nobody else', () => {
    expect(decide(releaseMachine, release(), 'submit', analyst, {})).toEqual({ ok: true, to: 'pending_approval' });
    expect(decide(releaseMachine, release({ status: 'rejected' }), 'submit', analyst, {})).toEqual({ ok: true, to: 'pending_approval' });
    expect(decide(releaseMachine, release(), 'submit', reader, {})).toEqual({ ok: false, code: 'forbidden' });
    // Another release manager does not submit someone else's request.
    expect(decide(releaseMachine, release(), 'submit', manager, {})).toEqual({ ok: false, code: 'forbidden' });
    expect(decide(releaseMachine, release({ status: 'approved' }), 'submit', analyst, {})).toEqual({
      ok: false,
      code: 'invalidTransition',
    });
  });

  it('lets an approver decide, but never on a release they requested', () => {
    const pending = release({ status: 'pending_approval' });
    expect(decide(releaseMachine, pending, 'approve', manager, {})).toEqual({ ok: true, to: 'approved' });
    expect(decide(releaseMachine, { ...pending, requesterId: 2 }, 'approve', manager, {})).toEqual({ ok: false, code: 'forbidden' });
    expect(decide(releaseMachine, pending, 'approve', analyst, {})).toEqual({ ok: false, code: 'forbidden' });
  });

  it('wants a reason to reject and a note for a failure', () => {
    const pending = release({ status: 'pending_approval' });
    expect(decide(releaseMachine, pending, 'reject', manager, { comment: '  ' })).toEqual({ ok: false, code: 'reasonRequired' });
    expect(decide(releaseMachine, pending, 'reject', manager, { comment: '窗口冲突' })).toEqual({ ok: true, to: 'rejected' });
    const approved = release({ status: 'approved' });
    expect(decide(releaseMachine, approved, 'fail', analyst, {})).toEqual({ ok: false, code: 'reasonRequired' });
    expect(decide(releaseMachine, approved, 'fail', analyst, { note: '回滚' })).toEqual({ ok: true, to: 'failed' });
  });

  it('offers only what fits the state and the person', () => {
    expect(allowedActions(releaseMachine, release(), analyst)).toEqual(['submit', 'cancel']);
    expect(allowedActions(releaseMachine, release({ status: 'pending_approval' }), manager)).toEqual(['approve', 'reject', 'cancel']);
    expect(allowedActions(releaseMachine, release({ status: 'approved' }), analyst)).toEqual(['succeed', 'fail', 'cancel']);
    expect(allowedActions(releaseMachine, release({ status: 'succeeded' }), analyst)).toEqual(['accept']);
    expect(allowedActions(releaseMachine, release({ status: 'accepted' }), manager)).toEqual([]);
    expect(allowedActions(releaseMachine, release({ status: 'failed' }), reader)).toEqual([]);
  });
});
