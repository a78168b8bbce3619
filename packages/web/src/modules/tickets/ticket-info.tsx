import type { TicketDetail } from '@shuyun/shared';
import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/i18n';
import { formatMinutes, holdReasonName } from './ticket-format';
import { PriorityTag } from './ticket-tags';

/** Who, where, and when: the ticket's facts in one column. */
export function TicketInfo({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const muted = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
  const none = muted('—');
  const when = (value: string | null) => (value ? formatDateTime(value) : none);
  return (
    <Descriptions
      size="small"
      column={1}
      styles={{ label: { width: 104 } }}
      data-testid="ticket-info"
      items={[
        { key: 'requester', label: t('ticketsUi.detail.requester'), children: ticket.requester?.displayName ?? none },
        { key: 'team', label: t('ticketsUi.detail.team'), children: ticket.team?.name ?? muted(t('ticketsUi.detail.noTeam')) },
        {
          key: 'assignee',
          label: t('ticketsUi.detail.assignee'),
          children: ticket.assignee?.displayName ?? muted(t('ticketsUi.detail.unassigned')),
        },
        {
          key: 'item',
          label: t('ticketsUi.detail.item'),
          children: ticket.catalogItem?.name ?? muted(t('ticketsUi.detail.freeTicket')),
        },
        { key: 'priority', label: t('ticketsUi.detail.priority'), children: <PriorityTag priority={ticket.priority} /> },
        { key: 'system', label: t('ticketsUi.detail.system'), children: ticket.system?.name ?? none },
        { key: 'channel', label: t('ticketsUi.detail.channel'), children: t(`ticketsUi.channels.${ticket.channel}`) },
        ...(ticket.holdReason
          ? [{ key: 'hold', label: t('ticketsUi.detail.holdReason'), children: holdReasonName(t, ticket.holdReason) }]
          : []),
        { key: 'created', label: t('ticketsUi.detail.createdAt'), children: when(ticket.createdAt) },
        { key: 'responded', label: t('ticketsUi.detail.respondedAt'), children: when(ticket.respondedAt) },
        { key: 'resolved', label: t('ticketsUi.detail.resolvedAt'), children: when(ticket.resolvedAt) },
        ...(ticket.closedAt ? [{ key: 'closed', label: t('ticketsUi.detail.closedAt'), children: when(ticket.closedAt) }] : []),
        { key: 'transfers', label: t('ticketsUi.detail.transfers'), children: ticket.transferCount },
        { key: 'reopens', label: t('ticketsUi.detail.reopens'), children: ticket.reopenCount },
        ...(ticket.workMinutes > 0
          ? [{ key: 'work', label: t('ticketsUi.detail.workMinutes'), children: formatMinutes(t, ticket.workMinutes) }]
          : []),
      ]}
    />
  );
}
