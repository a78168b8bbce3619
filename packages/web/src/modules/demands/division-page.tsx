import { Button, Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { type DemandDivision, useDivision } from './api';

type Row = DemandDivision['items'][number];

/** 业务分工: each system's business analyst (edited on the IT systems page) and the demands they hold open. */
export function DivisionPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const division = useDivision();
  return (
    <div data-testid="demand-division-page">
      <PageHeader
        title={t('demands.division.title')}
        subtitle={t('demands.division.subtitle')}
        extra={
          can('org.system.manage') ? (
            <Link to="/admin/systems">
              <Button>{t('demands.division.edit')}</Button>
            </Link>
          ) : null
        }
      />
      <Card variant="borderless">
        {division.isError ? (
          <LoadFailedResult message={division.error.message} onRetry={() => division.refetch()} />
        ) : (
          <Table<Row>
            rowKey="systemId"
            loading={division.isPending}
            dataSource={division.data?.items ?? []}
            pagination={false}
            columns={[
              { title: t('demands.fields.system'), dataIndex: 'systemName' },
              { title: t('demands.division.domain'), dataIndex: 'businessDomain', render: (v: string | null) => v ?? '—' },
              {
                title: t('demands.fields.analyst'),
                render: (_, r) => r.analyst?.name ?? <Typography.Text type="warning">{t('demands.division.none')}</Typography.Text>,
              },
              {
                title: t('demands.division.open'),
                dataIndex: 'open',
                render: (n: number, r) => (n ? <Link to={`/demands?view=all&systemId=${r.systemId}`}>{n}</Link> : 0),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
