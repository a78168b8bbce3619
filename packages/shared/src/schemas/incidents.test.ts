import { describe, expect, it } from 'vitest';
import { allowedIncidentActions, canTakeIncidentAction, incidentPriority, reviewRequiredFor } from './incidents.js';

describe('incident priority (ITIL impact × urgency)', () => {
  it('follows the matrix', () => {
    expect(incidentPriority('high', 'high')).toBe('P1');
    expect(incidentPriority('high', 'medium')).toBe('P2');
    expect(incidentPriority('medium', 'high')).toBe('P2');
    expect(incidentPriority('medium', 'medium')).toBe('P3');
    expect(incidentPriority('high', 'low')).toBe('P3');
    expect(incidentPriority('low', 'high')).toBe('P3');
    expect(incidentPriority('medium', 'low')).toBe('P4');
    expect(incidentPriority('low', 'medium')).toBe('P4');
    expect(incidentPriority('low', 'low')).toBe('P4');
    expect(['P1', 'P2', 'P3', 'P4'].map((p) => reviewRequiredFor(p as 'P1'))).toEqual([true, true, false, false]);
  });
});

describe('incident state machine', () => {
  const handler = { userId: 7, canHandle: true, canManage: false, teamIds: [3] };
  const manager = { userId: 9, canHandle: true, canManage: true, teamIds: [] };
  it('a handler accepts an unassigned incident of their team, not of another team or someone else’s', () => {
    expect(canTakeIncidentAction('accept', { status: 'new', assigneeId: null, teamId: 3 }, handler)).toBe(true);
    expect(canTakeIncidentAction('accept', { status: 'new', assigneeId: null, teamId: 4 }, handler)).toBe(false);
    expect(canTakeIncidentAction('accept', { status: 'new', assigneeId: 8, teamId: 3 }, handler)).toBe(false);
    expect(canTakeIncidentAction('accept', { status: 'in_progress', assigneeId: 7, teamId: 3 }, handler)).toBe(false);
  });
  it('closing and cancelling are for managers; the status decides the rest', () => {
    const resolved = { status: 'resolved' as const, assigneeId: 7, teamId: 3 };
    expect(allowedIncidentActions(resolved, handler)).toEqual(['reopen']);
    expect(allowedIncidentActions(resolved, manager)).toEqual(['close', 'reopen']);
    expect(allowedIncidentActions({ status: 'in_progress', assigneeId: 7, teamId: 3 }, handler)).toEqual([
      'assign',
      'priority',
      'hold',
      'resolve',
    ]);
    expect(allowedIncidentActions({ status: 'closed', assigneeId: 7, teamId: 3 }, manager)).toEqual([]);
  });
});
