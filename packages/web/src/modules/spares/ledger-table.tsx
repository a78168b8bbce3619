import { Button, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SpareMovement } from './api';

const KIND_COLORS: Record<string, string> = {
  inbound: 'green',
  issue: 'orange',
  return: 'cyan',
  transferOut: 'purple',
  transferIn: 'purple',
  adjust: 'gold',
};

/** Where a movement went or came from, as a reader names it. */
export function MovementTarget({ m }: { m: SpareMovement }) {
  if (m.ticket) return <Link to={`/tickets/${m.ticket.id}`}>{m.ticket.number}</Link>;
  if (m.asset) return <span>{`${m.asset.tag} ${m.asset.name}`}</span>;
  if (m.recipient) return <span>{m.recipient.displayName}</span>;
  return <span>{m.supplier ?? ''}</span>;
}

/** Ledger rows: number, time, kind, item, warehouse, signed quantity, balance after, target, by whom. */
export function LedgerTable({
  rows,
  loading,
  showItem = true,
  pagination,
  onReturn,
}: {
  rows: SpareMovement[];
  loading?: boolean;
  showItem?: boolean;
  pagination?: false | { current: number; pageSize: number; total: number; onChange: (page: number, size: number) => void };
  onReturn?: (m: SpareMovement) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table<SpareMovement>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={pagination === undefined ? false : pagination && { ...pagination, showSizeChanger: false }}
      data-testid="spare-ledger"
      scroll={{ x: showItem ? 1400 : 1190 }}
      columns={[
        { title: t('spares.columns.number'), dataIndex: 'number', width: 150, fixed: 'left' as const },
        { title: t('spares.columns.at'), width: 150, render: (_: unknown, m) => dayjs(m.at).format('YYYY-MM-DD HH:mm') },
        {
          title: t('spares.columns.kind'),
          width: 100,
          render: (_: unknown, m) => <Tag color={KIND_COLORS[m.kind]}>{t(`spares.kinds.${m.kind}`)}</Tag>,
        },
        ...(showItem
          ? [
              {
                title: t('spares.columns.item'),
                width: 210,
                render: (_: unknown, m: SpareMovement) => (
                  <Link to={`/spares/items/${m.item.id}`}>
                    {m.item.name}
                    <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                      {m.item.code}
                    </Typography.Text>
                  </Link>
                ),
              },
            ]
          : []),
        { title: t('spares.columns.warehouse'), width: 150, render: (_: unknown, m) => m.warehouse.name },
        {
          title: t('spares.columns.quantity'),
          width: 90,
          align: 'right' as const,
          render: (_: unknown, m) => (
            <Typography.Text type={m.quantity < 0 ? 'danger' : 'success'} data-testid="ledger-quantity">
              {m.quantity > 0 ? `+${m.quantity}` : m.quantity}
            </Typography.Text>
          ),
        },
        {
          title: t('spares.columns.balance'),
          width: 90,
          align: 'right' as const,
          render: (_: unknown, m) => <span data-testid="ledger-balance">{`${m.balanceAfter} ${m.item.unit}`}</span>,
        },
        { title: t('spares.columns.unitPrice'), width: 100, align: 'right' as const, render: (_: unknown, m) => m.unitPrice ?? '' },
        { title: t('spares.columns.target'), width: 160, render: (_: unknown, m) => <MovementTarget m={m} /> },
        { title: t('spares.columns.actor'), width: 90, render: (_: unknown, m) => m.actor?.displayName ?? '' },
        {
          title: t('spares.columns.note'),
          width: 180,
          render: (_: unknown, m) => (
            <>
              {m.note}
              {onReturn && m.returnable > 0 && (
                <Button type="link" size="small" onClick={() => onReturn(m)}>
                  {t('spares.actions.return')}
                </Button>
              )}
            </>
          ),
        },
      ]}
    />
  );
}
