import { EditOutlined, RightOutlined } from '@ant-design/icons';
import type { CatalogItemCard } from '@shuyun/shared';
import { Button, Card, Col, Empty, Input, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useDebounced } from '../../components/use-debounced';
import { useCatalog, useCatalogSearch } from './api';
import { CategoryIcon } from './category-icon';
import { plainText } from './rich-text';
import './catalog-page.css';

function ItemCard({ item, path }: { item: CatalogItemCard; path?: string[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card
      variant="borderless"
      hoverable
      className="catalog-card"
      onClick={() => navigate(`/catalog/items/${item.id}`)}
      data-testid="catalog-item"
    >
      <div className="catalog-card__name">{item.name}</div>
      {path && <div className="catalog-card__path">{path.join(' / ')}</div>}
      <div className="catalog-card__desc">{plainText(item.description)}</div>
      <Space size={[4, 4]} wrap>
        {item.approvalRequired && <Tag color="purple">{t('ticketsUi.catalog.needsApproval')}</Tag>}
        {item.price > 0 && <Tag color="gold">{t('ticketsUi.catalog.price', { price: item.price.toLocaleString() })}</Tag>}
      </Space>
    </Card>
  );
}

function ItemGrid({ items, withPath }: { items: (CatalogItemCard & { categoryPath?: string[] })[]; withPath?: boolean }) {
  return (
    <Row gutter={[16, 16]}>
      {items.map((item) => (
        <Col key={item.id} xs={24} sm={12} lg={8} xxl={6}>
          <ItemCard item={item} path={withPath ? item.categoryPath : undefined} />
        </Col>
      ))}
    </Row>
  );
}

/** The requester's catalogue: categories with their services as cards, search, and a free-form request. */
export function CatalogPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebounced(search.trim(), 300);
  const catalog = useCatalog();
  const results = useCatalogSearch(q);

  const onSearch = (value: string) => {
    setSearch(value);
    setParams(value.trim() ? { q: value.trim() } : {}, { replace: true });
  };

  const free = (
    <Card variant="borderless" className="catalog-free-card" style={{ marginTop: 8 }}>
      <div className="catalog-free">
        <div>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('ticketsUi.catalog.freeTitle')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('ticketsUi.catalog.freeHint')}</Typography.Text>
        </div>
        <Button type="primary" ghost icon={<EditOutlined />} onClick={() => navigate('/catalog/new')} data-testid="free-ticket">
          {t('ticketsUi.catalog.freeButton')} <RightOutlined />
        </Button>
      </div>
    </Card>
  );

  if (catalog.isError) return <LoadFailedResult message={catalog.error.message} onRetry={() => catalog.refetch()} />;

  return (
    <>
      <PageHeader title={t('ticketsUi.catalog.title')} subtitle={t('ticketsUi.catalog.subtitle')} />
      <Input.Search
        className="catalog-page__search"
        size="large"
        allowClear
        placeholder={t('ticketsUi.catalog.search')}
        value={search}
        onChange={(event) => onSearch(event.target.value)}
        onSearch={onSearch}
        loading={results.isFetching}
        data-testid="catalog-search"
      />
      {q ? (
        <section className="catalog-page__section">
          <Typography.Title level={5} className="catalog-page__section-title">
            {t('ticketsUi.catalog.searchResults', { q })}
          </Typography.Title>
          {results.isPending ? (
            <Skeleton active />
          ) : results.isError ? (
            <Typography.Text type="danger">{results.error.message}</Typography.Text>
          ) : results.data.length === 0 ? (
            <Card variant="borderless">
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticketsUi.catalog.searchEmpty')} />
            </Card>
          ) : (
            <ItemGrid items={results.data} withPath />
          )}
          {free}
        </section>
      ) : catalog.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          {catalog.data.map((category) => (
            <section key={category.id} className="catalog-page__section" data-testid="catalog-category">
              <div className="catalog-page__section-title">
                <span className="catalog-page__section-icon">
                  <CategoryIcon icon={category.icon} />
                </span>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {category.name}
                </Typography.Title>
                <Typography.Text type="secondary">
                  {t('ticketsUi.catalog.itemCount', {
                    count: category.items.length + category.children.reduce((n, c) => n + c.items.length, 0),
                  })}
                </Typography.Text>
              </div>
              {category.items.length > 0 && <ItemGrid items={category.items} />}
              {category.children.map((child) => (
                <div key={child.id} style={{ marginTop: 12 }}>
                  <div className="catalog-page__sub">{child.name}</div>
                  <ItemGrid items={child.items} />
                </div>
              ))}
            </section>
          ))}
          {free}
        </>
      )}
    </>
  );
}
