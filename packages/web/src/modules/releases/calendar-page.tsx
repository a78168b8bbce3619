import { LeftOutlined, RightOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { RELEASE_STATUSES } from '@shuyun/shared';
import { Button, Card, Empty, List, Popover, Segmented, Select, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useSystems } from '../org/api';
import { type ReleaseSummary, STATUS_HEX, tx, useReleaseCalendar } from './api';
import './calendar.css';
import { ReleaseStatusTag, RiskTag } from './release-tags';

const DAY_FORMAT = 'YYYY-MM-DD';
const PER_CELL = 3;

/** Monday of the week holding `d`. */
const weekStart = (d: Dayjs) => d.subtract((d.day() + 6) % 7, 'day').startOf('day');

/** The releases whose window touches a local day. */
function onDay(items: ReleaseSummary[], day: Dayjs) {
  const start = day.startOf('day').valueOf();
  const end = day.endOf('day').valueOf();
  return items.filter((r) => Date.parse(r.windowStart) <= end && Date.parse(r.windowEnd) > start);
}

function Chip({ r }: { r: ReleaseSummary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <button
      type="button"
      className="release-chip"
      style={{ borderLeftColor: STATUS_HEX[r.status], background: `${STATUS_HEX[r.status]}14` }}
      title={`${r.number} ${r.title}\n${r.system.name} ${r.versionLabel}\n${tx(t, `releases.status.${r.status}`)} · ${tx(t, `releases.risk.${r.risk}`)}\n${formatDateTime(r.windowStart)} → ${formatDateTime(r.windowEnd)}`}
      onClick={() => navigate(`/releases/${r.id}`)}
      data-testid="calendar-release"
    >
      {r.risk === 'high' && <span className="release-chip-risk">!</span>}
      <span className="release-chip-time">{dayjs(r.windowStart).format('HH:mm')}</span>
      <span className="release-chip-text">{`${r.system.name} ${r.versionLabel}`}</span>
    </button>
  );
}

/** 发布日历: a month grid of releases by window (coloured by status, high risk marked) and a week list, by system. */
export function ReleaseCalendarPage() {
  const { t } = useTranslation();
  const [view, setView] = useState<'month' | 'week'>('month');
  const [anchor, setAnchor] = useState(() => dayjs());
  const [systemId, setSystemId] = useState<number | undefined>();
  const systems = useSystems();
  const gridStart = view === 'month' ? weekStart(anchor.startOf('month')) : weekStart(anchor);
  const days = Array.from({ length: view === 'month' ? 42 : 7 }, (_, i) => gridStart.add(i, 'day'));
  const last = days[days.length - 1] ?? gridStart;
  const calendar = useReleaseCalendar(gridStart.format(DAY_FORMAT), last.format(DAY_FORMAT), systemId);
  const items = calendar.data ?? [];
  const step = view === 'month' ? 'month' : 'week';
  const today = dayjs();
  const weekdays = Array.from({ length: 7 }, (_, i) => gridStart.add(i, 'day').format('dd'));

  return (
    <div data-testid="release-calendar">
      <PageHeader
        title={t('releases.calendar')}
        extra={
          <Link to="/releases">
            <Button icon={<UnorderedListOutlined />}>{t('releases.list')}</Button>
          </Link>
        }
      />
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <Button
              icon={<LeftOutlined />}
              aria-label={t(view === 'month' ? 'releases.calendarView.prevMonth' : 'releases.calendarView.prevWeek')}
              onClick={() => setAnchor(anchor.subtract(1, step))}
              data-testid="calendar-prev"
            />
            <Button onClick={() => setAnchor(dayjs())}>{t('releases.calendarView.today')}</Button>
            <Button
              icon={<RightOutlined />}
              aria-label={t(view === 'month' ? 'releases.calendarView.nextMonth' : 'releases.calendarView.nextWeek')}
              onClick={() => setAnchor(anchor.add(1, step))}
              data-testid="calendar-next"
            />
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="calendar-title">
              {view === 'month'
                ? anchor.format(t('releases.calendarMonthFormat'))
                : `${gridStart.format(DAY_FORMAT)} ~ ${last.format(DAY_FORMAT)}`}
            </Typography.Title>
            {calendar.isFetching && <Spin size="small" />}
          </Space>
          <Space wrap>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('releases.allSystems')}
              style={{ width: 180 }}
              value={systemId}
              onChange={setSystemId}
              options={(systems.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              data-testid="calendar-system"
            />
            <Segmented
              value={view}
              onChange={(v) => setView(v as 'month' | 'week')}
              options={[
                { value: 'month', label: t('releases.calendarView.month') },
                { value: 'week', label: t('releases.calendarView.week') },
              ]}
              data-testid="calendar-view"
            />
          </Space>
        </Space>
        <Space wrap size={[12, 4]} style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('releases.legend')}</Typography.Text>
          {RELEASE_STATUSES.filter((s) => s !== 'cancelled').map((s) => (
            <span key={s} className="release-legend">
              <i style={{ background: STATUS_HEX[s] }} />
              {tx(t, `releases.status.${s}`)}
            </span>
          ))}
          <span className="release-legend">
            <span className="release-chip-risk">!</span>
            {t('releases.risk.high')}
          </span>
        </Space>
        {calendar.isError ? (
          <LoadFailedResult message={calendar.error.message} onRetry={() => calendar.refetch()} />
        ) : view === 'month' ? (
          <div className="release-month" data-testid="calendar-month">
            {weekdays.map((w) => (
              <div key={w} className="release-weekday">
                {w}
              </div>
            ))}
            {days.map((d) => {
              const list = onDay(items, d);
              const outside = d.month() !== anchor.month();
              return (
                <div
                  key={d.format(DAY_FORMAT)}
                  className={`release-day${outside ? ' outside' : ''}${d.isSame(today, 'day') ? ' today' : ''}`}
                  data-testid="calendar-day"
                >
                  <div className="release-day-number">{d.date()}</div>
                  {list.slice(0, PER_CELL).map((r) => (
                    <Chip key={r.id} r={r} />
                  ))}
                  {list.length > PER_CELL && (
                    <Popover
                      content={
                        <div style={{ width: 240 }}>
                          {list.map((r) => (
                            <Chip key={r.id} r={r} />
                          ))}
                        </div>
                      }
                    >
                      <Typography.Link className="release-more">{t('releases.more', { count: list.length - PER_CELL })}</Typography.Link>
                    </Popover>
                  )}
                </div>
              );
            })}
          </div>
        ) : (
          <div data-testid="calendar-week">
            {items.length === 0 && <Empty description={t('releases.weekEmpty')} />}
            {days.map((d) => {
              const list = onDay(items, d);
              if (!list.length) return null;
              return (
                <List
                  key={d.format(DAY_FORMAT)}
                  header={<strong>{d.format(t('releases.calendarDayFormat'))}</strong>}
                  dataSource={list}
                  style={{ marginBottom: 12 }}
                  renderItem={(r) => (
                    <List.Item
                      extra={
                        <Space>
                          {<ReleaseStatusTag status={r.status} />}
                          <RiskTag risk={r.risk} />
                        </Space>
                      }
                    >
                      <List.Item.Meta
                        title={<Link to={`/releases/${r.id}`}>{`${r.number} ${r.title}`}</Link>}
                        description={`${r.system.name} ${r.versionLabel} · ${formatDateTime(r.windowStart)} → ${formatDateTime(r.windowEnd)} · ${r.requester.name}`}
                      />
                    </List.Item>
                  )}
                />
              );
            })}
          </div>
        )}
      </Card>
    </div>
  );
}
