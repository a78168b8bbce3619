import { ArrowLeftOutlined } from '@ant-design/icons';
import type { SpareMovementKind } from '@shuyun/shared';
import { SPARE_MOVEMENT_KINDS } from '@shuyun/shared';
import { Button, Card, Col, DatePicker, Descriptions, Row, Select, Skeleton, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { Timeline } from '../../components/timeline';
import { type SpareMovement, useLedger, useSpareItem, useWarehouses } from './api';
import { LedgerTable } from './ledger-table';
import { AdjustModal, IssueModal, ItemModal, ReturnModal, TransferModal } from './spare-modals';

/** One item: its numbers, stock per warehouse (with count adjustment), and its ledger with running balances. */
export function SpareItemPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const item = useSpareItem(id);
  const warehouses = useWarehouses();
  const [kind, setKind] = useState<SpareMovementKind | undefined>();
  const [warehouseId, setWarehouseId] = useState<number | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const ledger = useLedger({
    itemId: id,
    kind,
    warehouseId,
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
    page,
    pageSize: 20,
  });
  const [modal, setModal] = useState<
    | { kind: 'issue' }
    | { kind: 'transfer' }
    | { kind: 'edit' }
    | { kind: 'adjust'; warehouseId: number }
    | { kind: 'return'; movement: SpareMovement }
    | null
  >(null);
  const manager = can('spare.manage');

  if (item.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (item.isError) return <LoadFailedResult message={item.error.message} onRetry={() => item.refetch()} />;
  const it = item.data;
  const stockRows = (warehouses.data ?? []).filter((w) => w.active || it.stock.some((s) => s.warehouse.id === w.id && s.quantity > 0));

  return (
    <div data-testid="spare-item-page">
      <PageHeader
        back={
          <Link to="/spares/items">
            <ArrowLeftOutlined /> {t('spares.nav.items')}
          </Link>
        }
        title={
          <Space>
            {it.name}
            {it.low && <Tag color="error">{t('spares.low')}</Tag>}
            {!it.active && <Tag>{t('spares.inactive')}</Tag>}
          </Space>
        }
        subtitle={`${it.code}${it.model ? ` · ${it.model}` : ''}`}
        extra={
          <Space>
            {can('spare.issue') && it.active && (
              <Button type="primary" onClick={() => setModal({ kind: 'issue' })} data-testid="item-issue">
                {t('spares.actions.issue')}
              </Button>
            )}
            {manager && it.active && <Button onClick={() => setModal({ kind: 'transfer' })}>{t('spares.actions.transfer')}</Button>}
            {manager && <Button onClick={() => setModal({ kind: 'edit' })}>{t('spares.actions.editItem')}</Button>}
          </Space>
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card variant="borderless" title={t('spares.itemPage.stock')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('spares.fields.total')}>
                <strong data-testid="item-total">{`${it.total} ${it.unit}`}</strong>
              </Descriptions.Item>
              <Descriptions.Item label={t('spares.fields.minStock')}>{`${it.minStock} ${it.unit}`}</Descriptions.Item>
              <Descriptions.Item label={t('spares.fields.category')}>{it.category ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('spares.fields.unit')}>{it.unit}</Descriptions.Item>
            </Descriptions>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={stockRows}
              columns={[
                { title: t('spares.fields.warehouse'), render: (_: unknown, w) => w.name },
                {
                  title: t('spares.fields.quantity'),
                  align: 'right',
                  render: (_: unknown, w) => it.stock.find((s) => s.warehouse.id === w.id)?.quantity ?? 0,
                },
                ...(manager
                  ? [
                      {
                        title: t('common.actions'),
                        width: 110,
                        render: (_: unknown, w: { id: number }) => (
                          <Button type="link" size="small" onClick={() => setModal({ kind: 'adjust', warehouseId: w.id })}>
                            {t('spares.actions.adjust')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card variant="borderless" title={t('timeline.title')} style={{ marginBottom: 16 }}>
            <Timeline recordType="spareItem" recordId={it.id} />
          </Card>
        </Col>
        <Col span={24}>
          <Card variant="borderless" title={t('spares.itemPage.ledger')}>
            <Space wrap style={{ marginBottom: 12 }}>
              <Select
                allowClear
                placeholder={t('spares.allKinds')}
                style={{ width: 130 }}
                value={kind}
                onChange={(v) => {
                  setKind(v);
                  setPage(1);
                }}
                options={SPARE_MOVEMENT_KINDS.map((k) => ({ value: k, label: t(`spares.kinds.${k}`) }))}
              />
              <Select
                allowClear
                placeholder={t('spares.allWarehouses')}
                style={{ width: 160 }}
                value={warehouseId}
                onChange={(v) => {
                  setWarehouseId(v);
                  setPage(1);
                }}
                options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
              />
              <DatePicker.RangePicker
                value={range}
                onChange={(v) => {
                  setRange(v);
                  setPage(1);
                }}
              />
            </Space>
            <LedgerTable
              rows={ledger.data?.items ?? []}
              loading={ledger.isFetching}
              showItem={false}
              onReturn={can('spare.issue') ? (m) => setModal({ kind: 'return', movement: m }) : undefined}
              pagination={{ current: page, pageSize: 20, total: ledger.data?.total ?? 0, onChange: (p) => setPage(p) }}
            />
          </Card>
        </Col>
      </Row>
      {modal?.kind === 'issue' && <IssueModal item={it} onClose={() => setModal(null)} />}
      {modal?.kind === 'transfer' && <TransferModal item={it} onClose={() => setModal(null)} />}
      {modal?.kind === 'edit' && <ItemModal item={it} onClose={() => setModal(null)} />}
      {modal?.kind === 'adjust' && <AdjustModal item={it} warehouseId={modal.warehouseId} onClose={() => setModal(null)} />}
      {modal?.kind === 'return' && <ReturnModal movement={modal.movement} onClose={() => setModal(null)} />}
    </div>
  );
}
