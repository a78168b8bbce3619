import { AuditOutlined, ClockCircleOutlined, EditOutlined, FileDoneOutlined, FireOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Input, Row, Skeleton, Statistic, Tree, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { LoadFailedResult } from '../../components/results';
import { type KnowledgeCard, type KnowledgeCategory, useKnowledgeHome, useKnowledgeTags } from './api';
import { type CategoryNode, categoryTree } from './category-tree';
import { KnowledgeNav } from './knowledge-nav';
import { AudienceBadge, TypeTag } from './knowledge-tags';
import './knowledge.css';

/** Knowledge home: search, categories with counts, popular and recent articles, the caller's knowledge to-dos. */
export function KnowledgeHomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const home = useKnowledgeHome();
  const tags = useKnowledgeTags();
  const search = (q: string) => navigate(`/knowledge/search?q=${encodeURIComponent(q.trim())}`);

  return (
    <div className="knowledge-page" data-testid="knowledge-home">
      <KnowledgeNav />
      <div className="knowledge-hero">
        <div className="knowledge-hero__title">{t('knowledge.title')}</div>
        <div className="knowledge-hero__sub">
          {home.data ? t('knowledge.homeSubtitle', { count: home.data.counts.published }) : '\u00a0'}
        </div>
        <Input.Search
          size="large"
          enterButton={t('common.search')}
          placeholder={t('knowledge.searchPlaceholder')}
          onSearch={search}
          data-testid="knowledge-search-input"
          allowClear
        />
        <div className="knowledge-hero__hot">
          {tags.data?.length ? <span>{t('knowledge.popularTags')}</span> : null}
          {tags.data?.slice(0, 10).map(({ tag }) => (
            <Link key={tag} to={`/knowledge/search?tag=${encodeURIComponent(tag)}`}>
              {tag}
            </Link>
          ))}
        </div>
      </div>
      {home.isPending ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : home.isError ? (
        <LoadFailedResult message={home.error.message} onRetry={() => home.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={7} xl={6}>
            <Card variant="borderless" title={t('knowledge.categories')} className="knowledge-categories">
              <CategoryTree categories={home.data.categories} onPick={(id) => navigate(`/knowledge/search?categoryId=${id}`)} />
            </Card>
          </Col>
          <Col xs={24} lg={17} xl={18} className="knowledge-stack">
            <KnowledgeTodos counts={home.data.counts} />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <Card
                  variant="borderless"
                  title={<CardTitle icon={<FireOutlined style={{ color: '#fa541c' }} />} text={t('knowledge.popular')} />}
                >
                  <ArticleList items={home.data.popular} ranked meta={(a) => t('knowledge.viewsCount', { count: a.stats.views })} />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card
                  variant="borderless"
                  title={<CardTitle icon={<ClockCircleOutlined style={{ color: '#1677ff' }} />} text={t('knowledge.recent')} />}
                  extra={<Link to="/knowledge/search?sort=recent">{t('common.more')}</Link>}
                >
                  <ArticleList items={home.data.recent} meta={(a) => (a.publishedAt ? dayjs(a.publishedAt).format('YYYY-MM-DD') : '')} />
                </Card>
              </Col>
            </Row>
          </Col>
        </Row>
      )}
    </div>
  );
}

function CardTitle({ icon, text }: { icon: ReactNode; text: string }) {
  return (
    <span>
      {icon} {text}
    </span>
  );
}

/** The caller's to-dos: each count opens its list; cards for lists they cannot have are left out. */
function KnowledgeTodos({ counts }: { counts: { reviewQueue: number; myWorking: number; needsReview: number } }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const writer = can('knowledge.write');
  const cards = [
    ...(can('knowledge.review') || can('knowledge.manage') || counts.reviewQueue > 0
      ? [
          {
            key: 'review',
            path: '/knowledge/review',
            icon: <AuditOutlined />,
            label: t('knowledge.reviewQueue'),
            value: counts.reviewQueue,
          },
        ]
      : []),
    ...(writer
      ? [
          { key: 'mine', path: '/knowledge/mine', icon: <EditOutlined />, label: t('knowledge.todo.myWorking'), value: counts.myWorking },
          {
            key: 'needs-review',
            path: '/knowledge/needs-review',
            icon: <FileDoneOutlined />,
            label: t('knowledge.todo.needsReview'),
            value: counts.needsReview,
          },
        ]
      : []),
  ];
  if (!cards.length) return null;
  return (
    <Row gutter={[16, 16]}>
      {cards.map((card) => (
        <Col key={card.key} xs={24} sm={24 / cards.length}>
          <Card
            variant="borderless"
            hoverable
            className="knowledge-todo"
            onClick={() => navigate(card.path)}
            data-testid={`knowledge-todo-${card.key}`}
          >
            <Statistic
              title={
                <span>
                  {card.icon} {card.label}
                </span>
              }
              value={card.value}
              styles={card.value > 0 && card.key !== 'mine' ? { content: { color: '#fa541c' } } : undefined}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

interface TreeDatum {
  key: number;
  title: ReactNode;
  children: TreeDatum[];
}

/** The category tree with each branch's article count; picking one searches in it. */
export function CategoryTree({ categories, onPick }: { categories: KnowledgeCategory[]; onPick: (id: number) => void }) {
  const { t } = useTranslation();
  const toData = (nodes: CategoryNode[]): TreeDatum[] =>
    nodes
      .filter((n) => n.active)
      .map((n) => ({
        key: n.id,
        title: (
          <span className="knowledge-tree__node" data-testid="knowledge-category">
            <span>{n.name}</span>
            <span className="knowledge-tree__count">{n.count}</span>
          </span>
        ),
        children: toData(n.children),
      }));
  const data = toData(categoryTree(categories));
  if (!data.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />;
  return (
    <Tree
      className="knowledge-tree"
      blockNode
      defaultExpandAll
      treeData={data}
      selectable
      onSelect={(keys) => {
        if (keys.length) onPick(Number(keys[0]));
      }}
    />
  );
}

function ArticleList({ items, ranked, meta }: { items: KnowledgeCard[]; ranked?: boolean; meta: (a: KnowledgeCard) => string }) {
  const { t } = useTranslation();
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />;
  return (
    <ul className="knowledge-list">
      {items.map((article, index) => (
        <li key={article.id} className="knowledge-list__item">
          {ranked && <span className={`knowledge-list__rank${index < 3 ? ' knowledge-list__rank--top' : ''}`}>{index + 1}</span>}
          <TypeTag type={article.type} />
          <Link to={`/knowledge/articles/${article.id}`} className="knowledge-list__title" title={article.title}>
            {article.title}
          </Link>
          <AudienceBadge audience={article.audience} />
          <Typography.Text className="knowledge-list__meta">{meta(article)}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}
