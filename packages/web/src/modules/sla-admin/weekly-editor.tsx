import { CloseOutlined, DownOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Dropdown, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiIssue } from '../../app/api-client';
import type { Interval, Weekly } from './types';
import { ALL_DAY, clock, STANDARD_DAY, WEEK_ORDER, WEEKDAY_KEYS } from './weekly';

const STEP = 15;

interface Props {
  value: Weekly;
  onChange: (weekly: Weekly) => void;
  /** Server issues with paths like `weekly.1.0`. */
  issues: ApiIssue[];
  disabled?: boolean;
}

/** Working hours per weekday, Monday first: any number of intervals a day, 15-minute steps, 24:00 allowed as an end. */
export function WeeklyEditor({ value, onChange, issues, disabled }: Props) {
  const { t } = useTranslation();
  const times = useMemo(() => {
    const all = Array.from({ length: 1440 / STEP + 1 }, (_, i) => i * STEP);
    return { starts: all.filter((m) => m < 1440), ends: all.filter((m) => m > 0) };
  }, []);
  // Values saved elsewhere may be off the 15-minute grid; keep them choosable.
  const withValue = (list: number[], minute: number) => (list.includes(minute) ? list : [...list, minute].sort((a, b) => a - b));

  const setDay = (day: number, intervals: Interval[]) => onChange(value.map((current, i) => (i === day ? intervals : current)));
  const errorsOf = (day: number) => issues.filter((issue) => issue.path?.startsWith(`weekly.${day}`)).map((issue) => issue.message);
  const general = issues.filter((issue) => issue.path === 'weekly' || issue.path === '').map((issue) => issue.message);

  return (
    <div className="weekly-editor" data-testid="weekly-editor">
      {WEEK_ORDER.map((day) => {
        const intervals = value[day] ?? [];
        const errors = errorsOf(day);
        return (
          <div key={day} className="weekly-editor__row">
            <div className="weekly-editor__day">{t(`sla.weekdays.${WEEKDAY_KEYS[day] ?? 'sun'}`)}</div>
            <div className="weekly-editor__intervals">
              {intervals.length === 0 && <Typography.Text type="secondary">{t('deskAdmin.sla.restDay')}</Typography.Text>}
              {intervals.map(([start, end], index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: an interval is identified by its place in the day
                <div key={index} className="weekly-editor__interval">
                  <Select
                    size="small"
                    disabled={disabled}
                    value={start}
                    status={errors.length ? 'error' : undefined}
                    aria-label={t('deskAdmin.sla.from')}
                    onChange={(next) =>
                      setDay(
                        day,
                        intervals.map((iv, i) => (i === index ? [next, iv[1]] : iv)),
                      )
                    }
                    options={withValue(times.starts, start).map((m) => ({ value: m, label: clock(m) }))}
                    style={{ width: 84 }}
                  />
                  <span>–</span>
                  <Select
                    size="small"
                    disabled={disabled}
                    value={end}
                    status={errors.length ? 'error' : undefined}
                    aria-label={t('deskAdmin.sla.to')}
                    onChange={(next) =>
                      setDay(
                        day,
                        intervals.map((iv, i) => (i === index ? [iv[0], next] : iv)),
                      )
                    }
                    options={withValue(times.ends, end).map((m) => ({ value: m, label: clock(m) }))}
                    style={{ width: 84 }}
                  />
                  {!disabled && (
                    <Button
                      type="text"
                      size="small"
                      icon={<CloseOutlined />}
                      aria-label={t('common.delete')}
                      onClick={() =>
                        setDay(
                          day,
                          intervals.filter((_, i) => i !== index),
                        )
                      }
                    />
                  )}
                </div>
              ))}
              {errors.map((message) => (
                <Typography.Text key={message} type="danger" className="weekly-editor__error">
                  {message}
                </Typography.Text>
              ))}
            </div>
            {!disabled && (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'add', icon: <PlusOutlined />, label: t('deskAdmin.sla.addInterval') },
                    { key: 'standard', label: t('deskAdmin.sla.presetStandard') },
                    { key: 'allDay', label: t('deskAdmin.sla.presetAllDay') },
                    { key: 'rest', label: t('deskAdmin.sla.presetRest') },
                  ],
                  onClick: ({ key }) => {
                    if (key === 'add') {
                      const lastEnd = intervals.at(-1)?.[1] ?? 540;
                      const start = Math.min(lastEnd, 1380);
                      setDay(day, [...intervals, [start, Math.min(start + 60, 1440)]]);
                    } else if (key === 'standard') setDay(day, STANDARD_DAY);
                    else if (key === 'allDay') setDay(day, ALL_DAY);
                    else setDay(day, []);
                  },
                }}
              >
                <Button size="small" type="text" aria-label={t('deskAdmin.sla.editDay')}>
                  <PlusOutlined />
                  <DownOutlined style={{ fontSize: 10 }} />
                </Button>
              </Dropdown>
            )}
          </div>
        );
      })}
      {general.map((message) => (
        <Typography.Text key={message} type="danger">
          {message}
        </Typography.Text>
      ))}
    </div>
  );
}
