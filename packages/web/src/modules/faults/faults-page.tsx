import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { FAULT_CAUSES, FAULT_SEVERITIES, FAULT_STATUSES } from '@shuyun/shared';
import { Button, Card, DatePicker, Input, Segmented, Select, Space, Table, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { download } from '../../app/api-client';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { type FaultFilters, type FaultSummary, SEVERITY_COLORS, STATUS_COLORS, tx, useFaultList, useFaultOptions } from './api';

const PAGE_SIZE = 20;
type View = 'all' | 'mine' | 'overdue';

/** 故障: all / mine / response overdue, with filters, keyword, sorting, paging and the Excel export. */
export function FaultsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { showError } = useApiFeedback();
  const [params, setParams] = useSearchParams();
  const view = (params.get('view') as View | null) ?? 'all';
  const systemParam = params.get('systemId');
  const [filters, setFilters] = useState<FaultFilters>({
    page: 1,
    pageSize: PAGE_SIZE,
    sort: '-detected',
    ...(systemParam ? { systemId: Number(systemParam) } : {}),
    ...(params.get('detectedFrom')
      ? { detectedFrom: params.get('detectedFrom') as string, detectedTo: params.get('detectedTo') ?? undefined }
      : {}),
  });
  const [keyword, setKeyword] = useState('');
  const list = useFaultList({ ...filters, view });
  const options = useFaultOptions();
  const set = (patch: FaultFilters) => setFilters((f) => ({ ...f, page: 1, ...patch }));
  const { page: _p, pageSize: _s, ...exportFilters } = { ...filters, view };

  const columns = [
    {
      title: t('faults.fields.number'),
      dataIndex: 'number',
      width: 160,
      render: (n: string, f: FaultSummary) => <Link to={`/faults/${f.id}`}>{n}</Link>,
    },
    {
      title: t('faults.fields.title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, f: FaultSummary) => (
        <Space size={4}>
          <Link to={`/faults/${f.id}`}>{title}</Link>
          {f.knownError && <Tag color="purple">{t('faults.knownErrorTag')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('faults.fields.severity'),
      dataIndex: 'severity',
      width: 90,
      sorter: true,
      render: (s: string) => <Tag color={SEVERITY_COLORS[s]}>{s}</Tag>,
    },
    {
      title: t('faults.fields.status'),
      dataIndex: 'status',
      width: 150,
      render: (s: string, f: FaultSummary) => (
        <Space size={4} wrap={false}>
          <Tag color={STATUS_COLORS[s]}>{tx(t, `faults.status.${s}`)}</Tag>
          {f.responseOverdue && f.status === 'new' && <Tag color="red">{t('faults.overdue')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('faults.fields.systems'),
      dataIndex: 'systems',
      width: 160,
      ellipsis: true,
      render: (systems: FaultSummary['systems']) => systems.map((s) => s.name).join('、'),
    },
    { title: t('faults.fields.assignee'), dataIndex: ['assignee', 'displayName'], width: 100, render: (v: string | undefined) => v ?? '—' },
    {
      title: t('faults.fields.detectedAt'),
      dataIndex: 'detectedAt',
      width: 150,
      sorter: true,
      defaultSortOrder: 'descend' as const,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('faults.fields.responseDueAt'),
      dataIndex: 'responseDueAt',
      width: 150,
      render: (v: string | null, f: FaultSummary) =>
        f.respondedAt ? (
          <Tooltip title={`${t('faults.fields.respondedAt')} ${formatDateTime(f.respondedAt)}`}>
            <span style={{ color: f.responseOverdue ? '#cf1322' : undefined }}>{formatDateTime(v)}</span>
          </Tooltip>
        ) : (
          <span style={{ color: f.responseOverdue ? '#cf1322' : undefined }}>{formatDateTime(v)}</span>
        ),
    },
  ];

  return (
    <div data-testid="faults-page">
      <PageHeader
        title={t('faults.nav.list')}
        extra={
          <Space wrap>
            {can('fault.handle') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/faults/new')} data-testid="fault-new">
                {t('faults.register')}
              </Button>
            )}
            {can('fault.manage') && (
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  download('/api/faults/export', exportFilters as unknown as Record<string, string>, 'faults.xlsx').catch((e) =>
                    showError(e),
                  )
                }
                data-testid="fault-export"
              >
                {t('common.export')}
              </Button>
            )}
          </Space>
        }
      />
      <Card variant="borderless">
        <Segmented
          style={{ marginBottom: 16 }}
          value={view}
          onChange={(v) => {
            setParams(v === 'all' ? {} : { view: String(v) });
            set({});
          }}
          options={(['all', 'mine', 'overdue'] as const).map((v) => ({ value: v, label: t(`faults.views.${v}`) }))}
          data-testid="fault-views"
        />
        <Space wrap style={{ marginBottom: 16, display: 'flex' }}>
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('faults.filters.keyword')}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(q) => set({ q: q || undefined })}
            data-testid="fault-search"
          />
          <Select
            allowClear
            style={{ width: 120 }}
            placeholder={t('faults.filters.status')}
            value={filters.status}
            onChange={(status) => set({ status })}
            options={FAULT_STATUSES.map((s) => ({ value: s, label: tx(t, `faults.status.${s}`) }))}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('faults.filters.severity')}
            value={filters.severity}
            onChange={(severity) => set({ severity })}
            options={FAULT_SEVERITIES.map((s) => ({ value: s, label: tx(t, `faults.severity.${s}`) }))}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 160 }}
            placeholder={t('faults.filters.system')}
            value={filters.systemId}
            onChange={(systemId) => set({ systemId })}
            options={options.data?.systems.map((s) => ({ value: s.id, label: s.name }))}
          />
          <Select
            allowClear
            style={{ width: 130 }}
            placeholder={t('faults.filters.cause')}
            value={filters.cause}
            onChange={(cause) => set({ cause })}
            options={FAULT_CAUSES.map((c) => ({ value: c, label: tx(t, `faults.cause.${c}`) }))}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('faults.filters.team')}
            value={filters.teamId}
            onChange={(teamId) => set({ teamId })}
            options={options.data?.teams.map((s) => ({ value: s.id, label: s.name }))}
          />
          <DatePicker.RangePicker
            value={filters.detectedFrom ? [dayjs(filters.detectedFrom), dayjs(filters.detectedTo)] : null}
            onChange={(range) =>
              set({
                detectedFrom: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
                detectedTo: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
              })
            }
          />
        </Space>
        {list.isError ? (
          <LoadFailedResult message={list.error.message} onRetry={() => list.refetch()} />
        ) : (
          <Table<FaultSummary>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            columns={columns}
            scroll={{ x: 1100 }}
            locale={{ emptyText: t('faults.empty') }}
            onChange={(pagination, _f, sorter) => {
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              const field = s?.field === 'severity' ? 'severity' : 'detected';
              const sort = !s?.order
                ? '-detected'
                : field === 'severity'
                  ? s.order === 'descend'
                    ? '-severity'
                    : 'severity'
                  : s.order === 'descend'
                    ? '-detected'
                    : 'detected';
              setFilters((f) => ({ ...f, sort, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? PAGE_SIZE }));
            }}
            pagination={{ current: filters.page, pageSize: filters.pageSize, total: list.data?.total ?? 0, showSizeChanger: true }}
            data-testid="fault-table"
          />
        )}
      </Card>
    </div>
  );
}
