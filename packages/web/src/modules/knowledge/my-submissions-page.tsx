import type { KnowledgeVersionStatus } from '@shuyun/shared';
import { Card, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '../../app/i18n';
import { type KnowledgeQueueItem, useMySubmissions } from './api';
import { KnowledgeNav } from './knowledge-nav';
import { TypeTag, VersionStatusTag } from './knowledge-tags';
import { PagedListTable } from './paged-list-table';
import './knowledge.css';

const TABS = ['all', 'draft', 'submitted', 'rejected', 'published'] as const;
type TabKey = (typeof TABS)[number];

/** What the caller wrote: drafts, in review, sent back (with the reviewer's comment), published. */
export function MySubmissionsPage() {
  const { t } = useTranslation();
  // The tab lives in the address (?status=rejected), so the home page's to-dos can link to it.
  const [params, setParams] = useSearchParams();
  const requested = params.get('status');
  const tab: TabKey = TABS.includes(requested as TabKey) ? (requested as TabKey) : 'all';
  const setTab = (key: TabKey) => setParams(key === 'all' ? {} : { status: key }, { replace: true });
  const [page, setPage] = useState(1);
  const status: KnowledgeVersionStatus | undefined = tab === 'all' ? undefined : tab;
  const list = useMySubmissions(status, page);

  return (
    <div className="knowledge-page" data-testid="my-submissions">
      <KnowledgeNav />
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            setTab(key as TabKey);
            setPage(1);
          }}
          items={TABS.map((key) => ({ key, label: key === 'all' ? t('common.all') : t(`knowledge.versionStatuses.${key}`) }))}
        />
        <PagedListTable<KnowledgeQueueItem>
          list={list}
          page={page}
          onPage={setPage}
          rowKey="versionId"
          empty={t('knowledge.mineEmpty')}
          columns={[
            {
              title: t('knowledge.fields.title'),
              render: (_: unknown, item) => (
                <span data-testid="mine-item" data-status={item.status}>
                  <Link to={`/knowledge/articles/${item.articleId}`}>{item.title}</Link>
                  <div className="knowledge-number">
                    {item.number} · {t('knowledge.revision', { revision: item.revision })}
                  </div>
                  {item.status === 'rejected' && item.reviewComment && (
                    <Typography.Text type="danger" style={{ display: 'block', fontSize: 13 }}>
                      {t('knowledge.reviewComment')}：{item.reviewComment}
                    </Typography.Text>
                  )}
                </span>
              ),
            },
            { title: t('common.status'), width: 100, render: (_: unknown, item) => <VersionStatusTag status={item.status} /> },
            { title: t('knowledge.fields.type'), width: 110, render: (_: unknown, item) => <TypeTag type={item.type} /> },
            { title: t('knowledge.fields.category'), width: 150, render: (_: unknown, item) => item.category?.name ?? '' },
            { title: t('common.updatedAt'), width: 160, render: (_: unknown, item) => formatDateTime(item.updatedAt) },
            {
              title: t('common.actions'),
              width: 110,
              render: (_: unknown, item) =>
                item.status === 'draft' || item.status === 'rejected' ? (
                  <Link to={`/knowledge/articles/${item.articleId}/edit`}>{t('knowledge.continueEditing')}</Link>
                ) : (
                  <Link to={`/knowledge/articles/${item.articleId}`}>{t('knowledge.openArticle')}</Link>
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
