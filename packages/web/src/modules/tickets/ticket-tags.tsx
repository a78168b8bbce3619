import { ClockCircleOutlined, PauseCircleOutlined, WarningOutlined } from '@ant-design/icons';
import type { Priority, TicketStatus, TicketSummary } from '@shuyun/shared';
import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/i18n';
import { nextDue, PRIORITY_COLORS, priorityName, SLA_COLORS, STATUS_COLORS, slaName, statusName } from './ticket-format';

export function StatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} variant="filled" data-testid="ticket-status" data-status={status}>
      {statusName(t, status)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Tag color={PRIORITY_COLORS[priority]} variant="outlined">
      {priorityName(t, priority)}
    </Tag>
  );
}

function shortTime(iso: string): string {
  const at = dayjs(iso);
  return at.isSame(dayjs(), 'year') ? at.format('MM-DD HH:mm') : at.format('YYYY-MM-DD HH:mm');
}

/** A row's SLA: state, with the due time of the clock that matters now. */
export function SlaBadge({ ticket }: { ticket: Pick<TicketSummary, 'slaState' | 'responseDueAt' | 'resolutionDueAt' | 'status'> }) {
  const { t } = useTranslation();
  const state = ticket.slaState;
  if (state === 'none') return <span style={{ color: '#bfbfbf' }}>—</span>;
  const due = nextDue(ticket);
  const icon =
    state === 'breached' || state === 'atRisk' ? (
      <WarningOutlined />
    ) : state === 'paused' ? (
      <PauseCircleOutlined />
    ) : (
      <ClockCircleOutlined />
    );
  const showDue = due && state !== 'met';
  return (
    <Tooltip title={due ? `${slaName(t, state)} · ${formatDateTime(due)}` : slaName(t, state)}>
      <Tag color={SLA_COLORS[state]} icon={icon} variant={state === 'breached' ? 'solid' : 'filled'} data-sla={state}>
        {slaName(t, state)}
        {showDue && <span style={{ marginLeft: 4, opacity: 0.85 }}>{t('ticketsUi.slaBadge.due', { time: shortTime(due) })}</span>}
      </Tag>
    </Tooltip>
  );
}
