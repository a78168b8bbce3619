import type { SatisfactionFigures, SatisfactionReport } from '@shuyun/shared';
import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { BreakdownTables } from './breakdown-tables';
import { Chart } from './chart';
import { axisLabel, COLORS } from './chart-style';
import { ticketListLink } from './drill';
import { count, percent, stars } from './format';
import { type FigureDef, figureColumns, KpiRow } from './kpi-card';

type Figure = FigureDef<SatisfactionFigures, 'rated' | 'avgRating' | 'satisfactionRate' | 'lowRated'>;

const STAR_COLORS = [COLORS.red, COLORS.orange, COLORS.gold, COLORS.primary, COLORS.green];

/** The satisfaction dashboard 客户满意度: KPIs, the trend, the distribution of stars, breakdowns. */
export function SatisfactionView({ report, teamId }: { report: SatisfactionReport; teamId?: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const span = report.range;
  const figures: Figure[] = [
    { key: 'rated', pick: (f) => f.rated, show: (f) => count(f.rated), kind: 'count', better: 'up', drill: { event: 'rated' } },
    { key: 'avgRating', pick: (f) => f.avgRating, show: (f) => stars(f.avgRating), kind: 'other', better: 'up', drill: { event: 'rated' } },
    {
      key: 'satisfactionRate',
      pick: (f) => f.satisfactionRate,
      show: (f) => percent(f.satisfactionRate),
      kind: 'rate',
      better: 'up',
      drill: { event: 'rated', rating: [4, 5] },
    },
    {
      key: 'lowRated',
      pick: (f) => f.lowRated,
      show: (f) => count(f.lowRated),
      kind: 'count',
      better: 'down',
      drill: { event: 'rated', rating: [1, 2] },
    },
  ];
  const labels = useMemo(() => report.series.map((s) => axisLabel(s.span, report.range.granularity)), [report]);
  const trend = useMemo(
    () => ({
      color: [COLORS.primary, COLORS.orange, COLORS.green],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 96, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: labels },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 5, interval: 1, splitLine: { show: false } },
        { type: 'value', min: 0, max: 100, offset: 44, splitLine: { show: false }, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: t('analytics.series.rated'), type: 'bar', data: report.series.map((s) => s.figures.rated), barMaxWidth: 24 },
        {
          name: t('analytics.series.avgRating'),
          type: 'line',
          yAxisIndex: 1,
          connectNulls: true,
          data: report.series.map((s) => (s.figures.avgRating === null ? null : Math.round(s.figures.avgRating * 100) / 100)),
        },
        {
          name: t('analytics.series.satisfactionRate'),
          type: 'line',
          yAxisIndex: 2,
          connectNulls: true,
          data: report.series.map((s) => (s.figures.satisfactionRate === null ? null : Math.round(s.figures.satisfactionRate * 1000) / 10)),
          tooltip: { valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
        },
      ],
    }),
    [report, t, labels],
  );
  const distribution = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: [1, 2, 3, 4, 5].map((n) => t('analytics.stars', { count: n })) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('analytics.series.rated'),
          type: 'bar',
          barMaxWidth: 40,
          data: report.current.distribution.map((value, i) => ({ value, itemStyle: { color: STAR_COLORS[i] } })),
          label: { show: true, position: 'top' },
        },
      ],
    }),
    [report, t],
  );
  const columns = figureColumns(figures, (key) => t(`analytics.table.${key}` as 'analytics.table.created'));

  return (
    <>
      <KpiRow figures={figures} current={report.current} previous={report.previousFigures} span={span} teamId={teamId} />
      <Row gutter={[16, 16]} className="analytics-page__charts">
        <Col xs={24} xl={16}>
          <Card variant="borderless" title={t('analytics.charts.ratingTrend')}>
            <Chart
              option={trend}
              testId="chart-rating-trend"
              onPointClick={(index) => {
                const bucket = report.series[index];
                if (bucket) navigate(ticketListLink({ event: 'rated', span: bucket.span, teamId }));
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card variant="borderless" title={t('analytics.charts.distribution')}>
            <Chart
              option={distribution}
              testId="chart-distribution"
              onPointClick={(index) => navigate(ticketListLink({ event: 'rated', span, teamId, rating: [index + 1] }))}
            />
          </Card>
        </Col>
      </Row>
      <BreakdownTables<SatisfactionFigures>
        span={span}
        teamId={teamId}
        columns={columns}
        byTeam={report.byTeam}
        byAssignee={report.byAssignee}
      />
    </>
  );
}
