import { PlusOutlined } from '@ant-design/icons';
import type { StocktakeStatus } from '@shuyun/shared';
import { Button, Card, Progress, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '../../../app/i18n';
import { PageHeader } from '../../../components/page-header';
import { type StocktakeSummary, useStocktakes } from './api';
import { CreateStocktakeModal } from './create-stocktake-modal';
import { percentDone, STATUS_COLORS } from './format';

const STATUSES: StocktakeStatus[] = ['in_progress', 'draft', 'completed', 'cancelled'];

/** PC list of stocktakes with their progress; `?mine=counter` narrows to those I count. */
export function StocktakesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as StocktakeStatus | null) ?? undefined;
  const mine = params.get('mine') === 'counter' ? ('counter' as const) : undefined;
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useStocktakes({ status, mine, page, pageSize: 20 });

  const setFilter = (value: string) => {
    const next = new URLSearchParams(params);
    if (value === 'all') next.delete('status');
    else next.set('status', value);
    setParams(next);
    setPage(1);
  };

  return (
    <>
      <PageHeader
        title={t('stocktake.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('stocktake.create')}
          </Button>
        }
      />
      <Card>
        <Space style={{ marginBottom: 16 }}>
          <Segmented
            value={status ?? 'all'}
            onChange={(v) => setFilter(String(v))}
            options={[
              { value: 'all', label: t('stocktake.filterAll') },
              ...STATUSES.map((s) => ({ value: s, label: t(`stocktake.status.${s}`) })),
            ]}
          />
        </Space>
        <Table<StocktakeSummary>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items}
          locale={{ emptyText: t('stocktake.empty') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            {
              title: t('stocktake.number'),
              dataIndex: 'number',
              width: 170,
              render: (number: string, row) => <Link to={`/stocktakes/${row.id}`}>{number}</Link>,
            },
            {
              title: t('stocktake.name'),
              dataIndex: 'name',
              render: (name: string, row) => <Link to={`/stocktakes/${row.id}`}>{name}</Link>,
            },
            {
              title: t('common.status'),
              dataIndex: 'status',
              width: 100,
              render: (s: StocktakeStatus) => <Tag color={STATUS_COLORS[s]}>{t(`stocktake.status.${s}`)}</Tag>,
            },
            {
              title: t('stocktake.doneRate'),
              width: 260,
              render: (_, row) => (
                <Space direction="vertical" size={0} style={{ width: '100%' }}>
                  <Progress percent={percentDone(row.progress)} size="small" />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('stocktake.progress.expected')} {row.progress.expected} · {t('stocktake.progress.anomalies')}{' '}
                    {row.progress.anomalies}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('stocktake.dueDate'), dataIndex: 'dueDate', width: 120 },
            { title: t('stocktake.owner'), dataIndex: ['owner', 'displayName'], width: 110 },
            { title: t('common.createdAt'), dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
      <CreateStocktakeModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
