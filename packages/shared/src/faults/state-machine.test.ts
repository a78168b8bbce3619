import { describe, expect, it } from 'vitest';
import type { Permission } from '../permissions.js';
import { allowedActions, decide } from '../state-machine.js';
import { type FaultFacts, faultMachine } from './state-machine.js';

const me = (...permissions: Permission[]) => ({ userId: 1, permissions: new Set(permissions), teamIds: new Set<number>() });
const fault = (over: Partial<FaultFacts> = {}): FaultFacts => ({ status: 'new', severity: 'P3', reviewCompleted: false, ...over });

describe('fault state machine', () => {
  it('a handler responds, recovers and reopens; only a manager closes and cancels', () => {
    expect(allowedActions(faultMachine, fault(), me('fault.handle'))).toEqual(['respond', 'recover']);
    expect(allowedActions(faultMachine, fault(), me('fault.manage'))).toEqual(['respond', 'recover', 'cancel']);
    expect(allowedActions(faultMachine, fault({ status: 'recovered' }), me('fault.handle'))).toEqual(['reopen']);
    expect(allowedActions(faultMachine, fault({ status: 'recovered' }), me('fault.manage'))).toEqual(['reopen', 'close']);
    expect(allowedActions(faultMachine, fault({ status: 'closed' }), me('fault.manage'))).toEqual([]);
    expect(decide(faultMachine, fault({ status: 'recovered' }), 'close', me('fault.handle'), {})).toEqual({ ok: false, code: 'forbidden' });
  });

  it('recovering needs a resolution; closing needs the cause and, for P1/P2, a completed review', () => {
    expect(decide(faultMachine, fault(), 'recover', me('fault.handle'), { resolution: ' ' })).toEqual({
      ok: false,
      code: 'solutionRequired',
    });
    expect(decide(faultMachine, fault(), 'recover', me('fault.handle'), { resolution: '重启' })).toEqual({ ok: true, to: 'recovered' });
    const recovered = fault({ status: 'recovered', severity: 'P1' });
    const cause = { causeCategory: 'hardware', rootCause: '电源故障' };
    expect(decide(faultMachine, recovered, 'close', me('fault.manage'), {})).toEqual({ ok: false, code: 'faultCauseRequired' });
    expect(decide(faultMachine, recovered, 'close', me('fault.manage'), cause)).toEqual({ ok: false, code: 'faultReviewRequired' });
    expect(decide(faultMachine, { ...recovered, reviewCompleted: true }, 'close', me('fault.manage'), cause)).toEqual({
      ok: true,
      to: 'closed',
    });
    expect(decide(faultMachine, { ...recovered, severity: 'P3' }, 'close', me('fault.manage'), cause)).toEqual({ ok: true, to: 'closed' });
  });

  it('cancelling and reopening need a reason; a wrong state is an invalid transition', () => {
    expect(decide(faultMachine, fault(), 'cancel', me('fault.manage'), {})).toEqual({ ok: false, code: 'reasonRequired' });
    expect(decide(faultMachine, fault({ status: 'recovered' }), 'reopen', me('fault.handle'), { reason: '复发' })).toEqual({
      ok: true,
      to: 'in_progress',
    });
    expect(decide(faultMachine, fault({ status: 'in_progress' }), 'respond', me('fault.handle'), {})).toEqual({
      ok: false,
      code: 'invalidTransition',
    });
  });
});
