import type { TicketSummary } from '@shuyun/shared';
import { Tag } from 'antd-mobile';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MOBILE_SLA_COLORS, MOBILE_STATUS_COLORS, nextDue, priorityName, slaName, statusName } from './ticket-format';
import { TicketProgress } from './ticket-progress-mobile';

/** One ticket in a phone list: number, status, title, who and when, and its progress. */
export function TicketCardMobile({
  ticket,
  showProgress = true,
  showDue = false,
}: {
  ticket: TicketSummary;
  showProgress?: boolean;
  /** Engineers' lists: the SLA state with the time it is due. */
  showDue?: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const late = ticket.slaState === 'breached' || ticket.slaState === 'atRisk';
  const due = nextDue(ticket);
  return (
    <button
      type="button"
      className="mt-card"
      onClick={() => navigate(`/m/tickets/${ticket.id}`)}
      data-testid="mobile-ticket"
      data-ticket-id={ticket.id}
    >
      <div className="mt-card__top">
        <span className="mt-card__number">{ticket.number}</span>
        <Tag color={MOBILE_STATUS_COLORS[ticket.status]} fill="outline">
          {statusName(t, ticket.status)}
        </Tag>
      </div>
      <div className="mt-card__title">{ticket.title}</div>
      <div className="mt-card__meta">
        <span>{priorityName(t, ticket.priority)}</span>
        {ticket.catalogItem && <span>{ticket.catalogItem.name}</span>}
        <span>{dayjs(ticket.createdAt).format('MM-DD HH:mm')}</span>
        {ticket.assignee ? (
          <span>{t('ticketsUi.mobile.assignedTo', { name: ticket.assignee.displayName })}</span>
        ) : ticket.status === 'new' ? (
          <span>{t('ticketsUi.mobile.waitingPool')}</span>
        ) : null}
        {(late || (showDue && ticket.slaState !== 'none')) && (
          <span style={{ color: MOBILE_SLA_COLORS[ticket.slaState] }}>
            {slaName(t, ticket.slaState)}
            {showDue && due ? ` · ${t('ticketsUi.slaBadge.due', { time: dayjs(due).format('MM-DD HH:mm') })}` : ''}
          </span>
        )}
      </div>
      {showProgress && <TicketProgress status={ticket.status} />}
    </button>
  );
}
