import { ErrorBlock, NavBar, Skeleton } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api-client';
import { useKnowledgeArticle } from '../knowledge-desk/api';
import { ArticleMobileView, HelpfulVoteMobile } from './article-mobile-view';

/** Phone: one article to read, with the helpful vote. */
export function ArticleMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const article = useKnowledgeArticle(Number.isInteger(id) && id > 0 ? id : null);
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/m/knowledge'));
  const missing = !(Number.isInteger(id) && id > 0) || (isApiError(article.error) && article.error.status === 404);

  return (
    <div className="km-page">
      <NavBar onBack={back} style={{ background: '#fff' }}>
        {t('knowledgeDesk.mobile.detail')}
      </NavBar>
      {missing ? (
        <ErrorBlock status="empty" title={t('shell.notFoundTitle')} description={t('shell.notFoundHint')} />
      ) : article.isPending ? (
        <Skeleton.Paragraph lineCount={10} animated style={{ padding: 16 }} />
      ) : article.isError ? (
        <ErrorBlock status="disconnected" title={t('shell.loadFailed')} description={article.error.message} />
      ) : (
        <div className="km-article">
          <ArticleMobileView article={article.data} />
          <HelpfulVoteMobile article={article.data} />
        </div>
      )}
    </div>
  );
}
