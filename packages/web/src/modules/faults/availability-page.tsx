import { DownloadOutlined } from '@ant-design/icons';
import { FAULT_SEVERITIES } from '@shuyun/shared';
import { Alert, Button, Card, Col, DatePicker, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import quarterOfYear from 'dayjs/plugin/quarterOfYear';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { download } from '../../app/api-client';
import { useLabels } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { Chart } from '../analytics/chart';
import { type AvailabilityReport, tx, useAvailability, useAvailabilityTrend } from './api';

dayjs.extend(quarterOfYear);

type Period = 'month' | 'quarter' | 'year' | 'custom';
type SystemRow = AvailabilityReport['rows'][number];

const fmt = (d: Dayjs) => d.format('YYYY-MM-DD');

/** 可用性分析: per system and period, downtime and availability against target, MTTA/MTTR/MTBF, counts by severity and cause; charts and export. */
export function AvailabilityPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { showError } = useApiFeedback();
  const [period, setPeriod] = useState<Period>('month');
  const [anchor, setAnchor] = useState<Dayjs>(dayjs());
  const [custom, setCustom] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day'), dayjs()]);
  const [from, to] = useMemo(() => {
    if (period === 'custom') return [fmt(custom[0]), fmt(custom[1])];
    return [fmt(anchor.startOf(period)), fmt(anchor.endOf(period))];
  }, [period, anchor, custom]);
  const report = useAvailability(from, to);
  const rows = report.data?.rows ?? [];
  const [trendSystem, setTrendSystem] = useState<number | null>(null);
  const trendId = trendSystem ?? rows.find((r) => !r.met)?.system.id ?? rows[0]?.system.id ?? null;
  const trend = useAvailabilityTrend(trendId);
  const missed = rows.filter((r) => !r.met).length;
  const drill = (r: SystemRow) => `/faults?systemId=${r.system.id}&detectedFrom=${from}&detectedTo=${to}`;

  const barOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('faults.availability.availability'), t('faults.availability.target')] },
      grid: { left: 56, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.system.name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: {
        type: 'value',
        min: (v: { min: number }) => Math.max(0, Math.floor(Math.min(v.min, 99) * 10) / 10 - 0.1),
        max: 100,
        axisLabel: { formatter: '{value}%' },
      },
      series: [
        {
          name: t('faults.availability.availability'),
          type: 'bar',
          data: rows.map((r) => ({ value: r.availability, itemStyle: { color: r.met ? '#52c41a' : '#f5222d' } })),
        },
        {
          name: t('faults.availability.target'),
          type: 'line',
          step: 'middle',
          data: rows.map((r) => r.target),
          itemStyle: { color: '#1677ff' },
        },
      ],
    }),
    [rows, t],
  );
  const trendOption = useMemo(() => {
    const months = trend.data?.months ?? [];
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 56, right: 16, bottom: 30, top: 30 },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: {
        type: 'value',
        min: (v: { min: number }) => Math.max(0, Math.floor(Math.min(v.min, 99) * 10) / 10 - 0.1),
        max: 100,
        axisLabel: { formatter: '{value}%' },
      },
      series: [
        {
          name: t('faults.availability.availability'),
          type: 'line',
          data: months.map((m) => ({ value: m.availability, itemStyle: { color: m.met ? '#52c41a' : '#f5222d' } })),
          markLine: trend.data
            ? { symbol: 'none', data: [{ yAxis: trend.data.target }], lineStyle: { color: '#1677ff', type: 'dashed' } }
            : undefined,
        },
      ],
    };
  }, [trend.data, t]);
  const causes = Object.entries(report.data?.byCause ?? {}).filter(([, n]) => n > 0);
  const pieOption = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, type: 'scroll' },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: causes.map(([c, n]) => ({ name: tx(t, `faults.cause.${c}`), value: n })) }],
    }),
    [causes, t],
  );

  const columns = [
    {
      title: t('faults.availability.system'),
      dataIndex: ['system', 'name'],
      width: 160,
      fixed: 'left' as const,
      render: (name: string, r: SystemRow) => <Link to={drill(r)}>{name}</Link>,
    },
    {
      title: t('faults.availability.criticality'),
      dataIndex: ['system', 'criticality'],
      width: 90,
      render: (c: string) => labels.criticality(c),
    },
    { title: t('faults.availability.target'), dataIndex: 'target', width: 90, render: (v: number) => `${v}%` },
    {
      title: t('faults.availability.availability'),
      dataIndex: 'availability',
      width: 120,
      render: (v: number, r: SystemRow) => (
        <Typography.Text type={r.met ? 'success' : 'danger'} strong>{`${v.toFixed(3)}%`}</Typography.Text>
      ),
    },
    {
      title: t('faults.availability.met'),
      dataIndex: 'met',
      width: 90,
      render: (met: boolean) =>
        met ? <Tag color="green">{t('faults.availability.met')}</Tag> : <Tag color="red">{t('faults.availability.missed')}</Tag>,
    },
    { title: t('faults.availability.downtime'), dataIndex: 'downtimeMinutes', width: 130, render: (v: number) => Math.round(v) },
    {
      title: t('faults.availability.faults'),
      dataIndex: 'faults',
      width: 80,
      render: (n: number, r: SystemRow) => (n ? <Link to={drill(r)}>{n}</Link> : 0),
    },
    {
      title: t('faults.availability.bySeverity'),
      key: 'sev',
      width: 170,
      render: (_: unknown, r: SystemRow) => FAULT_SEVERITIES.map((s) => `${s}:${r.bySeverity[s] ?? 0}`).join(' '),
    },
    {
      title: t('faults.availability.mtta'),
      dataIndex: 'mtta',
      width: 110,
      render: (v: number | null) => (v === null ? '—' : Math.round(v)),
    },
    {
      title: t('faults.availability.mttr'),
      dataIndex: 'mttr',
      width: 110,
      render: (v: number | null) => (v === null ? '—' : Math.round(v)),
    },
    {
      title: t('faults.availability.mtbf'),
      dataIndex: 'mtbf',
      width: 110,
      render: (v: number | null) => (v === null ? '—' : (v / 60).toFixed(1)),
    },
  ];

  return (
    <div data-testid="availability-page">
      <PageHeader
        title={t('faults.availability.title')}
        subtitle={t('faults.availability.hint')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download('/api/faults/availability/export', { from, to }, 'availability.xlsx').catch((e) => showError(e))}
            data-testid="availability-export"
          >
            {t('common.export')}
          </Button>
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Space wrap>
          <span>{t('faults.availability.period')}</span>
          <Segmented
            value={period}
            onChange={(v) => setPeriod(v as Period)}
            options={(['month', 'quarter', 'year', 'custom'] as const).map((p) => ({ value: p, label: t(`faults.availability.${p}`) }))}
            data-testid="availability-period"
          />
          {period === 'custom' ? (
            <DatePicker.RangePicker value={custom} allowClear={false} onChange={(r) => r?.[0] && r[1] && setCustom([r[0], r[1]])} />
          ) : (
            <DatePicker
              picker={period}
              value={anchor}
              allowClear={false}
              onChange={(d) => d && setAnchor(d)}
              data-testid="availability-anchor"
            />
          )}
          <Typography.Text type="secondary">
            {from} ~ {to}
          </Typography.Text>
        </Space>
      </Card>
      {report.isError ? (
        <LoadFailedResult message={report.error.message} onRetry={() => report.refetch()} />
      ) : (
        <>
          {missed > 0 && (
            <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('faults.availability.missedCount', { count: missed })} />
          )}
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={16}>
              <Card variant="borderless" title={t('faults.availability.chartBars')}>
                <Chart option={barOption} height={300} testId="availability-bars" />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card variant="borderless" title={t('faults.availability.chartCause')}>
                <Chart option={pieOption} height={300} testId="availability-causes" />
              </Card>
            </Col>
          </Row>
          <Card variant="borderless" style={{ marginBottom: 16 }}>
            <Table<SystemRow>
              rowKey={(r) => r.system.id}
              size="middle"
              loading={report.isFetching}
              dataSource={rows}
              columns={columns}
              pagination={false}
              scroll={{ x: 1300 }}
              rowClassName={(r) => (r.met ? '' : 'availability-missed')}
              locale={{ emptyText: t('faults.availability.empty') }}
              data-testid="availability-table"
            />
          </Card>
          <Card
            variant="borderless"
            title={`${t('faults.availability.chartTrend')}${trend.data ? ` · ${trend.data.system.name}` : ''}`}
            extra={
              <Space>
                {t('faults.availability.trendSystem')}
                <Select
                  style={{ width: 180 }}
                  value={trendId ?? undefined}
                  onChange={setTrendSystem}
                  options={rows.map((r) => ({ value: r.system.id, label: r.system.name }))}
                />
              </Space>
            }
          >
            <Chart option={trendOption} height={280} testId="availability-trend" />
          </Card>
        </>
      )}
    </div>
  );
}
