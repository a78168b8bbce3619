import { ArrowLeftOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Popconfirm, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult, NotFoundResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { slaKeys, useCalendars, useSaveYearDays, useYearDays } from './api';
import { CalendarSettings } from './calendar-settings';
import { DayModal } from './day-modal';
import { DuePreview } from './due-preview';
import type { Calendar, DayOverride } from './types';
import { useWeeklyText } from './use-weekly-text';
import { WEEKDAY_KEYS } from './weekly';
import { YearGrid } from './year-grid';
import { todayIn } from './zoned';
import './sla-admin.css';

/** One business calendar: its year of holidays and 调休 days, weekly hours, and a due-time preview. */
export function CalendarPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const calendars = useCalendars();
  const weeklyText = useWeeklyText();

  if (calendars.isPending) return <Skeleton active />;
  if (calendars.isError) return <LoadFailedResult message={calendars.error.message} onRetry={() => calendars.refetch()} />;
  const calendar = calendars.data.find((c) => c.id === id);
  if (!calendar) return <NotFoundResult />;

  return (
    <>
      <PageHeader
        back={
          <Link to="/admin/sla?tab=calendars">
            <ArrowLeftOutlined /> {t('deskAdmin.nav.sla')}
          </Link>
        }
        title={
          <Space>
            {calendar.name}
            {calendar.isDefault && <Tag color="blue">{t('sla.fields.isDefault')}</Tag>}
          </Space>
        }
        subtitle={`${calendar.timeZone} · ${weeklyText(calendar.weekly)}`}
      />
      <Row gutter={16}>
        <Col xs={24} xxl={16} xl={15}>
          <YearCard calendar={calendar} />
        </Col>
        <Col xs={24} xxl={8} xl={9}>
          <Card variant="borderless" title={t('deskAdmin.sla.previewTitle')}>
            <DuePreview calendar={calendar} />
          </Card>
          <CalendarSettings calendar={calendar} />
        </Col>
      </Row>
    </>
  );
}

function YearCard({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const today = todayIn(calendar.timeZone);
  const year = Number(params.get('year')) || Number(today.slice(0, 4));
  const days = useYearDays(calendar.id, year);
  const save = useSaveYearDays(calendar.id, year);
  const { showError, showSuccess } = useApiFeedback();
  const [picked, setPicked] = useState<string | null>(null);
  const canManage = can('sla.manage');
  const items = days.data?.items ?? [];
  const holidays = items.filter((d) => d.kind === 'holiday').length;
  const workdays = items.length - holidays;

  const setYear = (next: number) => setParams({ year: String(next) }, { replace: true });

  const replace = (day: string, override: DayOverride | null, done?: () => void) => {
    if (!days.data) return;
    const next = items.filter((d) => d.day !== day);
    if (override) next.push(override);
    next.sort((a, b) => a.day.localeCompare(b.day));
    save.mutate(
      { version: days.data.version, items: next },
      {
        onSuccess: () => {
          showSuccess(t('common.saved'));
          done?.();
        },
        onError: (error) => showError(error, { refetch: [slaKeys.days(calendar.id, year), slaKeys.calendars] }),
      },
    );
  };

  return (
    <Card
      variant="borderless"
      title={
        <Flex align="center" gap={8}>
          <Button
            type="text"
            size="small"
            icon={<LeftOutlined />}
            aria-label={t('deskAdmin.sla.previousYear')}
            onClick={() => setYear(year - 1)}
          />
          <span data-testid="calendar-year">{t('deskAdmin.sla.yearTitle', { year })}</span>
          <Button
            type="text"
            size="small"
            icon={<RightOutlined />}
            aria-label={t('deskAdmin.sla.nextYear')}
            onClick={() => setYear(year + 1)}
          />
        </Flex>
      }
      extra={
        <Space size={16} className="year-legend">
          <span>
            <i className="year-legend__swatch year-legend__swatch--holiday" />
            {t('sla.dayKinds.holiday')}
          </span>
          <span>
            <i className="year-legend__swatch year-legend__swatch--workday" />
            {t('sla.dayKinds.workday')}
          </span>
          <span>
            <i className="year-legend__swatch year-legend__swatch--rest" />
            {t('deskAdmin.sla.restDay')}
          </span>
        </Space>
      }
    >
      {days.isError ? (
        <LoadFailedResult message={days.error.message} onRetry={() => days.refetch()} />
      ) : days.isPending ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
            {items.length === 0 ? t('deskAdmin.sla.noDays', { year }) : t('deskAdmin.sla.daysSummary', { holidays, workdays })}
            {canManage && ` ${t('deskAdmin.sla.clickDayHint')}`}
          </Typography.Paragraph>
          <YearGrid year={year} weekly={calendar.weekly} overrides={items} today={today} onPick={canManage ? setPicked : undefined} />
          <Table<DayOverride>
            rowKey="day"
            size="small"
            style={{ marginTop: 16 }}
            dataSource={items}
            pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
            locale={{ emptyText: t('deskAdmin.sla.noDays', { year }) }}
            data-testid="day-overrides"
            columns={[
              {
                title: t('sla.fields.day'),
                dataIndex: 'day',
                width: 160,
                render: (day: string) => `${day} ${t(`sla.weekdays.${WEEKDAY_KEYS[dayjs(day).day()] ?? 'sun'}`)}`,
              },
              {
                title: t('sla.fields.kind'),
                dataIndex: 'kind',
                width: 120,
                render: (kind: DayOverride['kind']) => <Tag color={kind === 'holiday' ? 'red' : 'blue'}>{t(`sla.dayKinds.${kind}`)}</Tag>,
              },
              { title: t('common.name'), dataIndex: 'name' },
              ...(canManage
                ? [
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      width: 150,
                      render: (_: unknown, override: DayOverride) => (
                        <Space size={0}>
                          <Button type="link" size="small" onClick={() => setPicked(override.day)}>
                            {t('common.edit')}
                          </Button>
                          <Popconfirm
                            title={t('deskAdmin.sla.removeDayConfirm', { day: override.day })}
                            okText={t('common.delete')}
                            okButtonProps={{ danger: true }}
                            onConfirm={() => replace(override.day, null)}
                          >
                            <Button type="link" size="small" danger>
                              {t('common.delete')}
                            </Button>
                          </Popconfirm>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
      {picked && (
        <DayModal
          day={picked}
          weekly={calendar.weekly}
          current={items.find((d) => d.day === picked)}
          saving={save.isPending}
          onSave={(override) => replace(picked, override, () => setPicked(null))}
          onClose={() => setPicked(null)}
        />
      )}
    </Card>
  );
}
