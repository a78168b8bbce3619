import type { EfficiencyFigures, EfficiencyReport } from '@shuyun/shared';
import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { BreakdownTables } from './breakdown-tables';
import { Chart } from './chart';
import { axisLabel, COLORS } from './chart-style';
import { type Drill, ticketListLink } from './drill';
import { count, duration, percent } from './format';
import { type FigureDef, figureColumns, KpiRow } from './kpi-card';

type Figure = FigureDef<
  EfficiencyFigures,
  'created' | 'resolved' | 'avgAccept' | 'avgComplete' | 'transferRate' | 'reopenRate' | 'responseOnTime' | 'resolutionOnTime'
>;

/** The efficiency dashboard 工作效率: KPIs, volume and time trends, on-time rates per team, breakdowns. */
export function EfficiencyView({ report, teamId }: { report: EfficiencyReport; teamId?: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const span = report.range;
  const figures: Figure[] = [
    { key: 'created', pick: (f) => f.created, show: (f) => count(f.created), kind: 'count', better: 'up', drill: { event: 'created' } },
    { key: 'resolved', pick: (f) => f.resolved, show: (f) => count(f.resolved), kind: 'count', better: 'up', drill: { event: 'resolved' } },
    {
      key: 'avgAccept',
      pick: (f) => f.avgAcceptSeconds,
      show: (f) => duration(t, f.avgAcceptSeconds),
      kind: 'other',
      better: 'down',
      drill: { event: 'responded' },
    },
    {
      key: 'avgComplete',
      pick: (f) => f.avgCompleteSeconds,
      show: (f) => duration(t, f.avgCompleteSeconds),
      kind: 'other',
      better: 'down',
      drill: { event: 'resolved' },
    },
    {
      key: 'transferRate',
      pick: (f) => f.transferRate,
      show: (f) => percent(f.transferRate),
      kind: 'rate',
      better: 'down',
      drill: { event: 'created', transferred: true },
    },
    {
      key: 'reopenRate',
      pick: (f) => f.reopenRate,
      show: (f) => percent(f.reopenRate),
      kind: 'rate',
      better: 'down',
      drill: { event: 'resolved', reopened: true },
    },
    {
      key: 'responseOnTime',
      pick: (f) => f.responseOnTimeRate,
      show: (f) => percent(f.responseOnTimeRate),
      kind: 'rate',
      better: 'up',
      drill: { event: 'responded', slaBreached: 'response' },
    },
    {
      key: 'resolutionOnTime',
      pick: (f) => f.resolutionOnTimeRate,
      show: (f) => percent(f.resolutionOnTimeRate),
      kind: 'rate',
      better: 'up',
      drill: { event: 'resolved', slaBreached: 'resolution' },
    },
  ];

  const labels = useMemo(() => report.series.map((s) => axisLabel(s.span, report.range.granularity)), [report]);
  const volume = useMemo(
    () => ({
      color: [COLORS.primary, COLORS.green],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('analytics.series.created'), type: 'bar', data: report.series.map((s) => s.figures.created) },
        { name: t('analytics.series.resolved'), type: 'bar', data: report.series.map((s) => s.figures.resolved) },
      ],
    }),
    [report, t, labels],
  );
  const times = useMemo(
    () => ({
      color: [COLORS.orange, COLORS.purple],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: labels },
      yAxis: [
        { type: 'value', name: t('analytics.units.minutes', { value: '' }).trim() },
        { type: 'value', name: t('analytics.units.hours', { value: '' }).trim() },
      ],
      series: [
        {
          name: t('analytics.series.avgAcceptMinutes'),
          type: 'line',
          connectNulls: true,
          data: report.series.map((s) => (s.figures.avgAcceptSeconds === null ? null : round(s.figures.avgAcceptSeconds / 60))),
        },
        {
          name: t('analytics.series.avgCompleteHours'),
          type: 'line',
          yAxisIndex: 1,
          connectNulls: true,
          data: report.series.map((s) => (s.figures.avgCompleteSeconds === null ? null : round(s.figures.avgCompleteSeconds / 3600))),
        },
      ],
    }),
    [report, t, labels],
  );
  const teams = useMemo(() => report.byTeam.filter((r) => r.team), [report]);
  const onTime = useMemo(
    () => ({
      color: [COLORS.primary, COLORS.green],
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: teams.map((r) => r.team?.name ?? '') },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('analytics.series.responseOnTime'),
          type: 'bar',
          barMaxWidth: 48,
          data: teams.map((r) => rate(r.figures.responseOnTimeRate)),
        },
        {
          name: t('analytics.series.resolutionOnTime'),
          type: 'bar',
          barMaxWidth: 48,
          data: teams.map((r) => rate(r.figures.resolutionOnTimeRate)),
        },
      ],
    }),
    [teams, t],
  );

  const columns = figureColumns(figures, (key) => t(`analytics.table.${key}` as 'analytics.table.created'));
  return (
    <>
      <KpiRow figures={figures} current={report.current} previous={report.previousFigures} span={span} teamId={teamId} />
      <Row gutter={[16, 16]} className="analytics-page__charts">
        <Col xs={24} xl={12}>
          <Card variant="borderless" title={t('analytics.charts.volume')}>
            <Chart
              option={volume}
              testId="chart-volume"
              onPointClick={(index, series) => {
                const bucket = report.series[index];
                if (bucket) navigate(ticketListLink({ event: series === 0 ? 'created' : 'resolved', span: bucket.span, teamId }));
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card variant="borderless" title={t('analytics.charts.times')}>
            <Chart
              option={times}
              testId="chart-times"
              onPointClick={(index, series) => {
                const bucket = report.series[index];
                if (bucket) navigate(ticketListLink({ event: series === 0 ? 'responded' : 'resolved', span: bucket.span, teamId }));
              }}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card variant="borderless" title={t('analytics.charts.onTime')}>
            <Chart
              option={onTime}
              height={260}
              testId="chart-on-time"
              onPointClick={(index, series) => {
                const row = teams[index];
                if (!row?.team) return;
                const drill: Drill =
                  series === 0
                    ? { event: 'responded', slaBreached: 'response', span, teamId: row.team.id }
                    : { event: 'resolved', slaBreached: 'resolution', span, teamId: row.team.id };
                navigate(ticketListLink(drill));
              }}
            />
          </Card>
        </Col>
      </Row>
      <BreakdownTables<EfficiencyFigures>
        span={span}
        teamId={teamId}
        columns={columns}
        byTeam={report.byTeam}
        byAssignee={report.byAssignee}
      />
    </>
  );
}

const round = (value: number) => Math.round(value * 10) / 10;
const rate = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
