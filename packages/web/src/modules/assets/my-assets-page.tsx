import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { type AssetSummary, tx, useMyAssets } from './api';
import { AssetStatusTag } from './status-tag';

/** 我的资产 on the PC: what waits for my receipt or transfer-in, and what I hold; each opens the asset page. */
export function MyAssetsPage() {
  const { t } = useTranslation();
  const mine = useMyAssets();
  const columns = [
    { title: t('assets.fields.tag'), render: (_: unknown, a: AssetSummary) => <Link to={`/assets/${a.id}`}>{a.tag}</Link> },
    { title: t('assets.fields.name'), dataIndex: 'name' },
    { title: t('assets.fields.category'), render: (_: unknown, a: AssetSummary) => a.category.name },
    {
      title: t('assets.fields.status'),
      render: (_: unknown, a: AssetSummary) => (
        <>
          <AssetStatusTag status={a.status} />
          {a.pending && <Tag color="gold">{tx(t, `assets.pendingTag.${a.pending}`)}</Tag>}
        </>
      ),
    },
  ];
  if (mine.isError) return <LoadFailedResult message={mine.error.message} onRetry={() => mine.refetch()} />;
  return (
    <div data-testid="my-assets-page">
      <PageHeader title={t('assets.mine')} />
      {(mine.data?.waiting.length ?? 0) > 0 && (
        <Card variant="borderless" title={t('assets.mobile.waiting')} style={{ marginBottom: 16 }}>
          <Table<AssetSummary> rowKey="id" size="small" pagination={false} dataSource={mine.data?.waiting ?? []} columns={columns} />
        </Card>
      )}
      <Card variant="borderless" title={t('assets.mobile.holding')}>
        <Table<AssetSummary>
          rowKey="id"
          size="small"
          loading={mine.isPending}
          pagination={false}
          dataSource={mine.data?.holding ?? []}
          columns={columns}
        />
      </Card>
    </div>
  );
}
