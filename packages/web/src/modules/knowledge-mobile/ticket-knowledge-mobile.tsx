import { Button, Dialog, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { Highlighted } from '../knowledge/highlight';
import { useApplyArticle, useKnowledgeRelated } from '../knowledge-desk/api';
import { KnowledgeTypeTagMobile } from './article-mobile-view';
import './knowledge-mobile.css';

/**
 * Phone, for whoever handles the ticket: suggested articles (with "applied this article"), similar
 * resolved tickets and linked articles. Nothing shows when the server does not answer.
 */
export function TicketKnowledgeMobile({ ticketId }: { ticketId: number }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const handler = can('ticket.handle');
  const related = useKnowledgeRelated('ticket', ticketId, handler && can('knowledge.read'));
  const apply = useApplyArticle();
  if (!handler || !related.data) return null;
  const { articles, similar, linked } = related.data;
  if (articles.length === 0 && similar.length === 0 && linked.length === 0) return null;
  const applied = new Set(linked.filter((l) => l.relation === 'applied').map((l) => l.id));

  const onApply = async (id: number) => {
    const ok = await Dialog.confirm({
      content: t('knowledgeDesk.ticket.applyConfirm'),
      confirmText: t('knowledge.apply.button'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    apply.mutate(
      { id, recordType: 'ticket', recordId: ticketId },
      {
        onSuccess: (result) =>
          Toast.show({ icon: 'success', content: t(result.counted ? 'knowledge.apply.done' : 'knowledge.apply.already') }),
        onError: (error) => Toast.show({ icon: 'fail', content: error.message }),
      },
    );
  };

  return (
    <section className="mt-section" data-testid="km-ticket-knowledge">
      <h2 className="mt-section__title">{t('knowledgeDesk.ticket.title')}</h2>
      {linked.length > 0 && (
        <>
          <div className="km-row__sub">{t('knowledge.related.linked')}</div>
          {linked.map((article) => (
            <button
              type="button"
              key={`${article.relation}-${article.id}`}
              className="km-row"
              onClick={() => navigate(`/m/knowledge/articles/${article.id}`)}
            >
              <div className="km-row__title">
                {article.title}{' '}
                <Tag color={article.relation === 'source' ? 'primary' : 'success'} fill="outline">
                  {t(article.relation === 'source' ? 'knowledge.related.source' : 'knowledge.related.applied')}
                </Tag>
              </div>
            </button>
          ))}
        </>
      )}
      {articles.length > 0 && (
        <>
          <div className="km-row__sub" style={{ marginTop: linked.length ? 10 : 0 }}>
            {t('knowledge.related.suggested')}
          </div>
          {articles.map((article) => (
            <div key={article.id} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <button type="button" className="km-row" onClick={() => navigate(`/m/knowledge/articles/${article.id}`)}>
                <Highlighted markup={article.titleHighlight} className="km-row__title" />
                <div style={{ marginTop: 4 }}>
                  <KnowledgeTypeTagMobile type={article.type} />
                </div>
              </button>
              {applied.has(article.id) ? (
                <Tag color="success" style={{ flex: 'none' }}>
                  {t('knowledge.related.applied')}
                </Tag>
              ) : (
                <Button
                  size="mini"
                  color="primary"
                  fill="outline"
                  style={{ flex: 'none' }}
                  onClick={() => void onApply(article.id)}
                  data-testid="km-apply"
                >
                  {t('knowledge.apply.button')}
                </Button>
              )}
            </div>
          ))}
        </>
      )}
      {similar.length > 0 && (
        <>
          <div className="km-row__sub" style={{ marginTop: 10 }}>
            {t('knowledge.related.similar')}
          </div>
          {similar.map((record) => (
            <button
              type="button"
              key={`${record.type}-${record.id}`}
              className="km-row"
              onClick={() => navigate(`/m/tickets/${record.id}`)}
            >
              <div className="km-row__title">
                <span style={{ color: '#8c8c8c', marginRight: 6 }}>{record.number}</span>
                {record.title}
              </div>
              {record.solution && <div className="km-row__sub">{record.solution}</div>}
            </button>
          ))}
        </>
      )}
    </section>
  );
}
