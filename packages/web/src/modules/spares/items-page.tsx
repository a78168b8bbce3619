import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useDebounced } from '../../components/use-debounced';
import { type SpareItem, useSpareCategories, useSpareItems } from './api';
import { IssueModal, ItemModal, TransferModal } from './spare-modals';

/** The item list 备件清单 (or, with `lowStock`, only the items below their minimum). */
export function SpareItemsPage({ lowStock = false }: { lowStock?: boolean }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [category, setCategory] = useState<string | undefined>();
  const [lowOnly, setLowOnly] = useState(lowStock);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const items = useSpareItems({ q, category, lowOnly, includeInactive, ...page });
  const categories = useSpareCategories();
  const [modal, setModal] = useState<{ kind: 'issue' | 'transfer' | 'edit'; item: SpareItem | null } | null>(null);
  const manager = can('spare.manage');

  return (
    <div data-testid={lowStock ? 'spares-low-stock' : 'spares-items'}>
      <PageHeader
        title={lowStock ? t('spares.nav.lowStock') : t('spares.nav.items')}
        extra={
          <Space>
            {can('spare.issue') && (
              <Button onClick={() => setModal({ kind: 'issue', item: null })} data-testid="spares-issue">
                {t('spares.actions.issue')}
              </Button>
            )}
            {manager && (
              <Button onClick={() => navigate('/spares/receipt')} data-testid="spares-receive">
                {t('spares.actions.receive')}
              </Button>
            )}
            {manager && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setModal({ kind: 'edit', item: null })}
                data-testid="spares-new-item"
              >
                {t('spares.actions.newItem')}
              </Button>
            )}
          </Space>
        }
      />
      {lowStock && <Alert type="warning" showIcon message={t('spares.lowStockHint')} style={{ marginBottom: 16 }} />}
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('spares.searchPlaceholder')}
            style={{ width: 260 }}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            data-testid="spares-search"
          />
          <Select
            allowClear
            placeholder={t('spares.allCategories')}
            style={{ width: 160 }}
            value={category}
            onChange={(v) => {
              setCategory(v);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            options={(categories.data ?? []).map((c) => ({ value: c, label: c }))}
          />
          {!lowStock && (
            <Space size={4}>
              <Switch size="small" checked={lowOnly} onChange={setLowOnly} data-testid="spares-low-only" />
              {t('spares.lowOnly')}
            </Space>
          )}
          {manager && (
            <Space size={4}>
              <Switch size="small" checked={includeInactive} onChange={setIncludeInactive} />
              {t('spares.includeInactive')}
            </Space>
          )}
        </Space>
        {items.isError ? (
          <LoadFailedResult message={items.error.message} onRetry={() => items.refetch()} />
        ) : (
          <Table<SpareItem>
            rowKey="id"
            loading={items.isFetching}
            dataSource={items.data?.items ?? []}
            pagination={{
              current: page.page,
              pageSize: page.pageSize,
              total: items.data?.total ?? 0,
              onChange: (p, s) => setPage({ page: p, pageSize: s }),
            }}
            columns={[
              { title: t('spares.fields.code'), dataIndex: 'code', width: 140 },
              {
                title: t('spares.fields.name'),
                render: (_: unknown, i) => (
                  <span data-testid="spare-item-row">
                    <Link to={`/spares/items/${i.id}`}>{i.name}</Link>
                    {i.model && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {i.model}
                      </Typography.Text>
                    )}
                    {!i.active && <Tag style={{ marginLeft: 6 }}>{t('spares.inactive')}</Tag>}
                  </span>
                ),
              },
              { title: t('spares.fields.category'), dataIndex: 'category', width: 110 },
              {
                title: t('spares.fields.total'),
                width: 180,
                align: 'right',
                render: (_: unknown, i) => (
                  <Space size={4} style={{ whiteSpace: 'nowrap' }}>
                    {i.low && <Tag color="error">{t('spares.low')}</Tag>}
                    <span data-testid="spare-total">{`${i.total} ${i.unit}`}</span>
                  </Space>
                ),
              },
              { title: t('spares.fields.minStock'), width: 90, align: 'right', render: (_: unknown, i) => i.minStock },
              {
                title: t('spares.fields.stock'),
                render: (_: unknown, i) => (
                  <Space size={[4, 4]} wrap>
                    {i.stock
                      .filter((s) => s.quantity > 0)
                      .map((s) => (
                        <Tag key={s.warehouse.id}>{`${s.warehouse.name} ${s.quantity}`}</Tag>
                      ))}
                  </Space>
                ),
              },
              {
                title: t('common.actions'),
                width: 170,
                render: (_: unknown, i) => (
                  <Space size={0}>
                    {can('spare.issue') && (
                      <Button
                        type="link"
                        size="small"
                        disabled={!i.active || i.total === 0}
                        onClick={() => setModal({ kind: 'issue', item: i })}
                      >
                        {t('spares.actions.issue')}
                      </Button>
                    )}
                    {manager && (
                      <Button
                        type="link"
                        size="small"
                        disabled={!i.active || i.total === 0}
                        onClick={() => setModal({ kind: 'transfer', item: i })}
                      >
                        {t('spares.actions.transfer')}
                      </Button>
                    )}
                    {manager && (
                      <Button type="link" size="small" onClick={() => setModal({ kind: 'edit', item: i })}>
                        {t('common.edit')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      {modal?.kind === 'issue' && <IssueModal item={modal.item ?? undefined} onClose={() => setModal(null)} />}
      {modal?.kind === 'transfer' && modal.item && <TransferModal item={modal.item} onClose={() => setModal(null)} />}
      {modal?.kind === 'edit' && <ItemModal item={modal.item} onClose={() => setModal(null)} />}
    </div>
  );
}
