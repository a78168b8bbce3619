import type { TFunction } from 'i18next';

const fixed = (value: number, digits: number) => Number(value.toFixed(digits)).toLocaleString();

/** A duration in the largest unit that keeps it readable: seconds, minutes, hours (up to two days), days. */
export function duration(t: TFunction, seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return t('analytics.units.seconds', { value: Math.round(seconds) });
  if (seconds < 3600) return t('analytics.units.minutes', { value: fixed(seconds / 60, 0) });
  if (seconds < 48 * 3600) return t('analytics.units.hours', { value: fixed(seconds / 3600, 1) });
  return t('analytics.units.days', { value: fixed(seconds / 86_400, 1) });
}

export function percent(share: number | null): string {
  return share === null ? '—' : `${fixed(share * 100, 1)}%`;
}

export function stars(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

export function count(value: number): string {
  return value.toLocaleString();
}
