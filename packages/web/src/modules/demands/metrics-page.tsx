import { Card, Col, DatePicker, Row, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { type DemandMetrics, useDemandMetrics } from './api';

type MetricsRow = DemandMetrics['total'];
const STAGES = ['submitToAccept', 'acceptToEvaluate', 'evaluateToApprove', 'approveToRelease', 'releaseToDeliver'] as const;
const OPEN = ['submitted', 'accepted', 'pending_approval', 'implementing', 'released'];

/** 需求效率: per system over a period — demands by status, average days per stage, on-time delivery, ratings; counts open the list. */
export function DemandMetricsPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[string, string]>([dayjs().subtract(6, 'month').format('YYYY-MM-DD'), dayjs().format('YYYY-MM-DD')]);
  const metrics = useDemandMetrics(range[0], range[1]);
  const m = metrics.data;
  const drill = (row: MetricsRow, status?: string) =>
    `/demands?view=all&createdFrom=${range[0]}&createdTo=${range[1]}${row.system ? `&systemId=${row.system.id}` : ''}${status ? `&status=${status}` : ''}`;
  const days = (v: number | null) => (v === null ? '—' : t('demands.metrics.days', { days: v }));
  const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
  const open = (row: MetricsRow) => OPEN.reduce((sum, s) => sum + (row.byStatus[s] ?? 0), 0);
  return (
    <div data-testid="demand-metrics-page">
      <PageHeader
        title={t('demands.metrics.title')}
        subtitle={t('demands.metrics.subtitle')}
        extra={
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(range[0]), dayjs(range[1])]}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
          />
        }
      />
      {metrics.isError ? (
        <LoadFailedResult message={metrics.error.message} onRetry={() => metrics.refetch()} />
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} lg={6}>
              <Card variant="borderless" loading={!m}>
                <Link to={m ? drill(m.total) : '#'} data-testid="metrics-total">
                  <Statistic title={t('demands.metrics.total')} value={m?.total.total ?? 0} />
                </Link>
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card variant="borderless" loading={!m}>
                <Statistic title={t('demands.metrics.delivered')} value={m?.total.delivered ?? 0} />
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card variant="borderless" loading={!m}>
                <Statistic title={t('demands.metrics.onTimeRate')} value={pct(m?.total.onTimeRate ?? null)} />
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card variant="borderless" loading={!m}>
                <Statistic title={t('demands.metrics.averageRating')} value={m?.total.averageRating ?? '—'} />
              </Card>
            </Col>
          </Row>
          <Card variant="borderless" title={t('demands.metrics.stageTitle')}>
            <Table<MetricsRow>
              rowKey={(r) => r.system?.id ?? 0}
              size="middle"
              scroll={{ x: 1200 }}
              loading={metrics.isFetching}
              pagination={false}
              dataSource={m ? [...m.systems, m.total] : []}
              locale={{ emptyText: t('demands.metrics.empty') }}
              columns={[
                {
                  title: t('demands.metrics.system'),
                  fixed: 'left',
                  width: 170,
                  render: (_, r) => r.system?.name ?? <b>{t('demands.metrics.allSystems')}</b>,
                },
                { title: t('demands.metrics.total'), width: 90, render: (_, r) => <Link to={drill(r)}>{r.total}</Link> },
                { title: t('demands.metrics.openCount'), width: 90, render: (_, r) => open(r) },
                {
                  title: t('demands.metrics.delivered'),
                  width: 90,
                  render: (_, r) => <Link to={drill(r, 'delivered')}>{r.byStatus.delivered ?? 0}</Link>,
                },
                ...STAGES.map((s) => ({
                  title: t(`demands.metrics.stage.${s}`),
                  width: 120,
                  render: (_: unknown, r: MetricsRow) => days(r.stageDays[s]),
                })),
                { title: t('demands.metrics.onTimeRate'), width: 110, render: (_, r) => pct(r.onTimeRate) },
                { title: t('demands.metrics.averageRating'), width: 100, render: (_, r) => r.averageRating ?? '—' },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
