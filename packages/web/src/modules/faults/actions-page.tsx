import { Card, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { type FaultReviewAction, tx, useReviewActions } from './api';

type View = 'mine' | 'overdue' | 'open';

/** 整改跟踪: corrective actions I owe, the overdue ones, all open ones (within my fault scope). */
export function FaultActionsPage() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('mine');
  const list = useReviewActions(view);
  return (
    <div data-testid="fault-actions-page">
      <PageHeader title={t('faults.nav.actions')} />
      <Card variant="borderless">
        <Segmented
          style={{ marginBottom: 16 }}
          value={view}
          onChange={(v) => setView(v as View)}
          options={(['mine', 'overdue', 'open'] as const).map((v) => ({ value: v, label: t(`faults.reviewActions.views.${v}`) }))}
        />
        <Table<FaultReviewAction>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('faults.reviewActions.empty') }}
          columns={[
            { title: t('faults.reviewActions.name'), dataIndex: 'title', ellipsis: true },
            {
              title: t('faults.reviewActions.fault'),
              dataIndex: 'faultNumber',
              width: 300,
              ellipsis: true,
              render: (n: string, a) => (
                <Link to={`/faults/${a.faultId}`}>
                  {n} {a.faultTitle}
                </Link>
              ),
            },
            { title: t('faults.reviewActions.owner'), dataIndex: ['owner', 'displayName'], width: 100 },
            {
              title: t('faults.reviewActions.dueDate'),
              dataIndex: 'dueDate',
              width: 120,
              render: (d: string, a) => <span style={{ color: a.overdue ? '#cf1322' : undefined }}>{d}</span>,
            },
            {
              title: t('common.status'),
              dataIndex: 'status',
              width: 100,
              render: (s: string, a) =>
                a.overdue ? (
                  <Tag color="red">{t('faults.reviewActions.overdue')}</Tag>
                ) : (
                  <Tag color="blue">{tx(t, `faults.reviewActions.status.${s}`)}</Tag>
                ),
            },
          ]}
          data-testid="fault-actions-table"
        />
      </Card>
    </div>
  );
}
