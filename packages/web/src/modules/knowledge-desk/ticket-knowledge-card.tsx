import { BookOutlined, CheckOutlined } from '@ant-design/icons';
import { Button, Card, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { useApiFeedback } from '../../components/use-api-feedback';
import { Highlighted } from '../knowledge/highlight';
import { TypeTag } from '../knowledge/knowledge-tags';
import { useApplyArticle, useCaptureKnowledge, useKnowledgeRelated } from './api';
import { KnowledgeArticleDrawer } from './article-drawer';
import './knowledge-desk.css';

function Group({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <div className="kb-ticket__group" data-testid={testId}>
      <h4 className="kb-ticket__heading">{title}</h4>
      {children}
    </div>
  );
}

/**
 * The ticket's 知识 card: articles suggested for its problem (handlers record which one they applied),
 * similar resolved tickets, and articles linked to it; knowledge writers turn the ticket into a draft.
 * Nothing shows when the server does not answer (no permission, ticket out of sight).
 */
export function TicketKnowledgeCard({ ticketId }: { ticketId: number }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { showError, showSuccess } = useApiFeedback();
  const related = useKnowledgeRelated('ticket', ticketId, can('knowledge.read'));
  const capture = useCaptureKnowledge();
  const apply = useApplyArticle();
  const [reading, setReading] = useState<number | null>(null);
  const handler = can('ticket.handle');
  const writer = can('knowledge.write');

  if (!can('knowledge.read') || related.isError) return null;
  if (related.isPending) {
    return (
      <Card variant="borderless" title={t('knowledgeDesk.ticket.title')}>
        <Skeleton active title={false} paragraph={{ rows: 3 }} />
      </Card>
    );
  }
  const { articles, similar, linked } = related.data;
  const applied = new Set(linked.filter((l) => l.relation === 'applied').map((l) => l.id));
  // Requesters see the card only when there is something for them in it.
  if (!handler && !writer && articles.length === 0 && linked.length === 0) return null;

  const onCapture = () =>
    capture.mutate(
      { recordType: 'ticket', recordId: ticketId },
      {
        onSuccess: (draft) => {
          showSuccess(t('knowledge.capture.done', { number: draft.articleNumber }));
          navigate(`/knowledge/articles/${draft.articleId}/edit`);
        },
        onError: (error) => showError(error),
      },
    );

  const onApply = (id: number) =>
    apply.mutate(
      { id, recordType: 'ticket', recordId: ticketId },
      {
        onSuccess: (result) => showSuccess(t(result.counted ? 'knowledge.apply.done' : 'knowledge.apply.already')),
        onError: (error) => showError(error),
      },
    );

  const applyButton = (id: number) =>
    applied.has(id) ? (
      <Tag color="success" icon={<CheckOutlined />} style={{ marginInlineEnd: 0 }}>
        {t('knowledge.related.applied')}
      </Tag>
    ) : (
      <Popconfirm
        title={t('knowledgeDesk.ticket.applyConfirm')}
        okText={t('knowledge.apply.button')}
        cancelText={t('common.cancel')}
        onConfirm={() => onApply(id)}
      >
        <Button size="small" loading={apply.isPending && apply.variables?.id === id} data-testid="kb-apply">
          {t('knowledge.apply.button')}
        </Button>
      </Popconfirm>
    );

  return (
    <Card
      variant="borderless"
      title={
        <span>
          <BookOutlined style={{ marginInlineEnd: 8 }} />
          {t('knowledgeDesk.ticket.title')}
        </span>
      }
      extra={
        writer && (
          <Popconfirm
            title={t('knowledgeDesk.ticket.captureConfirm')}
            okText={t('knowledge.capture.button')}
            cancelText={t('common.cancel')}
            onConfirm={onCapture}
          >
            <Button type="link" size="small" loading={capture.isPending} data-testid="kb-capture">
              {t('knowledge.capture.button')}
            </Button>
          </Popconfirm>
        )
      }
      data-testid="kb-ticket-card"
    >
      {linked.length > 0 && (
        <Group title={t('knowledge.related.linked')} testId="kb-linked">
          {linked.map((article) => (
            <div key={`${article.relation}-${article.id}`} className="kb-ticket__row">
              <div className="kb-ticket__main">
                <Link to={`/knowledge/articles/${article.id}`}>{article.title}</Link>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {article.number}
                  </Typography.Text>
                  {article.audience === 'it_staff' && (
                    <Tag color="gold" bordered={false} style={{ marginInlineStart: 8 }}>
                      {t('knowledge.itOnlyHint')}
                    </Tag>
                  )}
                </div>
              </div>
              <Tag color={article.relation === 'source' ? 'blue' : 'success'} style={{ marginInlineEnd: 0 }}>
                {t(article.relation === 'source' ? 'knowledge.related.source' : 'knowledge.related.applied')}
              </Tag>
            </div>
          ))}
        </Group>
      )}
      <Group title={t('knowledge.related.suggested')} testId="kb-related-articles">
        {articles.length === 0 ? (
          <Typography.Text type="secondary">{t('knowledgeDesk.ticket.noSuggested')}</Typography.Text>
        ) : (
          articles.map((article) => (
            <div key={article.id} className="kb-ticket__row" data-testid="kb-related-article" data-article-id={article.id}>
              <div className="kb-ticket__main">
                <Typography.Link onClick={() => setReading(article.id)}>
                  <Highlighted markup={article.titleHighlight} />
                </Typography.Link>
                <div style={{ marginTop: 2 }}>
                  <TypeTag type={article.type} />
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                    {t('knowledge.stats.applications')} {article.stats.applications}
                  </Typography.Text>
                </div>
              </div>
              {handler && applyButton(article.id)}
            </div>
          ))
        )}
      </Group>
      {(handler || similar.length > 0) && (
        <Group title={t('knowledge.related.similar')} testId="kb-similar">
          {similar.length === 0 ? (
            <Typography.Text type="secondary">{t('knowledgeDesk.ticket.noSimilar')}</Typography.Text>
          ) : (
            similar.map((record) => (
              <div key={`${record.type}-${record.id}`} className="kb-ticket__row">
                <div className="kb-ticket__main">
                  <Link to={`/tickets/${record.id}`}>
                    <Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>
                      {record.number}
                    </Typography.Text>
                    {record.title}
                  </Link>
                  {record.solution && <div className="kb-ticket__solution">{record.solution}</div>}
                </div>
              </div>
            ))
          )}
        </Group>
      )}
      <KnowledgeArticleDrawer
        articleId={reading}
        onClose={() => setReading(null)}
        footer={(article) =>
          handler ? <div style={{ display: 'flex', justifyContent: 'flex-end' }}>{applyButton(article.id)}</div> : null
        }
      />
    </Card>
  );
}
