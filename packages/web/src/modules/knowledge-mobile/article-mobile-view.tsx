import type { KnowledgeArticleDetail, KnowledgeStats, KnowledgeType } from '@shuyun/shared';
import { Button, Tag, Toast } from 'antd-mobile';
import { EyeOutline, LikeOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/i18n';
import { useHelpfulVote } from '../knowledge-desk/api';
import { ArticleHtml, useArticleSections } from '../knowledge-desk/article-html';
import '../knowledge-desk/knowledge-desk.css';
import './knowledge-mobile.css';

const TYPE_COLORS: Record<KnowledgeType, string> = { how_to: 'primary', known_error: 'danger', faq: 'success' };

export function KnowledgeTypeTagMobile({ type }: { type: KnowledgeType }) {
  const { t } = useTranslation();
  return (
    <Tag color={TYPE_COLORS[type]} fill="outline">
      {t(`knowledge.types.${type}`)}
    </Tag>
  );
}

export function StatsMobile({ stats }: { stats: KnowledgeStats }) {
  const { t } = useTranslation();
  return (
    <div className="km-stats" data-testid="km-stats">
      <span>
        <EyeOutline /> {stats.views}
      </span>
      <span>
        <LikeOutline /> {stats.helpful}
      </span>
      <span>
        {t('knowledge.stats.applications')} {stats.applications}
      </span>
      <span data-testid="km-deflections" data-count={stats.deflections}>
        {t('knowledge.stats.deflections')} {stats.deflections}
      </span>
    </div>
  );
}

/** "Was this helpful" on the phone: the reader's vote shows, and can be changed. */
export function HelpfulVoteMobile({ article }: { article: KnowledgeArticleDetail }) {
  const { t } = useTranslation();
  const vote = useHelpfulVote();
  const cast = (helpful: boolean) =>
    vote.mutate(
      { id: article.id, helpful },
      {
        onSuccess: () => Toast.show({ icon: 'success', content: t('knowledge.feedback.thanks') }),
        onError: (error) => Toast.show({ icon: 'fail', content: error.message }),
      },
    );
  return (
    <section className="km-section" data-testid="km-vote">
      <h2 className="km-section__title">{t('knowledge.feedback.question')}</h2>
      <div className="km-vote">
        <Button
          color={article.myVote === true ? 'primary' : 'default'}
          fill={article.myVote === true ? 'solid' : 'outline'}
          disabled={vote.isPending}
          onClick={() => cast(true)}
          data-testid="km-helpful"
        >
          {t('knowledge.feedback.yes')} · {article.stats.helpful}
        </Button>
        <Button
          color={article.myVote === false ? 'warning' : 'default'}
          fill={article.myVote === false ? 'solid' : 'outline'}
          disabled={vote.isPending}
          onClick={() => cast(false)}
          data-testid="km-not-helpful"
        >
          {t('knowledge.feedback.no')} · {article.stats.notHelpful}
        </Button>
      </div>
    </section>
  );
}

/** An article on the phone: title, type and category, counters, then its text (images fit the screen). */
export function ArticleMobileView({ article }: { article: KnowledgeArticleDetail }) {
  const { t } = useTranslation();
  const sections = useArticleSections(article.content);
  return (
    <div data-testid="km-article" data-article-id={article.id}>
      <section className="km-hero">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          <KnowledgeTypeTagMobile type={article.type} />
          {article.category && (
            <Tag color="default" fill="outline">
              {article.category.name}
            </Tag>
          )}
          {article.audience === 'it_staff' && <Tag color="warning">{t('knowledge.itOnlyHint')}</Tag>}
        </div>
        <h1 className="km-hero__title" data-testid="km-article-title">
          {article.title}
        </h1>
        <div className="km-hero__meta">
          {article.number} · {t('knowledgeDesk.article.updatedAt', { time: formatDateTime(article.publishedAt ?? article.updatedAt) })}
        </div>
        <StatsMobile stats={article.stats} />
      </section>
      {sections.map((section) => (
        <section key={section.key} className="km-section km-body">
          {section.label && <h2 className="km-section__title">{section.label}</h2>}
          <ArticleHtml html={section.html} />
        </section>
      ))}
    </div>
  );
}
