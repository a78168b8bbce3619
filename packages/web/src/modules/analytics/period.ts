import { ANALYTICS_GRANULARITIES, type AnalyticsGranularity } from '@shuyun/shared';
import dayjs from 'dayjs';
import type { AnalyticsFilter, AnalyticsKind } from './api';

export const PRESETS = ['last7', 'last30', 'last90', 'thisYear', 'last365'] as const;
export type Preset = (typeof PRESETS)[number];

const FORMAT = 'YYYY-MM-DD';

/** The local dates a preset covers, ending today. */
export function presetRange(preset: Preset, today = dayjs()): { from: string; to: string } {
  const to = today.format(FORMAT);
  const back = (days: number) => today.subtract(days - 1, 'day').format(FORMAT);
  switch (preset) {
    case 'last7':
      return { from: back(7), to };
    case 'last30':
      return { from: back(30), to };
    case 'last90':
      return { from: back(90), to };
    case 'thisYear':
      return { from: today.startOf('year').format(FORMAT), to };
    case 'last365':
      return { from: back(365), to };
  }
}

/** Buckets that keep a chart readable: days up to a month, weeks up to four months, then months. */
export function autoGranularity(from: string, to: string): AnalyticsGranularity {
  const days = dayjs(to).diff(dayjs(from), 'day') + 1;
  return days <= 31 ? 'day' : days <= 120 ? 'week' : 'month';
}

export interface PageState {
  tab: AnalyticsKind;
  preset: Preset | null;
  filter: AnalyticsFilter;
}

const isDate = (value: string | null): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value).isValid();

/** The page's state from the address (so a link, back and reload keep it); last 30 days by default. */
export function readPageState(params: URLSearchParams): PageState {
  const tab = params.get('tab') === 'satisfaction' ? 'satisfaction' : 'efficiency';
  const from = params.get('from');
  const to = params.get('to');
  const custom = isDate(from) && isDate(to) ? { from, to } : null;
  const named = params.get('preset') as Preset | null;
  const preset = custom ? null : named && PRESETS.includes(named) ? named : 'last30';
  const range = custom ?? presetRange(preset ?? 'last30');
  const teamId = Number(params.get('teamId'));
  const granularity = params.get('granularity') as AnalyticsGranularity | null;
  return {
    tab,
    preset,
    filter: {
      ...range,
      teamId: Number.isInteger(teamId) && teamId > 0 ? teamId : undefined,
      granularity: granularity && ANALYTICS_GRANULARITIES.includes(granularity) ? granularity : autoGranularity(range.from, range.to),
    },
  };
}

/** The address of a state; defaults stay out of it. */
export function pageParams(state: PageState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.tab !== 'efficiency') params.set('tab', state.tab);
  if (state.preset) {
    if (state.preset !== 'last30') params.set('preset', state.preset);
  } else {
    params.set('from', state.filter.from);
    params.set('to', state.filter.to);
  }
  if (state.filter.teamId) params.set('teamId', String(state.filter.teamId));
  if (state.filter.granularity !== autoGranularity(state.filter.from, state.filter.to)) params.set('granularity', state.filter.granularity);
  return params;
}
