import { EyeOutlined, LikeOutlined } from '@ant-design/icons';
import { KNOWLEDGE_SORTS, KNOWLEDGE_TYPES, type KnowledgeType } from '@shuyun/shared';
import { Alert, Card, Empty, Input, Pagination, Segmented, Select, Skeleton, Space, Tag, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadFailedResult } from '../../components/results';
import { useSystems } from '../org/api';
import { type KnowledgeSearchHit, type SearchParams, useKnowledgeCategories, useKnowledgeSearch, useKnowledgeTags } from './api';
import { categoryOptions } from './category-tree';
import { Highlighted } from './highlight';
import { KnowledgeNav } from './knowledge-nav';
import { AudienceBadge, TypeTag } from './knowledge-tags';
import './knowledge.css';

type Sort = (typeof KNOWLEDGE_SORTS)[number];
const PAGE_SIZE = 20;

function positive(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The search's state lives in the address, so a search can be bookmarked, shared and gone back to. */
function useSearchState() {
  const [params, setParams] = useSearchParams();
  const type = params.get('type');
  const sort = params.get('sort');
  const state: SearchParams = {
    q: params.get('q')?.trim() || undefined,
    categoryId: positive(params.get('categoryId')),
    type: KNOWLEDGE_TYPES.includes(type as KnowledgeType) ? (type as KnowledgeType) : undefined,
    systemId: positive(params.get('systemId')),
    tag: params.get('tag')?.trim() || undefined,
    sort: KNOWLEDGE_SORTS.includes(sort as Sort) ? (sort as Sort) : 'relevance',
    page: positive(params.get('page')) ?? 1,
    pageSize: PAGE_SIZE,
  };
  const update = (change: Partial<SearchParams>) => {
    const next = { ...state, page: 1, ...change };
    const out = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined || value === null || value === '' || key === 'pageSize') continue;
      if ((key === 'sort' && value === 'relevance') || (key === 'page' && value === 1)) continue;
      out.set(key, String(value));
    }
    setParams(out);
  };
  return { state, update };
}

/** Search: highlighted results, filters by category, type, IT system and tag, sort, paging. */
export function KnowledgeSearchPage() {
  const { t } = useTranslation();
  const { state, update } = useSearchState();
  const [typed, setTyped] = useState(state.q ?? '');
  useEffect(() => setTyped(state.q ?? ''), [state.q]);
  const results = useKnowledgeSearch(state);
  const categories = useKnowledgeCategories();
  const systems = useSystems();
  const tags = useKnowledgeTags();

  const sortOptions = KNOWLEDGE_SORTS.map((s) => ({ value: s, label: t(`knowledge.sort.${s}`) }));
  const hasFilter = Boolean(state.categoryId || state.type || state.systemId || state.tag);

  return (
    <div className="knowledge-page" data-testid="knowledge-search">
      <KnowledgeNav />
      <Card variant="borderless">
        <Input.Search
          size="large"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          enterButton={t('common.search')}
          placeholder={t('knowledge.searchPlaceholder')}
          onSearch={(q) => update({ q: q.trim() || undefined })}
          allowClear
          data-testid="knowledge-search-input"
          style={{ marginBottom: 16 }}
        />
        <div className="knowledge-filters">
          <TreeSelect
            allowClear
            style={{ width: 200 }}
            placeholder={t('knowledge.allCategories')}
            value={state.categoryId}
            treeData={categoryOptions(categories.data ?? [], { keep: state.categoryId })}
            treeDefaultExpandAll
            onChange={(value?: number) => update({ categoryId: value })}
            data-testid="filter-category"
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('knowledge.allTypes')}
            value={state.type}
            options={KNOWLEDGE_TYPES.map((type) => ({ value: type, label: t(`knowledge.types.${type}`) }))}
            onChange={(value?: KnowledgeType) => update({ type: value })}
            data-testid="filter-type"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 180 }}
            placeholder={t('knowledge.allSystems')}
            value={state.systemId}
            options={(systems.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            onChange={(value?: number) => update({ systemId: value })}
            data-testid="filter-system"
          />
          <Select
            allowClear
            showSearch
            style={{ width: 160 }}
            placeholder={t('knowledge.allTags')}
            value={state.tag}
            options={(tags.data ?? []).map((tag) => ({ value: tag.tag, label: `${tag.tag} (${tag.count})` }))}
            onChange={(value?: string) => update({ tag: value })}
            data-testid="filter-tag"
          />
          {hasFilter && (
            <Typography.Link onClick={() => update({ categoryId: undefined, type: undefined, systemId: undefined, tag: undefined })}>
              {t('knowledge.clearFilters')}
            </Typography.Link>
          )}
          <div style={{ flex: 1 }} />
          <Segmented<Sort>
            value={state.sort as Sort}
            options={sortOptions}
            onChange={(sort) => update({ sort })}
            data-testid="search-sort"
          />
        </div>
        {results.isPending ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : results.isError ? (
          <LoadFailedResult message={results.error.message} onRetry={() => results.refetch()} />
        ) : (
          <>
            <Typography.Text type="secondary" data-testid="search-count">
              {t('knowledge.results', { count: results.data.total })}
            </Typography.Text>
            {results.data.mode === 'any' && results.data.total > 0 && (
              <Alert type="info" showIcon style={{ margin: '12px 0 0' }} title={t('knowledge.partialMatch')} data-testid="partial-match" />
            )}
            {results.data.items.length === 0 ? (
              <Empty
                style={{ margin: '40px 0' }}
                description={
                  <Space orientation="vertical" size={4}>
                    <span>{t('knowledge.noResults')}</span>
                    <Typography.Text type="secondary">{t('knowledge.noResultsHint')}</Typography.Text>
                  </Space>
                }
              />
            ) : (
              <div
                className="knowledge-results"
                data-testid="search-results"
                style={{ marginTop: 8, opacity: results.isPlaceholderData ? 0.6 : 1 }}
              >
                {results.data.items.map((hit) => (
                  <SearchHit key={hit.id} hit={hit} onTag={(tag) => update({ tag })} />
                ))}
              </div>
            )}
            {results.data.total > PAGE_SIZE && (
              <Pagination
                style={{ marginTop: 16, justifyContent: 'flex-end' }}
                current={results.data.page}
                pageSize={PAGE_SIZE}
                total={results.data.total}
                showSizeChanger={false}
                onChange={(page) => {
                  update({ page });
                  window.scrollTo({ top: 0 });
                }}
              />
            )}
          </>
        )}
      </Card>
    </div>
  );
}

function SearchHit({ hit, onTag }: { hit: KnowledgeSearchHit; onTag: (tag: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="knowledge-results__item" data-testid="search-hit" data-article-id={hit.id}>
      <Space size={8} align="center">
        <TypeTag type={hit.type} />
        <Link to={`/knowledge/articles/${hit.id}`} className="knowledge-results__title">
          <Highlighted markup={hit.titleHighlight} />
        </Link>
        <AudienceBadge audience={hit.audience} />
      </Space>
      <Highlighted markup={hit.snippet} className="knowledge-results__snippet" />
      <div className="knowledge-meta">
        <span className="knowledge-number">{hit.number}</span>
        {hit.category && <span>{hit.category.name}</span>}
        {hit.systems.map((s) => (
          <span key={s.id}>{s.name}</span>
        ))}
        {hit.tags.map((tag) => (
          <Tag key={tag} variant="filled" style={{ cursor: 'pointer' }} onClick={() => onTag(tag)}>
            {tag}
          </Tag>
        ))}
        <span>
          <EyeOutlined /> {hit.stats.views}
        </span>
        <span>
          <LikeOutlined /> {hit.stats.helpful}
        </span>
        {hit.publishedAt && <span>{t('knowledge.publishedAt', { time: dayjs(hit.publishedAt).format('YYYY-MM-DD') })}</span>}
      </div>
    </div>
  );
}
