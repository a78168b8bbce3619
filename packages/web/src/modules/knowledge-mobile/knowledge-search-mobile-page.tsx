import { ErrorBlock, InfiniteScroll, NoticeBar, SearchBar, Skeleton, Tag } from 'antd-mobile';
import { EyeOutline, LikeOutline } from 'antd-mobile-icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useDebounced } from '../../components/use-debounced';
import { Highlighted } from '../knowledge/highlight';
import { type KnowledgeCategory, type KnowledgeSearchHit, useKnowledgeHome, useKnowledgeSearchPages } from '../knowledge-desk/api';
import { KnowledgeTypeTagMobile } from './article-mobile-view';
import '../knowledge-desk/knowledge-desk.css';
import './knowledge-mobile.css';

function ResultCard({ hit, onOpen }: { hit: KnowledgeSearchHit; onOpen: () => void }) {
  return (
    <button type="button" className="km-card" onClick={onOpen} data-testid="km-result" data-article-id={hit.id}>
      <Highlighted markup={hit.titleHighlight} className="km-card__title" />
      {hit.snippet && <Highlighted markup={hit.snippet} className="km-card__snippet" />}
      <span className="km-card__meta">
        <KnowledgeTypeTagMobile type={hit.type} />
        {hit.category && <span>{hit.category.name}</span>}
        <span>
          <EyeOutline /> {hit.stats.views}
        </span>
        <span>
          <LikeOutline /> {hit.stats.helpful}
        </span>
      </span>
    </button>
  );
}

/** Top-level categories with the number of articles the reader may see in each. */
function Categories({ categories, onPick }: { categories: KnowledgeCategory[]; onPick: (category: KnowledgeCategory) => void }) {
  const { t } = useTranslation();
  const top = categories.filter((c) => c.parentId === null && c.active && c.count > 0);
  if (top.length === 0) return null;
  return (
    <section className="km-section" data-testid="km-categories">
      <h2 className="km-section__title">{t('knowledge.categories')}</h2>
      <div className="km-cats">
        {top.map((category) => (
          <button type="button" key={category.id} className="km-cat" onClick={() => onPick(category)}>
            <span className="km-cat__name">{category.name}</span>
            <span className="km-cat__count">{category.count}</span>
          </button>
        ))}
      </div>
    </section>
  );
}

/**
 * Phone 知识 tab: a search box; results with the server's highlighted snippets. With nothing typed,
 * the categories and the most popular articles.
 */
export function KnowledgeSearchMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const categoryId = Number(params.get('categoryId')) || undefined;
  const [typed, setTyped] = useState(q);
  const settled = useDebounced(typed.trim(), 400);
  const browsing = !q && !categoryId;
  const home = useKnowledgeHome(browsing);
  const pages = useKnowledgeSearchPages({ q: q || undefined, categoryId }, !browsing);
  const open = (id: number) => navigate(`/m/knowledge/articles/${id}`);

  // The URL follows what is typed (replacing, so back leaves the page rather than each keystroke).
  useEffect(() => {
    if (settled === q) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (settled) next.set('q', settled);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [settled, q, setParams]);

  const setCategory = (id: number | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (id) next.set('categoryId', String(id));
      else next.delete('categoryId');
      return next;
    });

  const categoryName =
    categoryId !== undefined
      ? (home.data?.categories.find((c) => c.id === categoryId)?.name ??
        pages.data?.pages[0]?.items.find((hit) => hit.category?.id === categoryId)?.category?.name)
      : undefined;
  const first = pages.data?.pages[0];
  const hits = pages.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="km-page" data-testid="km-search-page">
      <div className="km-search">
        <h1 className="km-search__title">{t('knowledge.title')}</h1>
        <SearchBar
          value={typed}
          onChange={setTyped}
          onSearch={(value) => setTyped(value)}
          onClear={() => setTyped('')}
          placeholder={t('knowledge.searchPlaceholder')}
          data-testid="km-search"
        />
        {categoryId !== undefined && (
          <div className="km-filter">
            <Tag color="primary" fill="outline" onClick={() => setCategory(null)} data-testid="km-category-filter">
              {t('knowledgeDesk.mobile.inCategory', { name: categoryName ?? '…' })} ✕
            </Tag>
          </div>
        )}
      </div>

      {browsing ? (
        home.isPending ? (
          <Skeleton.Paragraph lineCount={8} animated style={{ padding: 16 }} />
        ) : home.isError ? (
          <ErrorBlock status="disconnected" title={t('shell.loadFailed')} description={home.error.message} />
        ) : (
          <>
            <Categories categories={home.data.categories} onPick={(category) => setCategory(category.id)} />
            {home.data.popular.length > 0 && (
              <>
                <h2 className="km-section__title" style={{ margin: '16px 14px 0' }}>
                  {t('knowledge.popular')}
                </h2>
                <div className="km-list" data-testid="km-popular">
                  {home.data.popular.map((card) => (
                    <button type="button" key={card.id} className="km-card" onClick={() => open(card.id)}>
                      <span className="km-card__title">{card.title}</span>
                      <span className="km-card__meta">
                        <KnowledgeTypeTagMobile type={card.type} />
                        {card.category && <span>{card.category.name}</span>}
                        <span>
                          <EyeOutline /> {card.stats.views}
                        </span>
                        <span>
                          <LikeOutline /> {card.stats.helpful}
                        </span>
                      </span>
                    </button>
                  ))}
                </div>
              </>
            )}
          </>
        )
      ) : pages.isPending ? (
        <Skeleton.Paragraph lineCount={8} animated style={{ padding: 16 }} />
      ) : pages.isError ? (
        <ErrorBlock status="disconnected" title={t('shell.loadFailed')} description={pages.error.message} />
      ) : hits.length === 0 ? (
        <ErrorBlock status="empty" title={t('knowledge.noResults')} description={null} />
      ) : (
        <>
          {first?.mode === 'any' && <NoticeBar content={t('knowledge.partialMatch')} color="info" wrap />}
          <div className="km-count" data-testid="km-count">
            {t('knowledge.results', { count: first?.total ?? 0 })}
          </div>
          <div className="km-list" data-testid="km-results">
            {hits.map((hit) => (
              <ResultCard key={hit.id} hit={hit} onOpen={() => open(hit.id)} />
            ))}
          </div>
          <InfiniteScroll loadMore={async () => void (await pages.fetchNextPage())} hasMore={Boolean(pages.hasNextPage)} />
        </>
      )}
    </div>
  );
}
