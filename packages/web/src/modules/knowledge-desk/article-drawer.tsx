import { CheckCircleOutlined, ExportOutlined } from '@ant-design/icons';
import type { KnowledgeArticleDetail } from '@shuyun/shared';
import { Alert, Button, Drawer, Flex, Skeleton, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { formatDateTime } from '../../app/i18n';
import { useApiFeedback } from '../../components/use-api-feedback';
import { TypeTag } from '../knowledge/knowledge-tags';
import { useDeflection, useKnowledgeArticle } from './api';
import { ArticleHtml, useArticleSections } from './article-html';
import { KnowledgeStatsLine } from './article-meta';

interface DrawerProps {
  articleId: number | null;
  onClose: () => void;
  /** The actions under the article, once it has loaded. */
  footer?: (article: KnowledgeArticleDetail) => ReactNode;
}

/** PC: an article read beside the page that opened it (which stays as it is), with a link to its full page. */
export function KnowledgeArticleDrawer({ articleId, onClose, footer }: DrawerProps) {
  const { t } = useTranslation();
  const article = useKnowledgeArticle(articleId);
  return (
    <Drawer
      open={articleId !== null}
      onClose={onClose}
      size={640}
      destroyOnHidden
      title={article.data?.title ?? t('knowledge.title')}
      extra={
        articleId !== null && (
          <a href={`/knowledge/articles/${articleId}`} target="_blank" rel="noopener noreferrer">
            <ExportOutlined /> {t('knowledgeDesk.article.openFull')}
          </a>
        )
      }
      footer={article.data && footer ? footer(article.data) : null}
      data-testid="kb-article-drawer"
    >
      {article.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : article.isError ? (
        <Alert
          type={isApiError(article.error) && article.error.status === 404 ? 'warning' : 'error'}
          showIcon
          title={isApiError(article.error) && article.error.status === 404 ? t('shell.notFoundTitle') : article.error.message}
        />
      ) : (
        <ArticleView article={article.data} />
      )}
    </Drawer>
  );
}

interface SolveProps {
  articleId: number | null;
  /** What the requester had typed (sent with the deflection). */
  query: string;
  onClose: () => void;
  onSolved: (article: { id: number; title: string }) => void;
}

/**
 * PC: an article suggested while a ticket is being written. "This solved my problem" counts a
 * deflection and ends the submission; "not solved" returns to the form as it was.
 */
export function SolveArticleDrawer({ articleId, query, onClose, onSolved }: SolveProps) {
  const { t } = useTranslation();
  const deflect = useDeflection();
  const { showError } = useApiFeedback();

  const solve = (detail: KnowledgeArticleDetail) =>
    deflect.mutate(
      { id: detail.id, query, channel: 'pc' },
      { onSuccess: () => onSolved({ id: detail.id, title: detail.title }), onError: (error) => showError(error) },
    );

  return (
    <KnowledgeArticleDrawer
      articleId={articleId}
      onClose={onClose}
      footer={(article) => (
        <Flex justify="space-between" align="center" gap={12} wrap data-testid="kb-solve-bar">
          <Typography.Text type="secondary">{t('knowledgeDesk.solve.prompt')}</Typography.Text>
          <Space>
            <Button onClick={onClose} data-testid="kb-not-solved">
              {t('knowledgeDesk.solve.notSolved')}
            </Button>
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              loading={deflect.isPending}
              onClick={() => solve(article)}
              data-testid="kb-solved"
            >
              {t('knowledge.feedback.solved')}
            </Button>
          </Space>
        </Flex>
      )}
    />
  );
}

/** An article's text with its type, category, number and counters (read-only). */
export function ArticleView({ article }: { article: KnowledgeArticleDetail }) {
  const { t } = useTranslation();
  const sections = useArticleSections(article.content);
  return (
    <div data-testid="kb-article" data-article-id={article.id}>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
        <TypeTag type={article.type} />
        {article.category && <Typography.Text type="secondary">{article.category.name}</Typography.Text>}
        <Typography.Text type="secondary">{article.number}</Typography.Text>
        <Typography.Text type="secondary">
          {t('knowledgeDesk.article.updatedAt', { time: formatDateTime(article.publishedAt ?? article.updatedAt) })}
        </Typography.Text>
      </Flex>
      <div style={{ marginBottom: 16, paddingBottom: 12, borderBottom: '1px solid #f0f0f0' }}>
        <KnowledgeStatsLine stats={article.stats} />
      </div>
      {sections.map((section) => (
        <section key={section.key} className="kb-section">
          {section.label && <h3 className="kb-section__label">{section.label}</h3>}
          <ArticleHtml html={section.html} />
        </section>
      ))}
    </div>
  );
}
