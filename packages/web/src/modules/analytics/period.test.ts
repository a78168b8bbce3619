import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { ticketListLink } from './drill';
import { autoGranularity, pageParams, presetRange, readPageState } from './period';

describe('dashboard ranges', () => {
  const today = dayjs('2026-11-22');

  it('presets end today and cover exactly their days', () => {
    expect(presetRange('last7', today)).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(presetRange('last30', today)).toEqual({ from: '2026-10-24', to: '2026-11-22' });
    expect(presetRange('last90', today)).toEqual({ from: '2026-08-25', to: '2026-11-22' });
    expect(presetRange('thisYear', today)).toEqual({ from: '2026-01-01', to: '2026-11-22' });
    expect(presetRange('last365', today)).toEqual({ from: '2025-11-23', to: '2026-11-22' });
  });

  it('picks buckets that keep a chart readable', () => {
    expect(autoGranularity('2026-11-01', '2026-11-30')).toBe('day');
    expect(autoGranularity('2026-08-25', '2026-11-22')).toBe('week');
    expect(autoGranularity('2025-11-23', '2026-11-22')).toBe('month');
  });

  it('keeps a custom range, team and bucket size in the address and reads them back', () => {
    const state = readPageState(new URLSearchParams('tab=satisfaction&from=2026-03-01&to=2026-03-31&teamId=7&granularity=week'));
    expect(state).toEqual({
      tab: 'satisfaction',
      preset: null,
      filter: { from: '2026-03-01', to: '2026-03-31', teamId: 7, granularity: 'week' },
    });
    expect(readPageState(pageParams(state))).toEqual(state);
    // Nonsense falls back to the default: the last 30 days, efficiency, all teams.
    const fallback = readPageState(new URLSearchParams('tab=x&from=2026-02-30&to=soon&teamId=-1&granularity=hour'));
    expect(fallback).toMatchObject({ tab: 'efficiency', preset: 'last30', filter: { teamId: undefined, granularity: 'day' } });
  });
});

describe('drill-down links', () => {
  it('narrow the ticket list to the same event, instants, team, engineer and kind of ticket', () => {
    const span = { from: '2026-03-03', to: '2026-03-09', startsAt: '2026-03-03T00:00:00+08:00', endsAt: '2026-03-10T00:00:00+08:00' };
    const link = ticketListLink({ event: 'rated', span, teamId: 3, assigneeId: 9, rating: [1, 2] });
    const [path, query] = link.split('?');
    expect(path).toBe('/tickets');
    const params = new URLSearchParams(query);
    expect(params.get('view')).toBe('all');
    expect(params.get('ratedFrom')).toBe('2026-03-03T00:00:00+08:00');
    expect(params.get('ratedTo')).toBe('2026-03-10T00:00:00+08:00');
    expect(params.getAll('rating')).toEqual(['1', '2']);
    expect([params.get('teamId'), params.get('assigneeId')]).toEqual(['3', '9']);
    const breached = new URLSearchParams(ticketListLink({ event: 'responded', span, slaBreached: 'response' }).split('?')[1]);
    expect([breached.get('respondedFrom'), breached.get('slaBreached'), breached.get('teamId')]).toEqual([span.startsAt, 'response', null]);
  });
});
