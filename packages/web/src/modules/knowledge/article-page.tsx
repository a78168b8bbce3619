import { ArrowLeftOutlined, EditOutlined, InboxOutlined, LinkOutlined, SafetyCertificateOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Popconfirm, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api-client';
import { useMe } from '../../app/auth';
import { formatDateTime } from '../../app/i18n';
import { LoadFailedResult, NotFoundResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { type KnowledgeArticleDetail, knowledgeKeys, useArticle, useArticleAction, useVersion, useVersions } from './api';
import { ArticleSections } from './article-body';
import { ConfirmReviewModal } from './confirm-review-modal';
import { VersionDiff } from './diff-view';
import { HelpfulVote } from './helpful-vote';
import { ArticleStatusTag, AudienceBadge, TypeTag, VersionStatusTag } from './knowledge-tags';
import { VersionActionButtons } from './version-actions';
import { useOpenNewVersion, VersionHistory } from './version-history';
import './knowledge.css';

/** One article: the shown version's content by type, its facts and figures, what the caller may do, history. */
export function ArticlePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useArticle(id);

  if (!Number.isInteger(id) || id <= 0) return <NotFoundResult />;
  if (query.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (query.isError) {
    return isApiError(query.error) && query.error.status === 404 ? (
      <NotFoundResult />
    ) : (
      <LoadFailedResult message={query.error.message} onRetry={() => query.refetch()} />
    );
  }
  const article = query.data;
  const content = article.content;

  return (
    <div className="knowledge-page" data-testid="article-page" data-article-id={article.id}>
      <div className="knowledge-article__header">
        <div className="knowledge-article__heading">
          <Link to="/knowledge" className="knowledge-article__back">
            <ArrowLeftOutlined /> {t('knowledge.backHome')}
          </Link>
          <div className="knowledge-meta" style={{ fontSize: 13 }}>
            <span className="knowledge-number">{article.number}</span>
            <TypeTag type={content.type} />
            {article.status !== 'published' && <ArticleStatusTag status={article.status} />}
            <AudienceBadge audience={content.audience} />
          </div>
          <Typography.Title level={3} className="knowledge-article__title" data-testid="article-title">
            {content.title}
          </Typography.Title>
        </div>
        <ArticleActions article={article} />
      </div>
      <ArticleBanners article={article} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17} className="knowledge-stack">
          <Card variant="borderless" className="knowledge-article__content">
            {content.type === 'faq' && (
              <div className="knowledge-article__question">
                <Tag color="cyan">{t('knowledge.fields.question')}</Tag>
                <Typography.Text strong>{content.title}</Typography.Text>
              </div>
            )}
            <ArticleSections content={content} />
            {article.status === 'published' && <HelpfulVote article={article} />}
          </Card>
          <Card variant="borderless" title={t('knowledge.history')} data-testid="history-card">
            <VersionHistory article={article} />
          </Card>
        </Col>
        <Col xs={24} xl={7} className="knowledge-stack">
          <ArticleInfo article={article} />
          <Card variant="borderless" title={t('knowledge.statsTitle')}>
            <Row gutter={[8, 16]} data-testid="article-stats">
              {(['views', 'helpful', 'notHelpful', 'applications', 'deflections'] as const).map((key) => (
                <Col span={key === 'views' ? 24 : 12} key={key}>
                  <Statistic title={t(`knowledge.stats.${key}`)} value={article.stats[key]} data-stat={key} />
                </Col>
              ))}
            </Row>
          </Card>
          {article.linkedRecords.length > 0 && (
            <Card variant="borderless" title={t('knowledge.linkedRecords')}>
              <ul className="knowledge-list" data-testid="linked-records">
                {article.linkedRecords.map((record) => (
                  <li key={`${record.type}-${record.id}-${record.relation}`} className="knowledge-list__item">
                    <Tag color={record.relation === 'source' ? 'geekblue' : 'green'}>{t(`knowledge.related.${record.relation}`)}</Tag>
                    <Link to={record.link} className="knowledge-list__title" title={record.title}>
                      <LinkOutlined /> {record.number} {record.title}
                    </Link>
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}

/** Who and when: category, tags, systems, owner, author and reviewer of the shown version, review-by. */
function ArticleInfo({ article }: { article: KnowledgeArticleDetail }) {
  const { t } = useTranslation();
  const versions = useVersions(article.id);
  const shown = versions.data?.find((v) => v.id === article.shown.id);
  const content = article.content;
  const overdue = article.reviewBy && article.status === 'published' ? dayjs().startOf('day').diff(dayjs(article.reviewBy), 'day') : null;
  return (
    <Card variant="borderless" title={t('knowledge.info')}>
      <Descriptions column={1} size="small" className="knowledge-info" data-testid="article-info">
        <Descriptions.Item label={t('knowledge.fields.category')}>{content.category?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('knowledge.fields.tags')}>
          {content.tags.length ? (
            <Space size={[4, 4]} wrap>
              {content.tags.map((tag) => (
                <Link key={tag} to={`/knowledge/search?tag=${encodeURIComponent(tag)}`}>
                  <Tag variant="filled">{tag}</Tag>
                </Link>
              ))}
            </Space>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('knowledge.fields.systems')}>{content.systems.map((s) => s.name).join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('knowledge.fields.audience')}>{t(`knowledge.audiences.${content.audience}`)}</Descriptions.Item>
        <Descriptions.Item label={t('knowledge.owner')}>{article.owner?.displayName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('knowledge.author')}>{shown?.author?.displayName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('knowledge.reviewer')}>{shown?.reviewer?.displayName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('knowledge.version')}>
          {t('knowledge.revision', { revision: article.shown.revision })} <VersionStatusTag status={article.shown.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('knowledge.published')}>
          {article.publishedAt ? formatDateTime(article.publishedAt) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('knowledge.reviewBy')}>
          {article.reviewBy ?? '—'}
          {overdue !== null && overdue > 0 && (
            <Tag color="error" style={{ marginInlineStart: 6 }} data-testid="review-overdue">
              {t('knowledge.overdueDays', { days: overdue })}
            </Tag>
          )}
          {overdue === 0 && (
            <Tag color="warning" style={{ marginInlineStart: 6 }}>
              {t('knowledge.dueToday')}
            </Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** Edit (a new version), confirm review, archive and unarchive. */
function ArticleActions({ article }: { article: KnowledgeArticleDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const { showError } = useApiFeedback();
  const archive = useArticleAction();
  const { open: startEditing, isPending: starting } = useOpenNewVersion(article.id);
  const [confirming, setConfirming] = useState(false);
  const allowed = new Set(article.allowedActions);
  const owner = article.owner?.id === me.id;
  const act = (action: 'archive' | 'unarchive') =>
    archive.mutate(
      { id: article.id, action, version: article.version },
      {
        onSuccess: () => message.success(t(`knowledge.done.${action}`)),
        onError: (error) => showError(error, { refetch: [knowledgeKeys.article(article.id)] }),
      },
    );
  return (
    <Space wrap data-testid="article-actions">
      {article.canEdit && !article.working && article.status === 'published' && (
        <Button type="primary" icon={<EditOutlined />} loading={starting} onClick={() => startEditing()} data-action="edit">
          {t('knowledge.edit')}
        </Button>
      )}
      {article.needsReview && (owner || article.canManage) && (
        <Button icon={<SafetyCertificateOutlined />} onClick={() => setConfirming(true)} data-action="confirm-review">
          {t('knowledge.confirmReview')}
        </Button>
      )}
      {allowed.has('archive') && article.status === 'published' && (
        <Popconfirm title={t('knowledge.confirm.archive')} onConfirm={() => act('archive')}>
          <Button icon={<InboxOutlined />} loading={archive.isPending} data-action="archive">
            {t('knowledge.actions.archive')}
          </Button>
        </Popconfirm>
      )}
      {allowed.has('unarchive') && article.status === 'archived' && (
        <Button icon={<UndoOutlined />} loading={archive.isPending} onClick={() => act('unarchive')} data-action="unarchive">
          {t('knowledge.actions.unarchive')}
        </Button>
      )}
      {confirming && (
        <ConfirmReviewModal
          article={{ id: article.id, version: article.version, title: article.title }}
          onClose={() => setConfirming(false)}
        />
      )}
    </Space>
  );
}

/** The working version (a newer draft or one in review, or the never-published article itself), with its actions. */
function ArticleBanners({ article }: { article: KnowledgeArticleDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const working = useVersion(article.working?.id);
  const [diffOpen, setDiffOpen] = useState(false);
  const unpublished = article.status === 'draft';
  const banners = [];

  if (article.status === 'archived') {
    banners.push(<Alert key="archived" type="warning" showIcon title={t('knowledge.archivedHint')} />);
  }
  if (article.needsReview) {
    banners.push(
      <Alert
        key="needs-review"
        type="warning"
        showIcon
        title={t('knowledge.needsReviewHint', { date: article.reviewBy })}
        data-testid="needs-review-banner"
      />,
    );
  }
  if (article.working && working.data) {
    const version = working.data;
    const editable = version.canEdit;
    const newer = article.working.id !== article.shown.id;
    const status = t(`knowledge.versionStatuses.${version.status}`);
    banners.push(
      <Alert
        key="working"
        type={version.status === 'rejected' ? 'error' : 'info'}
        showIcon
        data-testid="working-banner"
        data-status={version.status}
        title={newer ? t('knowledge.workingBanner', { revision: version.revision, status }) : t('knowledge.unpublishedBanner', { status })}
        description={
          <div className="knowledge-banner">
            {version.status === 'rejected' && version.reviewComment && (
              <div data-testid="reject-comment">
                <Typography.Text strong>{t('knowledge.reviewComment')}：</Typography.Text>
                {version.reviewComment}
                {version.reviewer && <Typography.Text type="secondary"> — {version.reviewer.displayName}</Typography.Text>}
              </div>
            )}
            <Space wrap>
              {editable && (
                <Button
                  icon={<EditOutlined />}
                  onClick={() => navigate(`/knowledge/articles/${article.id}/edit`)}
                  data-action="continue-edit"
                >
                  {t('knowledge.continueEditing')}
                </Button>
              )}
              {newer && (
                <Button onClick={() => setDiffOpen((open) => !open)} data-testid="working-diff-toggle">
                  {diffOpen ? t('knowledge.hideChanges') : t('knowledge.showChanges')}
                </Button>
              )}
              <VersionActionButtons version={version} ownerId={article.owner?.id} />
            </Space>
            {newer && diffOpen && (
              <div style={{ marginTop: 12 }}>
                <VersionDiff articleId={article.id} from={article.shown.id} to={version.id} />
              </div>
            )}
          </div>
        }
      />,
    );
  } else if (unpublished && !article.working) {
    banners.push(
      <Alert key="unpublished" type="info" showIcon title={t('knowledge.unpublishedBanner', { status: t('knowledge.statuses.draft') })} />,
    );
  }
  if (!banners.length) return null;
  return <div className="knowledge-banners">{banners}</div>;
}
