import { Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayOverride, Weekly } from './types';
import { WEEK_ORDER, WEEKDAY_KEYS } from './weekly';

interface Props {
  year: number;
  weekly: Weekly;
  overrides: DayOverride[];
  today: string;
  onPick?: (day: string) => void;
}

/**
 * Twelve months of one year, Monday first: holidays (休) and make-up working days (班) as the
 * calendar stores them, rest days of the weekly hours greyed. A click on a day opens it for editing.
 */
export function YearGrid({ year, weekly, overrides, today, onPick }: Props) {
  const { t } = useTranslation();
  const byDay = useMemo(() => new Map(overrides.map((o) => [o.day, o])), [overrides]);
  const headers = WEEK_ORDER.map((day) => t(`deskAdmin.sla.weekdayShort.${WEEKDAY_KEYS[day] ?? 'sun'}`));

  return (
    <div className="year-grid" data-testid="year-grid">
      {Array.from({ length: 12 }, (_, month) => {
        const first = dayjs(new Date(year, month, 1));
        // Monday-first column of the 1st: Sunday (0) is the last column.
        const lead = (first.day() + 6) % 7;
        const days = first.daysInMonth();
        return (
          <div key={first.format('YYYY-MM')} className="year-grid__month">
            <div className="year-grid__title">{first.format(t('deskAdmin.sla.monthFormat'))}</div>
            <div className="year-grid__days">
              {headers.map((label) => (
                <div key={label} className="year-grid__head">
                  {label}
                </div>
              ))}
              {Array.from({ length: lead }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: blank cells before the 1st
                <div key={`blank-${i}`} />
              ))}
              {Array.from({ length: days }, (_, i) => {
                const date = first.date(i + 1);
                const iso = date.format('YYYY-MM-DD');
                const override = byDay.get(iso);
                const resting = (weekly[date.day()] ?? []).length === 0;
                const kind = override?.kind ?? (resting ? 'rest' : 'work');
                const label = override ? `${iso} ${override.name} · ${t(`sla.dayKinds.${override.kind}`)}` : iso;
                const cell = (
                  <button
                    key={iso}
                    type="button"
                    className={`year-grid__day year-grid__day--${kind}${iso === today ? ' year-grid__day--today' : ''}`}
                    aria-label={label}
                    data-day={iso}
                    onClick={onPick ? () => onPick(iso) : undefined}
                    disabled={!onPick}
                  >
                    {i + 1}
                    {override && (
                      <span className="year-grid__mark">
                        {override.kind === 'holiday' ? t('deskAdmin.sla.holidayMark') : t('deskAdmin.sla.workdayMark')}
                      </span>
                    )}
                  </button>
                );
                return override ? (
                  <Tooltip key={iso} title={`${override.name} · ${t(`sla.dayKinds.${override.kind}`)}`} mouseEnterDelay={0.3}>
                    {cell}
                  </Tooltip>
                ) : (
                  cell
                );
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
}
