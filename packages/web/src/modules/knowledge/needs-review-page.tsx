import { Button, Card, Segmented, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { type KnowledgeNeedsReviewItem, useNeedsReview } from './api';
import { ConfirmReviewModal } from './confirm-review-modal';
import { KnowledgeNav } from './knowledge-nav';
import { TypeTag } from './knowledge-tags';
import { PagedListTable } from './paged-list-table';
import './knowledge.css';

/** Published articles whose review-by date has come: confirm they are still right, or edit them. */
export function NeedsReviewPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const manager = can('knowledge.manage');
  const [view, setView] = useState<'mine' | 'all'>('mine');
  const [withinDays, setWithinDays] = useState(0);
  const [page, setPage] = useState(1);
  const list = useNeedsReview(view, withinDays, page);
  const [confirming, setConfirming] = useState<KnowledgeNeedsReviewItem | null>(null);

  return (
    <div className="knowledge-page" data-testid="needs-review">
      <KnowledgeNav />
      <Card
        variant="borderless"
        title={t('knowledge.needsReview')}
        extra={
          <Space>
            {manager && (
              <Segmented<'mine' | 'all'>
                value={view}
                onChange={(value) => {
                  setView(value);
                  setPage(1);
                }}
                options={[
                  { value: 'mine', label: t('knowledge.needsReviewView.mine') },
                  { value: 'all', label: t('knowledge.needsReviewView.all') },
                ]}
              />
            )}
            <Select
              value={withinDays}
              style={{ width: 160 }}
              onChange={(value) => {
                setWithinDays(value);
                setPage(1);
              }}
              options={[0, 7, 30].map((days) => ({
                value: days,
                label: days ? t('knowledge.dueWithin', { days }) : t('knowledge.dueNow'),
              }))}
            />
          </Space>
        }
      >
        <PagedListTable<KnowledgeNeedsReviewItem>
          list={list}
          page={page}
          onPage={setPage}
          rowKey="id"
          empty={t('knowledge.needsReviewEmpty')}
          columns={[
            {
              title: t('knowledge.fields.title'),
              render: (_: unknown, item) => (
                <span data-testid="needs-review-item">
                  <Link to={`/knowledge/articles/${item.id}`}>{item.title}</Link>
                  <div className="knowledge-number">{item.number}</div>
                </span>
              ),
            },
            { title: t('knowledge.fields.type'), width: 110, render: (_: unknown, item) => <TypeTag type={item.type} /> },
            { title: t('knowledge.fields.category'), width: 150, render: (_: unknown, item) => item.category?.name ?? '' },
            { title: t('knowledge.owner'), width: 100, render: (_: unknown, item) => item.owner?.displayName ?? '' },
            {
              title: t('knowledge.reviewBy'),
              width: 240,
              render: (_: unknown, item) => (
                <Space size={6} style={{ whiteSpace: 'nowrap' }}>
                  {item.reviewBy}
                  {item.overdueDays > 0 ? (
                    <Tag color="error">{t('knowledge.overdueDays', { days: item.overdueDays })}</Tag>
                  ) : (
                    <Tag color="warning">{t('knowledge.dueSoon')}</Tag>
                  )}
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              width: 210,
              render: (_: unknown, item) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setConfirming(item)} data-testid="needs-review-confirm">
                    {t('knowledge.confirmReview')}
                  </Button>
                  <Link to={`/knowledge/articles/${item.id}`}>
                    <Button type="link" size="small">
                      {t('knowledge.edit')}
                    </Button>
                  </Link>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {confirming && (
        <ConfirmReviewModal
          article={{ id: confirming.id, version: confirming.version, title: confirming.title }}
          onClose={() => setConfirming(null)}
        />
      )}
    </div>
  );
}
