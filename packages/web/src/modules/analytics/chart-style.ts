import type { AnalyticsGranularity, AnalyticsSpan } from '@shuyun/shared';
import dayjs from 'dayjs';

/** The palette of the dashboards (Ant Design's). */
export const COLORS = {
  primary: '#1677ff',
  green: '#52c41a',
  orange: '#fa8c16',
  purple: '#722ed1',
  red: '#f5222d',
  gold: '#faad14',
};

/** A bucket's label on a time axis: the day, the week's first day, or the month. */
export function axisLabel(span: AnalyticsSpan, granularity: AnalyticsGranularity): string {
  const day = dayjs(span.from);
  if (granularity === 'month') return day.format('YYYY-MM');
  return day.format('MM-DD');
}
