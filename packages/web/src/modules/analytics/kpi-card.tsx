import { ArrowDownOutlined, ArrowUpOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import type { AnalyticsSpan } from '@shuyun/shared';
import { Card, Col, Row, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FigureColumn } from './breakdown-tables';
import { type Drill, ticketListLink } from './drill';

export interface KpiCardProps {
  label: string;
  hint: string;
  /** The figure as shown. */
  value: string;
  current: number | null;
  previous: number | null;
  /** Rates change in percentage points, everything else relative to the previous period. */
  kind: 'count' | 'rate' | 'other';
  /** Which way is good news. */
  better: 'up' | 'down';
  /** The ticket list behind the figure. */
  link: string;
  testId: string;
}

/** One figure, its change against the previous period of equal length, and a link to its tickets. */
export function KpiCard({ label, hint, value, current, previous, kind, better, link, testId }: KpiCardProps) {
  const { t } = useTranslation();
  let change: { text: string; up: boolean } | null = null;
  if (current !== null && previous !== null) {
    if (kind === 'rate') {
      const points = (current - previous) * 100;
      change = { text: t('analytics.points', { value: Math.abs(points).toFixed(1) }), up: points > 0 };
      if (Math.abs(points) < 0.05) change = { text: t('analytics.unchanged'), up: false };
    } else if (previous !== 0) {
      const ratio = (current - previous) / previous;
      change =
        Math.abs(ratio) < 0.0005
          ? { text: t('analytics.unchanged'), up: false }
          : { text: `${Math.abs(ratio * 100).toFixed(1)}%`, up: ratio > 0 };
    }
  }
  const steady = !change || change.text === t('analytics.unchanged');
  const good = change && !steady && change.up === (better === 'up');
  return (
    <Card variant="borderless" className="analytics-kpi" data-testid={testId}>
      <div className="analytics-kpi__label">
        {label}
        <Tooltip title={hint}>
          <QuestionCircleOutlined className="analytics-kpi__hint" />
        </Tooltip>
      </div>
      <Link to={link} className="analytics-kpi__value" data-testid={`${testId}-value`}>
        {value}
      </Link>
      <Typography.Text type="secondary" className="analytics-kpi__change">
        {change ? (
          <>
            {t('analytics.vsPrevious')}{' '}
            <span className={steady ? '' : good ? 'is-good' : 'is-bad'}>
              {!steady && (change.up ? <ArrowUpOutlined /> : <ArrowDownOutlined />)} {change.text}
            </span>
          </>
        ) : (
          t('analytics.noPrevious')
        )}
      </Typography.Text>
    </Card>
  );
}

/** One figure of a dashboard: how to read it from the figures, show it, compare it and drill into it. */
export type FigureDef<F, K extends string = string> = Pick<KpiCardProps, 'kind' | 'better'> & {
  key: K;
  pick: (f: F) => number | null;
  show: (f: F) => string;
  drill: Omit<Drill, 'span' | 'teamId' | 'assigneeId'>;
};

/** The dashboard's KPI cards: this period's figures against the previous one, each linked to its tickets. */
export function KpiRow<F>({
  figures,
  current,
  previous,
  span,
  teamId,
}: {
  figures: FigureDef<F>[];
  current: F;
  previous: F;
  span: AnalyticsSpan;
  teamId?: number;
}) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]}>
      {figures.map((figure) => (
        <Col key={figure.key} xs={12} lg={6}>
          <KpiCard
            label={t(`analytics.kpi.${figure.key}` as 'analytics.kpi.created')}
            hint={t(`analytics.hints.${figure.key}` as 'analytics.hints.created')}
            value={figure.show(current)}
            current={figure.pick(current)}
            previous={figure.pick(previous)}
            kind={figure.kind}
            better={figure.better}
            link={ticketListLink({ ...figure.drill, span, teamId })}
            testId={`kpi-${figure.key}`}
          />
        </Col>
      ))}
    </Row>
  );
}

/** The same figures as the breakdown tables' columns. */
export function figureColumns<F>(figures: FigureDef<F>[], title: (key: string) => string): FigureColumn<F>[] {
  return figures.map((figure) => ({
    key: figure.key,
    title: title(figure.key),
    render: figure.show,
    sortValue: (f) => figure.pick(f) ?? -1,
    drill: figure.drill,
  }));
}
