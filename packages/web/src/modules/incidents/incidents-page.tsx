import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { INCIDENT_CATEGORIES, INCIDENT_PRIORITIES, INCIDENT_SOURCES, INCIDENT_STATUSES, type IncidentListQuery } from '@shuyun/shared';
import { Button, Card, DatePicker, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
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
import { useDebounced } from '../../components/use-debounced';
import { useSystems, useTeams } from '../org/api';
import { type IncidentFilters, type IncidentSummary, useIncidents } from './api';
import { IncidentStatsPanel } from './incident-stats';
import { NewIncidentModal } from './new-incident-modal';
import { IncidentStatusTag, PriorityTag } from './tags';

type View = IncidentListQuery['view'] | 'stats';
const VIEWS: View[] = ['all', 'mine', 'teamUnassigned', 'stats'];

/** 事件: all (within scope), my open incidents, my teams' unassigned, and the figures. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = (VIEWS.includes(params.get('view') as View) ? params.get('view') : 'all') as View;
  const [creating, setCreating] = useState(false);

  return (
    <div data-testid="incidents-page">
      <PageHeader
        title={t('incidents.title')}
        extra={
          can('incident.handle') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="incident-new">
              {t('incidents.list.new')}
            </Button>
          )
        }
      />
      <Tabs
        activeKey={view}
        onChange={(key) => setParams(key === 'all' ? {} : { view: key })}
        items={VIEWS.map((v) => ({ key: v, label: v === 'stats' ? t('incidents.stats.title') : t(`incidents.views.${v}`) }))}
        data-testid="incident-views"
      />
      {view === 'stats' ? <IncidentStatsPanel /> : <IncidentList key={view} view={view} />}
      {creating && <NewIncidentModal onClose={() => setCreating(false)} onCreated={(incident) => navigate(`/incidents/${incident.id}`)} />}
    </div>
  );
}

function IncidentList({ view }: { view: IncidentListQuery['view'] }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { showError } = useApiFeedback();
  const teams = useTeams();
  const systems = useSystems();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [params] = useSearchParams();
  // A figure's drill-down arrives with its filters in the address.
  const [filters, setFilters] = useState<Omit<IncidentFilters, 'page' | 'pageSize' | 'q' | 'view'>>(() => {
    const from = (key: string) => params.get(key) ?? undefined;
    return {
      priority: from('priority') as never,
      category: from('category') as never,
      status: from('status') as never,
      occurredFrom: from('occurredFrom'),
      occurredTo: from('occurredTo'),
    };
  });
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [sort, setSort] = useState<{ sort: IncidentListQuery['sort']; order: 'asc' | 'desc' }>({ sort: 'occurredAt', order: 'desc' });
  const query: IncidentFilters = { view, q: q || undefined, ...filters, ...sort, ...page };
  const list = useIncidents(query);
  const set = (patch: Partial<typeof filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, page: 1 }));
  };
  const { page: _p, pageSize: _s, ...exportQuery } = query;

  return (
    <Card variant="borderless">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('incidents.list.keyword')}
          style={{ width: 220 }}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          data-testid="incident-search"
        />
        <Select
          allowClear
          placeholder={t('incidents.fields.status')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(status) => set({ status })}
          options={[...INCIDENT_STATUSES, 'open' as const].map((s) => ({ value: s, label: t(`incidents.status.${s}`) }))}
          data-testid="incident-filter-status"
        />
        <Select
          allowClear
          placeholder={t('incidents.fields.priority')}
          style={{ width: 110 }}
          value={filters.priority}
          onChange={(priority) => set({ priority })}
          options={INCIDENT_PRIORITIES.map((p) => ({ value: p, label: p }))}
          data-testid="incident-filter-priority"
        />
        <Select
          allowClear
          placeholder={t('incidents.fields.category')}
          style={{ width: 130 }}
          value={filters.category}
          onChange={(category) => set({ category })}
          options={INCIDENT_CATEGORIES.map((c) => ({ value: c, label: t(`incidents.category.${c}`) }))}
        />
        <Select
          allowClear
          placeholder={t('incidents.fields.source')}
          style={{ width: 130 }}
          value={filters.source}
          onChange={(source) => set({ source })}
          options={INCIDENT_SOURCES.map((s) => ({ value: s, label: t(`incidents.source.${s}`) }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('incidents.fields.system')}
          style={{ width: 170 }}
          value={filters.systemId}
          onChange={(systemId) => set({ systemId })}
          options={(systems.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select
          allowClear
          placeholder={t('incidents.fields.team')}
          style={{ width: 140 }}
          value={filters.teamId}
          onChange={(teamId) => set({ teamId })}
          options={(teams.data ?? []).map((tm) => ({ value: tm.id, label: tm.name }))}
        />
        <DatePicker.RangePicker
          placeholder={[t('incidents.list.occurredRange'), t('incidents.list.occurredRange')]}
          value={filters.occurredFrom && filters.occurredTo ? [dayjs(filters.occurredFrom), dayjs(filters.occurredTo)] : null}
          onChange={(range) => set({ occurredFrom: range?.[0]?.format('YYYY-MM-DD'), occurredTo: range?.[1]?.format('YYYY-MM-DD') })}
        />
        {can('incident.manage') && (
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download('/api/incidents/export', exportQuery as never, 'incidents.xlsx').catch((e) => showError(e))}
            data-testid="incident-export"
          >
            {t('common.export')}
          </Button>
        )}
      </Space>
      {list.isError ? (
        <LoadFailedResult message={list.error.message} onRetry={() => list.refetch()} />
      ) : (
        <Table<IncidentSummary>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('incidents.list.empty') }}
          scroll={{ x: 1100 }}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            if (s?.order && s.field) setSort({ sort: s.field as IncidentListQuery['sort'], order: s.order === 'ascend' ? 'asc' : 'desc' });
            else setSort({ sort: 'occurredAt', order: 'desc' });
          }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
          columns={[
            {
              title: t('incidents.fields.number'),
              dataIndex: 'number',
              key: 'number',
              width: 160,
              sorter: true,
              render: (_: unknown, i) => (
                <Link to={`/incidents/${i.id}`} data-testid="incident-row">
                  {i.number}
                </Link>
              ),
            },
            {
              title: t('incidents.fields.priority'),
              dataIndex: 'priority',
              key: 'priority',
              width: 90,
              sorter: true,
              render: (_: unknown, i) => <PriorityTag priority={i.priority} />,
            },
            {
              title: t('incidents.fields.title'),
              render: (_: unknown, i) => (
                <div style={{ minWidth: 220 }}>
                  <Link to={`/incidents/${i.id}`}>{i.title}</Link>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {`${t(`incidents.category.${i.category}`)} · ${t(`incidents.source.${i.source}`)}`}
                      {i.alertCount > 1 ? ` · ${t('incidents.list.alertTimes', { count: i.alertCount })}` : ''}
                    </Typography.Text>
                    {i.reviewRequired && (
                      <Tag color="purple" style={{ marginLeft: 6 }}>
                        {t('incidents.list.reviewRequired')}
                      </Tag>
                    )}
                  </div>
                </div>
              ),
            },
            {
              title: t('incidents.fields.status'),
              dataIndex: 'status',
              key: 'status',
              width: 100,
              sorter: true,
              render: (_: unknown, i) => <IncidentStatusTag status={i.status} />,
            },
            { title: t('incidents.fields.system'), width: 150, render: (_: unknown, i) => i.system?.name ?? '—' },
            {
              title: t('incidents.fields.assignee'),
              width: 150,
              render: (_: unknown, i) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {i.assignee?.displayName ?? <Typography.Text type="secondary">{t('incidents.list.unassigned')}</Typography.Text>}
                  {i.team && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {i.team.name}
                    </Typography.Text>
                  )}
                </span>
              ),
            },
            {
              title: t('incidents.fields.occurredAt'),
              dataIndex: 'occurredAt',
              key: 'occurredAt',
              width: 150,
              sorter: true,
              defaultSortOrder: 'descend',
              render: (_: unknown, i) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(i.occurredAt)}</span>,
            },
          ]}
        />
      )}
    </Card>
  );
}
