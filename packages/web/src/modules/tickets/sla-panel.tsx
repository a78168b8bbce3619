import { PauseCircleOutlined } from '@ant-design/icons';
import { HOLD_REASONS, type HoldReason } from '@shuyun/shared';
import { Alert, Card, Empty, Flex, Progress, Skeleton, Tag, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/i18n';
import { type SlaClock, type SlaStep, useTicketSla } from './api';
import { formatMinutes, holdReasonName, SLA_COLORS, slaName } from './ticket-format';

const CLOCK_COLORS: Record<SlaClock['status'], string> = {
  running: 'processing',
  paused: 'default',
  met: 'success',
  breached: 'error',
  stopped: 'default',
};

function progressColor(clock: SlaClock): string {
  if (clock.status === 'breached' || clock.breachedAt) return '#f5222d';
  if (clock.status === 'met') return '#52c41a';
  if (clock.warningAt && new Date(clock.warningAt).getTime() <= Date.now()) return '#fa8c16';
  if (clock.status === 'paused' || clock.status === 'stopped') return '#bfbfbf';
  return '#1668dc';
}

function ClockBlock({ name, clock }: { name: 'response' | 'resolution'; clock: SlaClock }) {
  const { t } = useTranslation();
  const percent = clock.targetMinutes > 0 ? Math.min(100, (clock.elapsedMinutes / clock.targetMinutes) * 100) : 0;
  const late = clock.overByMinutes && clock.overByMinutes > 0 ? clock.overByMinutes : null;
  let summary: string;
  if (clock.metAt) {
    summary = late
      ? t('ticketsUi.slaPanel.metLateAt', { time: formatDateTime(clock.metAt), duration: formatMinutes(t, late) })
      : t('ticketsUi.slaPanel.metAt', { time: formatDateTime(clock.metAt) });
  } else if (late) {
    summary = t('ticketsUi.slaPanel.overdue', { duration: formatMinutes(t, late) });
  } else if (clock.status === 'stopped') {
    summary = '';
  } else {
    summary = t('ticketsUi.slaPanel.remaining', { duration: formatMinutes(t, clock.remainingMinutes) });
  }
  return (
    <div className="sla-clock" data-testid={`sla-clock-${name}`} data-status={clock.status}>
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{t(`tickets.slaClock.${name}`)}</Typography.Text>
        <Tag color={CLOCK_COLORS[clock.status]} style={{ marginInlineEnd: 0 }}>
          {t(`sla.statuses.${clock.status}`)}
        </Tag>
      </Flex>
      <Progress percent={percent} showInfo={false} strokeColor={progressColor(clock)} size="small" style={{ margin: '4px 0 2px' }} />
      <Flex justify="space-between" wrap gap={4} style={{ fontSize: 12 }}>
        <Typography.Text type={late && !clock.metAt ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {summary}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('ticketsUi.slaPanel.target')} {formatMinutes(t, clock.targetMinutes)}
        </Typography.Text>
      </Flex>
      {clock.dueAt && !clock.metAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sla.fields.dueAt')} {formatDateTime(clock.dueAt)}
        </Typography.Text>
      )}
    </div>
  );
}

/** One explanation line in the reader's language; a pause names its hold reason when it has one. */
export function stepText(t: TFunction, step: SlaStep): string {
  const text = String(t(step.key as 'sla.explain.paused', step.values as never));
  const reason = step.values.reason;
  if (step.kind === 'paused' && typeof reason === 'string' && (HOLD_REASONS as readonly string[]).includes(reason)) {
    return `${text} · ${holdReasonName(t, reason as HoldReason)}`;
  }
  return text;
}

/** "SLA 计时说明": both clocks with due time and remaining or overdue working time, and every step that made them. */
export function SlaPanel({ ticketId, holdReason }: { ticketId: number; holdReason?: HoldReason | null }) {
  const { t } = useTranslation();
  const sla = useTicketSla(ticketId);
  return (
    <Card
      variant="borderless"
      title={t('sla.explainTitle')}
      extra={sla.data && <Tag color={SLA_COLORS[sla.data.state]}>{slaName(t, sla.data.state)}</Tag>}
      data-testid="sla-panel"
      data-state={sla.data?.state}
    >
      {sla.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : sla.isError ? (
        <Typography.Text type="danger">{sla.error.message}</Typography.Text>
      ) : (
        <Flex vertical gap={14}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('ticketsUi.slaPanel.policy', { name: sla.data.policy.name })}
            {sla.data.priority ? ` · ${sla.data.priority}` : ''}
          </Typography.Text>
          {holdReason && (
            <Alert
              type="warning"
              showIcon
              icon={<PauseCircleOutlined />}
              title={t('ticketsUi.slaPanel.pausedFor', { reason: holdReasonName(t, holdReason) })}
              data-testid="sla-paused"
            />
          )}
          <ClockBlock name="response" clock={sla.data.response} />
          <ClockBlock name="resolution" clock={sla.data.resolution} />
          {sla.data.pausedMinutes > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('ticketsUi.slaPanel.pausedTotal', { duration: formatMinutes(t, sla.data.pausedMinutes) })}
            </Typography.Text>
          )}
          {sla.data.explanation.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticketsUi.slaPanel.noSteps')} />
          ) : (
            <Timeline
              style={{ marginTop: 6 }}
              items={sla.data.explanation.map((step, index) => ({
                key: `${step.at}-${index}`,
                color: /Breached|Late/.test(step.kind)
                  ? 'red'
                  : /Warning/.test(step.kind)
                    ? 'orange'
                    : step.kind === 'paused'
                      ? 'gray'
                      : 'blue',
                content: (
                  <div data-testid="sla-step" data-kind={step.kind}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(step.at)}
                    </Typography.Text>
                    <div style={{ fontSize: 13 }}>{stepText(t, step)}</div>
                  </div>
                ),
              }))}
            />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('ticketsUi.slaPanel.workingTime')}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
