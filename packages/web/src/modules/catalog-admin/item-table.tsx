import { ArrowDownOutlined, ArrowUpOutlined, EditOutlined } from '@ant-design/icons';
import type { CatalogCategoryAdmin, CatalogItemAdmin } from '@shuyun/shared';
import { Button, Space, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { sortItems, useLocalized } from './catalog-tree';

interface Props {
  items: CatalogItemAdmin[];
  /** Every item, for the siblings a move swaps with. */
  allItems: CatalogItemAdmin[];
  categories: CatalogCategoryAdmin[];
  selectedId: number | null;
  loading: boolean;
  moving: boolean;
  onMove: (item: CatalogItemAdmin, direction: -1 | 1) => void;
}

/** The items of a category (and its sub-categories): order within their category, form size, handling, who may request. */
export function ItemTable({ items, allItems, categories, selectedId, loading, moving, onMove }: Props) {
  const { t } = useTranslation();
  const local = useLocalized();
  const navigate = useNavigate();
  const categoryName = (id: number) => local(categories.find((c) => c.id === id)?.name);
  const siblingsOf = (item: CatalogItemAdmin) => sortItems(allItems.filter((i) => i.categoryId === item.categoryId));

  return (
    <Table<CatalogItemAdmin>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      data-testid="catalog-items"
      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { count: total }) }}
      locale={{ emptyText: t('deskAdmin.catalog.noItems') }}
      scroll={{ x: 760 }}
      columns={[
        {
          title: t('deskAdmin.common.order'),
          key: 'order',
          width: 72,
          render: (_, item) => {
            const siblings = siblingsOf(item);
            return (
              <Space size={0}>
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowUpOutlined />}
                  aria-label={t('deskAdmin.common.moveUp')}
                  disabled={siblings[0]?.id === item.id || moving}
                  onClick={() => onMove(item, -1)}
                />
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowDownOutlined />}
                  aria-label={t('deskAdmin.common.moveDown')}
                  disabled={siblings.at(-1)?.id === item.id || moving}
                  onClick={() => onMove(item, 1)}
                />
              </Space>
            );
          },
        },
        {
          title: t('common.name'),
          key: 'name',
          render: (_, item) => (
            <div>
              <Space size={6} wrap>
                <Link to={`/admin/catalog/items/${item.id}`}>{local(item.name)}</Link>
                {item.approvalRequired && (
                  <Tag color="orange" className="catalog-admin__tag">
                    {t('deskAdmin.catalog.needsApproval')}
                  </Tag>
                )}
              </Space>
              <div className="catalog-admin__secondary">
                {item.code}
                {item.categoryId !== selectedId && ` · ${categoryName(item.categoryId)}`}
              </div>
            </div>
          ),
        },
        {
          title: t('deskAdmin.catalog.formFields'),
          key: 'form',
          width: 90,
          align: 'right',
          render: (_, item) => t('deskAdmin.catalog.fieldCount', { count: item.form.length }),
        },
        { title: t('deskAdmin.catalog.defaultTeam'), dataIndex: 'defaultTeamName', width: 110, render: (value) => value ?? '—' },
        {
          title: t('deskAdmin.sla.priority'),
          dataIndex: 'defaultPriority',
          width: 76,
          render: (value: string) => <Tag>{value}</Tag>,
        },
        {
          title: t('deskAdmin.catalog.visibility'),
          key: 'visibility',
          width: 110,
          render: (_, item) =>
            item.visibility.kind === 'everyone' ? (
              t('catalog.visibility.everyone')
            ) : (
              <Tag color="purple">
                {item.visibility.kind === 'departments'
                  ? t('deskAdmin.catalog.visibleDepartments', { count: item.visibility.departmentIds.length })
                  : t('deskAdmin.catalog.visibleRoles', { count: item.visibility.roleKeys.length })}
              </Tag>
            ),
        },
        {
          title: t('common.status'),
          dataIndex: 'active',
          width: 72,
          render: (active: boolean) => (active ? <Tag color="success">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
        },
        {
          title: t('common.actions'),
          key: 'actions',
          width: 64,
          render: (_, item) => (
            <Tooltip title={t('common.edit')}>
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                aria-label={t('common.edit')}
                onClick={() => navigate(`/admin/catalog/items/${item.id}`)}
              />
            </Tooltip>
          ),
        },
      ]}
    />
  );
}
