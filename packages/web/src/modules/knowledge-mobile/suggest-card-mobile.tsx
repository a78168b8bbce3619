import type { KnowledgeArticleDetail } from '@shuyun/shared';
import { Button, ErrorBlock, NavBar, Popup, Skeleton, Toast } from 'antd-mobile';
import { InformationCircleOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { Highlighted } from '../knowledge/highlight';
import { useDeflection, useKnowledgeArticle, useKnowledgeSuggest } from '../knowledge-desk/api';
import { ArticleMobileView, KnowledgeTypeTagMobile } from './article-mobile-view';

interface Props {
  /** What the requester has typed so far (title and description). */
  query: string;
  onSolved: (article: { id: number; title: string }) => void;
}

/**
 * Phone: articles matching what the requester is typing, as a card under the title field. One opens
 * over the form (which stays as it is); "this solved my problem" counts a deflection and ends the
 * submission, "not solved" goes back to the form.
 */
export function SuggestCardMobile({ query, onSolved }: Props) {
  const { t } = useTranslation();
  const suggest = useKnowledgeSuggest(query, 3);
  const [open, setOpen] = useState<number | null>(null);
  const items = suggest.data ?? [];

  return (
    <>
      {suggest.isEnabled && items.length > 0 && (
        <div className="km-suggest" data-testid="km-suggest">
          <h3 className="km-suggest__title">
            <InformationCircleOutline color="#faad14" />
            {t('knowledge.suggest.title')}
          </h3>
          {items.map((item) => (
            <button
              type="button"
              key={item.id}
              className="km-suggest__item"
              onClick={() => setOpen(item.id)}
              data-testid="km-suggestion"
              data-article-id={item.id}
            >
              <Highlighted markup={item.titleHighlight} className="km-suggest__item-title" />
              <Highlighted markup={item.snippet} className="km-suggest__item-snippet" />
              <span style={{ display: 'inline-block', marginTop: 4 }}>
                <KnowledgeTypeTagMobile type={item.type} />
              </span>
            </button>
          ))}
        </div>
      )}
      <Popup visible={open !== null} onClose={() => setOpen(null)} position="right" destroyOnClose bodyStyle={{ width: '100vw' }}>
        {open !== null && <SolveArticleMobile articleId={open} query={query} onBack={() => setOpen(null)} onSolved={onSolved} />}
      </Popup>
    </>
  );
}

/** Phone: an article opened from the ticket form, with "this solved my problem" / "not solved". */
export function SolveArticleMobile({
  articleId,
  query,
  onBack,
  onSolved,
}: {
  articleId: number;
  query: string;
  onBack: () => void;
  onSolved: (article: { id: number; title: string }) => void;
}) {
  const { t } = useTranslation();
  const article = useKnowledgeArticle(articleId);
  const deflect = useDeflection();
  const solve = (detail: KnowledgeArticleDetail) =>
    deflect.mutate(
      { id: detail.id, query, channel: 'mobile' },
      {
        onSuccess: () => onSolved({ id: detail.id, title: detail.title }),
        onError: (error) => Toast.show({ icon: 'fail', content: error.message }),
      },
    );

  return (
    <div className="km-popup" data-testid="km-solve-article">
      <NavBar onBack={onBack} style={{ background: '#fff', position: 'sticky', top: 0, zIndex: 5 }}>
        {t('knowledgeDesk.mobile.detail')}
      </NavBar>
      {article.isPending ? (
        <Skeleton.Paragraph lineCount={10} animated style={{ padding: 16 }} />
      ) : article.isError ? (
        <ErrorBlock
          status={isApiError(article.error) && article.error.status === 404 ? 'empty' : 'disconnected'}
          title={isApiError(article.error) && article.error.status === 404 ? t('shell.notFoundTitle') : t('shell.loadFailed')}
          description={article.error.message}
        />
      ) : (
        <div className="km-article km-article--with-bar">
          <ArticleMobileView article={article.data} />
          <div className="km-bar" data-testid="km-solve-bar">
            <div className="km-bar__prompt">{t('knowledgeDesk.solve.prompt')}</div>
            <div className="km-bar__buttons">
              <Button block color="primary" loading={deflect.isPending} onClick={() => solve(article.data)} data-testid="km-solved">
                {t('knowledge.feedback.solved')}
              </Button>
              <Button block fill="outline" onClick={onBack} data-testid="km-not-solved">
                {t('knowledgeDesk.solve.notSolved')}
              </Button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
