import { MobileOutlined, StarFilled } from '@ant-design/icons';
import type { TicketSummary } from '@shuyun/shared';
import { Tooltip, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/i18n';
import { PriorityTag, SlaBadge, StatusTag } from './ticket-tags';

export const COLUMN_KEYS = [
  'number',
  'title',
  'status',
  'priority',
  'sla',
  'requester',
  'team',
  'assignee',
  'item',
  'system',
  'transfers',
  'rating',
  'createdAt',
  'updatedAt',
  'resolutionDueAt',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export const DEFAULT_COLUMNS: ColumnKey[] = ['number', 'title', 'status', 'priority', 'sla', 'requester', 'team', 'assignee', 'createdAt'];
/** Always shown: without them a row means nothing. */
export const FIXED_COLUMNS: ColumnKey[] = ['number', 'title'];

export function columnTitle(t: TFunction, key: ColumnKey): string {
  if (key === 'updatedAt') return t('common.updatedAt');
  return t(`tickets.columns.${key}`);
}

const none = <Typography.Text type="secondary">—</Typography.Text>;

/** The ticket table's columns, in the chooser's order, limited to `visible`. */
export function ticketColumns(t: TFunction, visible: ColumnKey[]): ColumnType<TicketSummary>[] {
  const all: Record<ColumnKey, ColumnType<TicketSummary>> = {
    number: {
      width: 150,
      fixed: 'left',
      render: (_, ticket) => (
        <Link to={`/tickets/${ticket.id}`} style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 13 }}>
          {ticket.number}
        </Link>
      ),
    },
    title: {
      render: (_, ticket) => (
        <Link to={`/tickets/${ticket.id}`} style={{ color: 'inherit' }} data-testid="ticket-title">
          {ticket.channel === 'mobile' && (
            <Tooltip title={t('ticketsUi.channels.mobile')}>
              <MobileOutlined style={{ color: '#8c8c8c', marginRight: 6 }} />
            </Tooltip>
          )}
          {ticket.title}
        </Link>
      ),
      width: 320,
      ellipsis: true,
    },
    status: { width: 100, render: (_, ticket) => <StatusTag status={ticket.status} /> },
    priority: { width: 100, render: (_, ticket) => <PriorityTag priority={ticket.priority} /> },
    sla: { width: 190, render: (_, ticket) => <SlaBadge ticket={ticket} /> },
    requester: { width: 90, render: (_, ticket) => ticket.requester?.displayName ?? none },
    team: { width: 120, render: (_, ticket) => ticket.team?.name ?? none },
    assignee: {
      width: 100,
      render: (_, ticket) =>
        ticket.assignee?.displayName ?? <Typography.Text type="secondary">{t('ticketsUi.detail.unassigned')}</Typography.Text>,
    },
    item: { width: 160, ellipsis: true, render: (_, ticket) => ticket.catalogItem?.name ?? none },
    system: { width: 120, render: (_, ticket) => ticket.system?.name ?? none },
    transfers: { width: 90, align: 'right', render: (_, ticket) => ticket.transferCount },
    rating: {
      width: 90,
      render: (_, ticket) =>
        ticket.rating ? (
          <span style={{ color: '#fadb14', whiteSpace: 'nowrap' }}>
            <StarFilled /> <span style={{ color: '#595959' }}>{ticket.rating}</span>
          </span>
        ) : (
          none
        ),
    },
    createdAt: { width: 150, render: (_, ticket) => formatDateTime(ticket.createdAt) },
    updatedAt: { width: 150, render: (_, ticket) => formatDateTime(ticket.updatedAt) },
    resolutionDueAt: { width: 150, render: (_, ticket) => (ticket.resolutionDueAt ? formatDateTime(ticket.resolutionDueAt) : none) },
  };
  return COLUMN_KEYS.filter((key) => visible.includes(key)).map((key) => ({ key, title: columnTitle(t, key), ...all[key] }));
}

/** The table's scroll width: the chosen columns side by side (plus the tick box for dispatchers). */
export function columnsWidth(columns: ColumnType<TicketSummary>[], selectable: boolean): number {
  return columns.reduce((sum, column) => sum + (typeof column.width === 'number' ? column.width : 120), selectable ? 48 : 0);
}
