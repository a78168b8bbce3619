import { BulbOutlined } from '@ant-design/icons';
import { Card, Empty, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../app/api-client';
import { Highlighted } from '../knowledge/highlight';
import { TypeTag } from '../knowledge/knowledge-tags';
import { type KnowledgeSuggestion, useKnowledgeSuggest } from './api';

/**
 * PC: the articles that best match what the requester is typing, beside the ticket form. Opening one
 * calls `onOpen`; the form is left as it is.
 */
export function SuggestPanel({ query, onOpen }: { query: string; onOpen: (item: KnowledgeSuggestion) => void }) {
  const { t } = useTranslation();
  const suggest = useKnowledgeSuggest(query);
  const items = suggest.data ?? [];

  let body: React.ReactNode;
  if (!suggest.isEnabled) {
    body = <Typography.Text type="secondary">{t('knowledgeDesk.suggest.hint')}</Typography.Text>;
  } else if (suggest.isPending) {
    body = <Skeleton active title={false} paragraph={{ rows: 4 }} />;
  } else if (suggest.isError) {
    // Suggestions are a help, not a step: a failure leaves the form usable and says nothing loud.
    body = <Typography.Text type="secondary">{t('knowledgeDesk.suggest.none')}</Typography.Text>;
  } else if (items.length === 0) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('knowledgeDesk.suggest.none')} style={{ margin: '8px 0' }} />;
  } else {
    body = (
      <div data-testid="kb-suggestions" style={{ opacity: suggest.isPlaceholderData ? 0.6 : 1 }}>
        {items.map((item) => (
          <button
            type="button"
            key={item.id}
            className="kb-suggest__item"
            onClick={() => onOpen(item)}
            data-testid="kb-suggestion"
            data-article-id={item.id}
          >
            <Highlighted markup={item.titleHighlight} className="kb-suggest__title" />
            <Highlighted markup={item.snippet} className="kb-suggest__snippet" />
            <span className="kb-suggest__meta">
              <TypeTag type={item.type} />
              {item.stats.helpful > 0 && <span>{t('knowledgeDesk.suggest.helpfulCount', { count: item.stats.helpful })}</span>}
              {item.stats.deflections > 0 && <span>{t('knowledgeDesk.suggest.solvedCount', { count: item.stats.deflections })}</span>}
            </span>
          </button>
        ))}
      </div>
    );
  }

  return (
    <Card
      variant="borderless"
      title={
        <span>
          <BulbOutlined style={{ color: '#faad14', marginInlineEnd: 8 }} />
          {t('knowledge.suggest.title')}
        </span>
      }
      extra={
        items.length > 0 && (
          <a href={buildUrl('/knowledge/search', { q: query })} target="_blank" rel="noopener noreferrer">
            {t('knowledge.suggest.more')}
          </a>
        )
      }
      data-testid="kb-suggest-panel"
    >
      {body}
    </Card>
  );
}
