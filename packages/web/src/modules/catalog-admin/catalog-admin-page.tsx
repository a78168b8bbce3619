import { ArrowDownOutlined, ArrowUpOutlined, EditOutlined, FolderAddOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import type { CatalogCategoryAdmin, CatalogItemAdmin } from '@shuyun/shared';
import { Button, Card, Checkbox, Col, Empty, Flex, Input, Row, Skeleton, Space, Tag, Tooltip, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { catalogAdminKeys, useCatalogAdmin, useReorderCatalog } from './api';
import { buildCategoryTree, type CategoryNode, categoryScope, moved, sortItems, useLocalized } from './catalog-tree';
import { CategoryIcon } from './category-icon';
import { CategoryModal } from './category-modal';
import { ItemTable } from './item-table';
import './catalog-admin.css';

type EditingCategory = { mode: 'create'; parentId: number | null } | { mode: 'edit'; category: CatalogCategoryAdmin };

/** Service catalogue administration: the two-level category tree and the items of the chosen category. */
export function CatalogAdminPage() {
  const { t } = useTranslation();
  const local = useLocalized();
  const navigate = useNavigate();
  const catalog = useCatalogAdmin();
  const reorder = useReorderCatalog();
  const { showError } = useApiFeedback();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState('');
  const [showInactive, setShowInactive] = useState(true);
  const [editing, setEditing] = useState<EditingCategory | null>(null);

  const categories = catalog.data?.categories ?? [];
  const tree = useMemo(() => buildCategoryTree(categories), [categories]);
  const selectedId = Number(params.get('category')) || (tree[0]?.key ?? null);
  const selected = categories.find((c) => c.id === selectedId) ?? null;

  const items = useMemo(() => {
    if (!catalog.data || !selected) return [];
    const scope = categoryScope(catalog.data.categories, selected.id);
    const needle = search.trim().toLowerCase();
    return sortItems(catalog.data.items).filter(
      (item) =>
        scope.has(item.categoryId) &&
        (showInactive || item.active) &&
        (!needle ||
          [item.name['zh-CN'], item.name['en-US'] ?? '', item.code, ...item.keywords].some((value) =>
            value.toLowerCase().includes(needle),
          )),
    );
  }, [catalog.data, selected, search, showInactive]);

  if (catalog.isError) return <LoadFailedResult message={catalog.error.message} onRetry={() => catalog.refetch()} />;

  const moveCategory = (category: CatalogCategoryAdmin, direction: -1 | 1) => {
    const siblings = categories.filter((c) => c.parentId === category.parentId).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
    const order = moved(siblings, category.id, direction);
    if (!order) return;
    reorder.mutate(
      { kind: 'category', order: order.map(({ id, version }) => ({ id, version })) },
      { onError: (error) => showError(error, { refetch: [catalogAdminKeys.all] }) },
    );
  };

  const moveItem = (item: CatalogItemAdmin, direction: -1 | 1) => {
    const siblings = sortItems((catalog.data?.items ?? []).filter((i) => i.categoryId === item.categoryId));
    const order = moved(siblings, item.id, direction);
    if (!order) return;
    reorder.mutate(
      { kind: 'item', order: order.map(({ id, version }) => ({ id, version })) },
      { onError: (error) => showError(error, { refetch: [catalogAdminKeys.all] }) },
    );
  };

  const siblingsOf = (category: CatalogCategoryAdmin) =>
    categories.filter((c) => c.parentId === category.parentId).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);

  return (
    <>
      <PageHeader
        title={t('deskAdmin.nav.catalog')}
        subtitle={t('deskAdmin.catalog.summary', { categories: categories.length, items: catalog.data?.items.length ?? 0 })}
        extra={
          <>
            <Button icon={<FolderAddOutlined />} onClick={() => setEditing({ mode: 'create', parentId: null })}>
              {t('deskAdmin.catalog.newCategory')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(`/admin/catalog/items/new${selected ? `?category=${selected.id}` : ''}`)}
              data-testid="new-catalog-item"
            >
              {t('deskAdmin.catalog.newItem')}
            </Button>
          </>
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={8} xl={7}>
          <Card variant="borderless" title={t('deskAdmin.catalog.categories')} styles={{ body: { minHeight: 480 } }}>
            {catalog.isPending ? (
              <Skeleton active />
            ) : tree.length === 0 ? (
              <Empty description={t('deskAdmin.catalog.noCategories')} />
            ) : (
              <Tree<CategoryNode>
                className="catalog-admin__tree"
                blockNode
                defaultExpandAll
                treeData={tree}
                selectedKeys={selected ? [selected.id] : []}
                onSelect={(keys) => {
                  const key = keys[0] as number | undefined;
                  if (key) setParams({ category: String(key) }, { replace: true });
                }}
                titleRender={(node) => (
                  <span className="catalog-admin__node">
                    <CategoryIcon icon={node.category.icon} />
                    <span className="catalog-admin__node-name">{local(node.category.name)}</span>
                    {!node.category.active && <Tag>{t('common.inactive')}</Tag>}
                    <span className="catalog-admin__node-count">{node.category.itemCount}</span>
                  </span>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={16} xl={17}>
          <Card
            variant="borderless"
            title={
              selected ? (
                <Space size={8}>
                  <CategoryIcon icon={selected.icon} />
                  <span data-testid="category-title">{local(selected.name)}</span>
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
                    {selected.code}
                  </Typography.Text>
                  {!selected.active && <Tag>{t('common.inactive')}</Tag>}
                </Space>
              ) : (
                t('deskAdmin.catalog.items')
              )
            }
            extra={
              selected && (
                <Space size={4}>
                  <Tooltip title={t('deskAdmin.common.moveUp')}>
                    <Button
                      type="text"
                      icon={<ArrowUpOutlined />}
                      aria-label={t('deskAdmin.common.moveUp')}
                      disabled={siblingsOf(selected)[0]?.id === selected.id}
                      loading={reorder.isPending}
                      onClick={() => moveCategory(selected, -1)}
                    />
                  </Tooltip>
                  <Tooltip title={t('deskAdmin.common.moveDown')}>
                    <Button
                      type="text"
                      icon={<ArrowDownOutlined />}
                      aria-label={t('deskAdmin.common.moveDown')}
                      disabled={siblingsOf(selected).at(-1)?.id === selected.id}
                      loading={reorder.isPending}
                      onClick={() => moveCategory(selected, 1)}
                    />
                  </Tooltip>
                  {selected.parentId === null && (
                    <Button icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', parentId: selected.id })}>
                      {t('deskAdmin.catalog.addSubcategory')}
                    </Button>
                  )}
                  <Button icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit', category: selected })}>
                    {t('deskAdmin.catalog.editCategory')}
                  </Button>
                </Space>
              )
            }
          >
            <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
              <Input
                allowClear
                prefix={<SearchOutlined />}
                placeholder={t('deskAdmin.catalog.searchItems')}
                value={search}
                onChange={(event) => setSearch(event.target.value)}
                style={{ width: 300 }}
              />
              <Checkbox checked={showInactive} onChange={(event) => setShowInactive(event.target.checked)}>
                {t('deskAdmin.catalog.showInactive')}
              </Checkbox>
            </Flex>
            <ItemTable
              items={items}
              allItems={catalog.data?.items ?? []}
              categories={categories}
              selectedId={selected?.id ?? null}
              loading={catalog.isPending}
              moving={reorder.isPending}
              onMove={moveItem}
            />
          </Card>
        </Col>
      </Row>
      {editing && (
        <CategoryModal
          category={editing.mode === 'edit' ? (categories.find((c) => c.id === editing.category.id) ?? editing.category) : null}
          parentId={editing.mode === 'create' ? editing.parentId : editing.category.parentId}
          categories={categories}
          onClose={() => setEditing(null)}
          onCreated={(created) => setParams({ category: String(created.id) }, { replace: true })}
        />
      )}
    </>
  );
}
