import { Alert, Card, Drawer, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/i18n';
import { LoadFailedResult } from '../../components/results';
import { type KnowledgeQueueItem, useArticle, useReviewQueue, useVersion } from './api';
import { ArticleSections } from './article-body';
import { VersionDiff } from './diff-view';
import { KnowledgeNav } from './knowledge-nav';
import { AudienceBadge, TypeTag } from './knowledge-tags';
import { PagedListTable } from './paged-list-table';
import { VersionActionButtons } from './version-actions';
import './knowledge.css';

/** Submissions waiting for the caller's review: new articles in full, revisions as a diff against the published version. */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const queue = useReviewQueue(page);
  const [open, setOpen] = useState<KnowledgeQueueItem | null>(null);

  return (
    <div className="knowledge-page" data-testid="review-queue">
      <KnowledgeNav />
      <Card variant="borderless" title={t('knowledge.reviewQueue')}>
        <PagedListTable<KnowledgeQueueItem>
          list={queue}
          page={page}
          onPage={setPage}
          rowKey="versionId"
          empty={t('knowledge.review.empty')}
          onRow={(item) => ({ onClick: () => setOpen(item), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('knowledge.fields.title'),
              render: (_: unknown, item) => (
                <span data-testid="queue-item" data-version-id={item.versionId}>
                  <Typography.Link onClick={() => setOpen(item)}>{item.title}</Typography.Link>
                  <div className="knowledge-number">
                    {item.number} · {t('knowledge.revision', { revision: item.revision })}
                  </div>
                </span>
              ),
            },
            {
              title: t('knowledge.review.kind'),
              width: 100,
              render: (_: unknown, item) =>
                item.isNew ? (
                  <Tag color="blue">{t('knowledge.review.newArticle')}</Tag>
                ) : (
                  <Tag color="orange">{t('knowledge.review.newVersion')}</Tag>
                ),
            },
            { title: t('knowledge.fields.type'), width: 110, render: (_: unknown, item) => <TypeTag type={item.type} /> },
            { title: t('knowledge.fields.category'), width: 150, render: (_: unknown, item) => item.category?.name ?? '' },
            { title: t('knowledge.author'), width: 100, render: (_: unknown, item) => item.author?.displayName ?? '' },
            { title: t('knowledge.submittedAt'), width: 160, render: (_: unknown, item) => formatDateTime(item.submittedAt) },
          ]}
        />
      </Card>
      {open && <ReviewDrawer item={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

/** One submission: its content (or the changes against the published version), and approve / reject. */
function ReviewDrawer({ item, onClose }: { item: KnowledgeQueueItem; onClose: () => void }) {
  const { t } = useTranslation();
  const version = useVersion(item.versionId);
  const article = useArticle(item.isNew ? null : item.articleId);
  const publishedId = article.data?.shown.status === 'published' ? article.data.shown.id : null;

  return (
    <Drawer
      open
      width={880}
      onClose={onClose}
      title={
        <span>
          {item.isNew ? t('knowledge.review.newArticle') : t('knowledge.review.newVersion')} · {item.title}
        </span>
      }
      extra={version.data && <VersionActionButtons version={version.data} ownerId={article.data?.owner?.id} onDone={onClose} />}
      data-testid="review-drawer"
    >
      {version.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : version.isError ? (
        <LoadFailedResult message={version.error.message} onRetry={() => version.refetch()} />
      ) : (
        <div className="knowledge-stack" data-testid="review-content">
          <div className="knowledge-meta" style={{ marginBottom: 12, fontSize: 13 }}>
            <span className="knowledge-number">{version.data.articleNumber}</span>
            <TypeTag type={version.data.content.type} />
            <AudienceBadge audience={version.data.content.audience} />
            <span>{version.data.content.category?.name}</span>
            <span>
              {t('knowledge.author')}: {version.data.author?.displayName}
            </span>
            <Link to={`/knowledge/articles/${item.articleId}`}>{t('knowledge.openArticle')}</Link>
          </div>
          {!item.isNew && (
            <Card size="small" title={t('knowledge.review.changes')} style={{ marginBottom: 16 }}>
              {publishedId ? (
                <VersionDiff articleId={item.articleId} from={publishedId} to={item.versionId} />
              ) : article.isPending ? (
                <Skeleton active />
              ) : (
                <Alert type="info" title={t('knowledge.diff.unavailable')} />
              )}
            </Card>
          )}
          <Card size="small" title={item.isNew ? t('knowledge.review.content') : t('knowledge.review.afterChange')}>
            <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="review-title">
              {version.data.content.title}
            </Typography.Title>
            <ArticleSections content={version.data.content} />
          </Card>
        </div>
      )}
    </Drawer>
  );
}
