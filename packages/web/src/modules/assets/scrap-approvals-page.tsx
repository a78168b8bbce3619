import { Card, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { type ScrapApprovals, useScrapApprovals } from './api';

type Row = ScrapApprovals['items'][number];

/** 报废审批: scrap requests waiting for an asset.approve holder; each opens the asset to approve or reject. */
export function ScrapApprovalsPage() {
  const { t } = useTranslation();
  const list = useScrapApprovals();
  return (
    <div data-testid="scrap-approvals-page">
      <PageHeader title={t('assets.scrapApprovals')} />
      <Card variant="borderless">
        {list.isError ? (
          <LoadFailedResult message={list.error.message} onRetry={() => list.refetch()} />
        ) : (
          <Table<Row>
            rowKey="id"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            pagination={false}
            columns={[
              {
                title: t('assets.fields.tag'),
                render: (_, a) => (
                  <Link to={`/assets/${a.id}`} data-testid="scrap-row-link">
                    {a.tag}
                  </Link>
                ),
              },
              { title: t('assets.fields.name'), dataIndex: 'name' },
              { title: t('assets.fields.category'), render: (_, a) => a.category.name },
              { title: t('assets.form.reason'), dataIndex: 'reason' },
              {
                title: t('common.createdAt'),
                render: (_, a) => (
                  <Space>
                    {a.requestedBy?.name}
                    {formatDateTime(a.requestedAt)}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
