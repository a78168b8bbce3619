import { DownloadOutlined, PlusOutlined, PrinterOutlined, UploadOutlined } from '@ant-design/icons';
import { ASSET_SORTS, ASSET_STATUSES } from '@shuyun/shared';
import { Button, Card, DatePicker, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { download } from '../../app/api-client';
import { useAuth } from '../../app/auth';
import { DepartmentSelect } from '../../components/department-select';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { UserPicker } from '../../components/user-picker';
import { type AssetFilters, type AssetSummary, tx, useAssetCategories, useAssetList, useAssetLocations } from './api';
import { AssetStatusTag } from './status-tag';

const PAGE_SIZE = 50;

/** 资产清单: the register with server-side filters, sorting and paging; Excel export; labels for the ticked rows. */
export function AssetsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { showError } = useApiFeedback();
  const [filters, setFilters] = useState<AssetFilters>({ page: 1, pageSize: PAGE_SIZE, sort: '-tag' });
  const [keyword, setKeyword] = useState('');
  const [selected, setSelected] = useState<number[]>([]);
  const list = useAssetList(filters);
  const categories = useAssetCategories();
  const locations = useAssetLocations();
  const set = (patch: AssetFilters) => setFilters((f) => ({ ...f, page: 1, ...patch }));
  const { page: _p, pageSize: _s, ...exportFilters } = filters;

  return (
    <div data-testid="assets-page">
      <PageHeader
        title={t('assets.register')}
        extra={
          <Space wrap>
            {can('asset.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/assets/new')} data-testid="asset-new">
                {t('assets.newAsset')}
              </Button>
            )}
            {can('asset.manage') && (
              <Button icon={<UploadOutlined />} onClick={() => navigate('/assets/import')}>
                {t('assets.importTitle')}
              </Button>
            )}
            <Button
              icon={<PrinterOutlined />}
              disabled={!selected.length}
              onClick={() => navigate(`/assets/labels?ids=${selected.join(',')}`)}
              data-testid="asset-labels"
            >
              {t('assets.labels')}
              {selected.length ? ` (${selected.length})` : ''}
            </Button>
            {can('asset.export') && (
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  download('/api/assets/export', exportFilters as Record<string, string>, 'assets.xlsx').catch((e) => showError(e))
                }
                data-testid="asset-export"
              >
                {t('common.export')}
              </Button>
            )}
          </Space>
        }
      />
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            style={{ width: 260 }}
            placeholder={t('assets.filters.keyword')}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(q) => set({ q: q || undefined })}
            data-testid="asset-search"
          />
          <Select
            allowClear
            style={{ width: 120 }}
            placeholder={t('assets.fields.status')}
            value={filters.status}
            onChange={(status) => set({ status })}
            options={ASSET_STATUSES.map((s) => ({ value: s, label: tx(t, `assets.status.${s}`) }))}
            data-testid="asset-filter-status"
          />
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('assets.fields.category')}
            value={filters.categoryId}
            onChange={(categoryId) => set({ categoryId })}
            options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 200 }}
            placeholder={t('assets.fields.location')}
            value={filters.locationId}
            onChange={(locationId) => set({ locationId })}
            options={(locations.data ?? []).map((l) => ({ value: l.id, label: l.fullName }))}
          />
          <DepartmentSelect
            style={{ width: 180 }}
            placeholder={t('assets.fields.department')}
            value={filters.departmentId ?? null}
            onChange={(departmentId) => set({ departmentId: departmentId ?? undefined })}
          />
          <UserPicker
            style={{ width: 160 }}
            placeholder={t('assets.fields.custodian')}
            value={filters.custodianId ?? null}
            onChange={(custodianId) => set({ custodianId: custodianId ?? undefined })}
          />
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('assets.filters.warranty')}
            value={filters.warranty ? `${filters.warranty}:${filters.warrantyDays ?? 30}` : undefined}
            onChange={(v?: string) => {
              const [warranty, days] = v ? v.split(':') : [];
              set({ warranty: warranty as AssetFilters['warranty'], warrantyDays: days ? Number(days) : undefined });
            }}
            options={[
              { value: 'expiring:30', label: t('assets.filters.expiring', { days: 30 }) },
              { value: 'expiring:90', label: t('assets.filters.expiring', { days: 90 }) },
              { value: 'expired:30', label: t('assets.filters.expired') },
            ]}
          />
          <DatePicker.RangePicker
            placeholder={[t('assets.filters.purchased'), t('assets.filters.purchased')]}
            onChange={(range) =>
              set({
                purchasedFrom: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
                purchasedTo: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
              })
            }
          />
          <Select
            style={{ width: 190 }}
            value={filters.sort}
            onChange={(sort) => set({ sort })}
            options={ASSET_SORTS.map((s) => ({ value: s, label: tx(t, `assets.sorts.${s}`) }))}
            data-testid="asset-sort"
          />
        </Space>
        {list.isError ? (
          <LoadFailedResult message={list.error.message} onRetry={() => list.refetch()} />
        ) : (
          <Table<AssetSummary>
            rowKey="id"
            size="middle"
            scroll={{ x: 1500 }}
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), preserveSelectedRowKeys: true }}
            pagination={{
              current: filters.page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (page) => setFilters((f) => ({ ...f, page })),
            }}
            columns={[
              {
                title: t('assets.fields.tag'),
                dataIndex: 'tag',
                width: 120,
                render: (tag: string, a) => (
                  <Link to={`/assets/${a.id}`} data-testid="asset-row-link">
                    {tag}
                  </Link>
                ),
              },
              { title: t('assets.fields.name'), dataIndex: 'name', ellipsis: true, width: 220 },
              { title: t('assets.fields.category'), render: (_, a) => a.category.name, width: 110 },
              {
                title: t('assets.fields.status'),
                width: 150,
                render: (_, a) => (
                  <Space size={4}>
                    <AssetStatusTag status={a.status} />
                    {a.pending && <Tag color="gold">{tx(t, `assets.pendingTag.${a.pending}`)}</Tag>}
                  </Space>
                ),
              },
              { title: t('assets.fields.model'), dataIndex: 'model', ellipsis: true, width: 170 },
              { title: t('assets.fields.custodian'), render: (_, a) => a.custodian?.name ?? '', width: 100 },
              { title: t('assets.fields.department'), render: (_, a) => a.department?.name ?? '', width: 120 },
              { title: t('assets.fields.location'), render: (_, a) => a.location?.name ?? '', width: 130 },
              { title: t('assets.fields.purchaseDate'), dataIndex: 'purchaseDate', width: 110 },
              {
                title: t('assets.fields.purchasePrice'),
                dataIndex: 'purchasePrice',
                width: 110,
                align: 'right',
                render: (v: number | null) => (v === null ? '' : v.toLocaleString('zh-CN', { minimumFractionDigits: 2 })),
              },
              { title: t('assets.fields.warrantyEnd'), dataIndex: 'warrantyEnd', width: 110 },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
