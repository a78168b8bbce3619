import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { type MyReviewAction, useMyReviewActions } from './api';

/** 我的复盘措施: the open review action items I own, soonest due first. */
export function ReviewActionsPage() {
  const { t } = useTranslation();
  const actions = useMyReviewActions();
  return (
    <div data-testid="incident-review-actions">
      <PageHeader title={t('incidents.reviewActions.title')} />
      <Card variant="borderless">
        <Table<MyReviewAction>
          rowKey="id"
          loading={actions.isPending}
          dataSource={actions.data ?? []}
          pagination={false}
          locale={{ emptyText: t('incidents.reviewActions.empty') }}
          columns={[
            { title: t('incidents.review.actionTitle'), dataIndex: 'title' },
            {
              title: t('incidents.title'),
              render: (_: unknown, a) => <Link to={`/incidents/${a.incident.id}`}>{`${a.incident.number} ${a.incident.title}`}</Link>,
            },
            {
              title: t('incidents.review.dueDate'),
              width: 160,
              render: (_: unknown, a) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {a.dueDate}
                  {a.overdue && (
                    <Tag color="error" style={{ marginLeft: 6 }}>
                      {t('incidents.review.overdue')}
                    </Tag>
                  )}
                </span>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
