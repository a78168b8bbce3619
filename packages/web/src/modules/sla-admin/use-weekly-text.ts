import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Weekly } from './types';
import { intervalsText, WEEKDAY_KEYS, weeklyGroups } from './weekly';

/** "周一至周五 09:00–12:00, 13:30–18:00；周六至周日 休息" in the reader's language. */
export function useWeeklyText() {
  const { t } = useTranslation();
  const dayName = useCallback((day: number) => t(`sla.weekdays.${WEEKDAY_KEYS[day] ?? 'sun'}`), [t]);
  return useCallback(
    (weekly: Weekly) =>
      weeklyGroups(weekly)
        .map(({ days, intervals }) => {
          const first = days[0] ?? 0;
          const last = days.at(-1) ?? first;
          const span = days.length === 1 ? dayName(first) : t('deskAdmin.sla.dayRange', { from: dayName(first), to: dayName(last) });
          return `${span} ${intervals.length ? intervalsText(intervals) : t('deskAdmin.sla.restDay')}`;
        })
        .join(t('deskAdmin.sla.groupSeparator')),
    [t, dayName],
  );
}
