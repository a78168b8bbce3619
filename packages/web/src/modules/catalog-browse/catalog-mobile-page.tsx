import type { CatalogItemCard } from '@shuyun/shared';
import { ErrorBlock, List, NavBar, SearchBar, Skeleton, Tag } from 'antd-mobile';
import { EditSOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDebounced } from '../../components/use-debounced';
import { useCatalog, useCatalogSearch } from './api';
import { plainText } from './rich-text';
import '../tickets/tickets-mobile.css';

function ItemRow({ item, path }: { item: CatalogItemCard; path?: string[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <List.Item
      onClick={() => navigate(`/m/tickets/new/${item.id}`)}
      description={
        <span style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {path?.join(' / ') ?? plainText(item.description)}
        </span>
      }
      extra={
        item.approvalRequired ? (
          <Tag color="#722ed1" fill="outline">
            {t('ticketsUi.catalog.needsApproval')}
          </Tag>
        ) : undefined
      }
      arrow
      data-testid="mobile-catalog-item"
    >
      {item.name}
    </List.Item>
  );
}

/** Phone: pick what to ask for — search, categories with their services, or a free-form request. */
export function CatalogMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const catalog = useCatalog();
  const results = useCatalogSearch(q);

  return (
    <div className="mt-page">
      <NavBar onBack={() => navigate('/m/tickets')} style={{ background: '#fff' }}>
        {t('ticketsUi.mobile.pickService')}
      </NavBar>
      <div style={{ padding: '8px 12px', background: '#fff' }}>
        <SearchBar placeholder={t('ticketsUi.catalog.search')} value={search} onChange={setSearch} />
      </div>
      {q ? (
        results.isPending ? (
          <Skeleton.Paragraph lineCount={4} animated style={{ padding: 16 }} />
        ) : (results.data ?? []).length === 0 ? (
          <ErrorBlock status="empty" title={t('ticketsUi.catalog.searchEmpty')} description="" />
        ) : (
          <List mode="card" className="mt-catalog-cat" header={t('ticketsUi.catalog.searchResults', { q })}>
            {(results.data ?? []).map((item) => (
              <ItemRow key={item.id} item={item} path={item.categoryPath} />
            ))}
          </List>
        )
      ) : catalog.isPending ? (
        <Skeleton.Paragraph lineCount={8} animated style={{ padding: 16 }} />
      ) : catalog.isError ? (
        <ErrorBlock status="disconnected" title={t('shell.loadFailed')} description={catalog.error.message} />
      ) : (
        catalog.data.map((category) => (
          <List key={category.id} mode="card" className="mt-catalog-cat" header={category.name}>
            {[...category.items, ...category.children.flatMap((child) => child.items)].map((item) => (
              <ItemRow key={item.id} item={item} />
            ))}
          </List>
        ))
      )}
      <List mode="card" className="mt-free">
        <List.Item
          prefix={<EditSOutline fontSize={20} color="#1668dc" />}
          description={t('ticketsUi.catalog.freeHint')}
          onClick={() => navigate('/m/tickets/new/free')}
          arrow
        >
          {t('ticketsUi.catalog.freeButton')}
        </List.Item>
      </List>
    </div>
  );
}
