import { BarChartOutlined, DownloadOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { DEMAND_KINDS, DEMAND_STATUSES, DEMAND_VIEWS, type DemandView } from '@shuyun/shared';
import { Button, Card, Checkbox, DatePicker, Input, Progress, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { download } from '../../app/api-client';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../app/i18n';
import { DepartmentSelect } from '../../components/department-select';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { UserPicker } from '../../components/user-picker';
import { type DemandFilters, type DemandSummary, STATUS_COLORS, tx, useDemands, useDivision } from './api';

const PAGE_SIZE = 20;
const EMPTY: Partial<Record<DemandView, string>> = { mine: 'emptyMine', toAccept: 'emptyToAccept', toApprove: 'emptyToApprove' };

export function DemandStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{tx(t, `demands.status.${status}`)}</Tag>;
}

/** 需求: my demands, to accept, to approve, implementing, all in scope — filters, keyword, sorting, paging, export. */
export function DemandsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { showError } = useApiFeedback();
  const [params] = useSearchParams();
  const initialView = (DEMAND_VIEWS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as DemandView) : 'mine';
  const initialStatus = (DEMAND_STATUSES as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as DemandFilters['status'])
    : undefined;
  const [filters, setFilters] = useState<DemandFilters>({
    view: initialView,
    status: initialStatus,
    systemId: params.get('systemId') ? Number(params.get('systemId')) : undefined,
    createdFrom: params.get('createdFrom') ?? undefined,
    createdTo: params.get('createdTo') ?? undefined,
    page: 1,
    pageSize: PAGE_SIZE,
    sort: '-createdAt',
  });
  const [keyword, setKeyword] = useState('');
  const list = useDemands(filters);
  const division = useDivision();
  const set = (patch: DemandFilters) => setFilters((f) => ({ ...f, page: 1, ...patch }));
  const { page: _p, pageSize: _s, ...exportFilters } = filters;
  const views = DEMAND_VIEWS.filter(
    (v) =>
      (v !== 'toAccept' || can('demand.handle')) &&
      (v !== 'toApprove' || can('demand.approve')) &&
      (v !== 'implementing' || can('demand.implement')),
  );

  return (
    <div data-testid="demands-page">
      <PageHeader
        title={t('demands.title')}
        extra={
          <Space wrap>
            {can('demand.submit') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/demands/new')} data-testid="demand-new">
                {t('demands.nav.new')}
              </Button>
            )}
            {(can('demand.manage') || can('analytics.view')) && (
              <Button icon={<BarChartOutlined />} onClick={() => navigate('/demands/metrics')} data-testid="demand-metrics-link">
                {t('demands.nav.metrics')}
              </Button>
            )}
            <Button icon={<TeamOutlined />} onClick={() => navigate('/demands/division')}>
              {t('demands.nav.division')}
            </Button>
            {can('demand.manage') && (
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  download('/api/demands/export', exportFilters as Record<string, string>, 'demands.xlsx').catch((e) => showError(e))
                }
                data-testid="demand-export"
              >
                {t('demands.list.export')}
              </Button>
            )}
          </Space>
        }
      />
      <Card variant="borderless">
        <Tabs
          activeKey={filters.view}
          onChange={(view) => set({ view: view as DemandView })}
          items={views.map((v) => ({ key: v, label: <span data-testid={`demand-view-${v}`}>{tx(t, `demands.views.${v}`)}</span> }))}
        />
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            style={{ width: 220 }}
            placeholder={t('demands.list.keyword')}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(q) => set({ q: q || undefined })}
            data-testid="demand-search"
          />
          <Select
            allowClear
            style={{ width: 120 }}
            placeholder={t('demands.list.allStatuses')}
            value={filters.status}
            onChange={(status) => set({ status })}
            options={DEMAND_STATUSES.map((s) => ({ value: s, label: tx(t, `demands.status.${s}`) }))}
            data-testid="demand-filter-status"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 180 }}
            placeholder={t('demands.list.allSystems')}
            value={filters.systemId}
            onChange={(systemId) => set({ systemId })}
            options={(division.data?.items ?? []).map((s) => ({ value: s.systemId, label: s.systemName }))}
          />
          <Select
            allowClear
            style={{ width: 120 }}
            placeholder={t('demands.list.allKinds')}
            value={filters.kind}
            onChange={(kind) => set({ kind })}
            options={DEMAND_KINDS.map((k) => ({ value: k, label: tx(t, `demands.kinds.${k}`) }))}
          />
          <DepartmentSelect
            style={{ width: 160 }}
            placeholder={t('demands.list.department')}
            value={filters.departmentId ?? null}
            onChange={(departmentId) => set({ departmentId: departmentId ?? undefined })}
          />
          {can('org.user.read') && (
            <UserPicker
              style={{ width: 140 }}
              placeholder={t('demands.list.analyst')}
              value={filters.analystId ?? null}
              onChange={(analystId) => set({ analystId: analystId ?? undefined })}
            />
          )}
          <DatePicker.RangePicker
            placeholder={[t('demands.list.created'), t('demands.list.created')]}
            onChange={(range) =>
              set({ createdFrom: range?.[0]?.format('YYYY-MM-DD') ?? undefined, createdTo: range?.[1]?.format('YYYY-MM-DD') ?? undefined })
            }
          />
          <Checkbox
            checked={filters.overdue === 'true'}
            onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}
            data-testid="demand-overdue"
          >
            {t('demands.list.overdueOnly')}
          </Checkbox>
          <Select
            style={{ width: 130 }}
            value={filters.sort}
            onChange={(sort) => set({ sort })}
            options={[
              { value: '-createdAt', label: t('demands.list.sortNewest') },
              { value: 'createdAt', label: t('demands.list.sortOldest') },
              { value: 'expectedDate', label: t('demands.list.sortExpected') },
              { value: 'plannedDate', label: t('demands.list.sortPlanned') },
            ]}
          />
        </Space>
        {list.isError ? (
          <LoadFailedResult message={list.error.message} onRetry={() => list.refetch()} />
        ) : (
          <Table<DemandSummary>
            rowKey="id"
            size="middle"
            scroll={{ x: 1280 }}
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t(`demands.list.${EMPTY[filters.view ?? 'all'] ?? 'empty'}` as 'demands.list.empty') }}
            pagination={{
              current: filters.page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('demands.list.total', { count: total }),
              onChange: (page) => setFilters((f) => ({ ...f, page })),
            }}
            columns={[
              {
                title: t('demands.fields.number'),
                dataIndex: 'number',
                width: 160,
                render: (number: string, d) => (
                  <Link to={`/demands/${d.id}`} data-testid="demand-row-link">
                    {number}
                  </Link>
                ),
              },
              { title: t('demands.fields.title'), dataIndex: 'title', ellipsis: true, width: 260 },
              { title: t('demands.fields.system'), render: (_, d) => d.system.name, width: 150, ellipsis: true },
              { title: t('demands.fields.kind'), render: (_, d) => tx(t, `demands.kinds.${d.kind}`), width: 100 },
              {
                title: t('demands.fields.status'),
                width: 150,
                render: (_, d) => (
                  <Space size={4}>
                    <DemandStatusTag status={d.status} />
                    {d.overdue && <Tag color="red">{t('demands.list.overdue')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('demands.fields.progress'),
                width: 120,
                render: (_, d) =>
                  d.status === 'implementing' ? <Progress percent={d.progress} size="small" format={(p) => `${p}%`} /> : null,
              },
              { title: t('demands.fields.requester'), render: (_, d) => d.requester.name, width: 90 },
              { title: t('demands.fields.department'), render: (_, d) => d.department?.name ?? '', width: 110, ellipsis: true },
              { title: t('demands.fields.analyst'), render: (_, d) => d.analyst?.name ?? '', width: 100 },
              { title: t('demands.fields.plannedDate'), render: (_, d) => d.plannedDate ?? d.expectedDate ?? '', width: 110 },
              { title: t('demands.fields.createdAt'), render: (_, d) => formatDateTime(d.createdAt), width: 140 },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
