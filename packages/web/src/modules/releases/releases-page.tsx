import { CalendarOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { RELEASE_RISKS, RELEASE_STATUSES } from '@shuyun/shared';
import { Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
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
import { useSystems } from '../org/api';
import { type ReleaseFilters, type ReleaseSummary, tx, useReleaseList } from './api';
import { ReleaseStatusTag, RiskTag } from './release-tags';

const TODOS = ['approve', 'execute', 'accept'] as const;

/** 发布列表: filters (status, system, risk, window range), keyword, paging, streamed Excel export. */
export function ReleasesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { showError } = useApiFeedback();
  const [params, setParams] = useSearchParams();
  const todoParam = params.get('todo');
  const todo = TODOS.find((x) => x === todoParam);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [status, setStatus] = useState<string | undefined>(params.get('status') ?? undefined);
  const [systemId, setSystemId] = useState<number | undefined>();
  const [risk, setRisk] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const filters: ReleaseFilters = {
    q: q || undefined,
    status: status as ReleaseFilters['status'],
    systemId,
    risk: risk as ReleaseFilters['risk'],
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
    todo,
  };
  const list = useReleaseList({ ...filters, ...page });
  const systems = useSystems();
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage((p) => ({ ...p, page: 1 }));
    };
  const filtered = Object.values(filters).some((v) => v !== undefined);

  return (
    <div data-testid="releases-page">
      <PageHeader
        title={t('releases.list')}
        extra={
          <Space wrap>
            <Button icon={<CalendarOutlined />} onClick={() => navigate('/releases/calendar')} data-testid="releases-calendar-link">
              {t('releases.calendar')}
            </Button>
            {can('release.manage') && (
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  download('/api/releases/export', filters as Record<string, string | number>, 'releases.xlsx').catch((e) => showError(e))
                }
                data-testid="releases-export"
              >
                {t('releases.export')}
              </Button>
            )}
            {can('release.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/releases/new')} data-testid="releases-new">
                {t('releases.create')}
              </Button>
            )}
          </Space>
        }
      />
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 16 }}>
          {todo && (
            <Tag
              color="processing"
              closable
              onClose={() => {
                params.delete('todo');
                setParams(params);
              }}
              data-testid="releases-todo-filter"
            >
              {t(
                `home.todoItems.${todo === 'approve' ? 'releasesToApprove' : todo === 'execute' ? 'releasesToExecute' : 'releasesToAccept'}`,
              )}
            </Tag>
          )}
          <Input.Search
            allowClear
            placeholder={t('releases.searchPlaceholder')}
            style={{ width: 240 }}
            value={search}
            onChange={(e) => reset(setSearch)(e.target.value)}
            data-testid="releases-search"
          />
          <Select
            allowClear
            placeholder={t('releases.allStatuses')}
            style={{ width: 140 }}
            value={status}
            onChange={reset(setStatus)}
            options={RELEASE_STATUSES.map((s) => ({ value: s, label: tx(t, `releases.status.${s}`) }))}
            data-testid="releases-status-filter"
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('releases.allSystems')}
            style={{ width: 180 }}
            value={systemId}
            onChange={reset(setSystemId)}
            options={(systems.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            data-testid="releases-system-filter"
          />
          <Select
            allowClear
            placeholder={t('releases.allRisks')}
            style={{ width: 120 }}
            value={risk}
            onChange={reset(setRisk)}
            options={RELEASE_RISKS.map((r) => ({ value: r, label: tx(t, `releases.risk.${r}`) }))}
          />
          <DatePicker.RangePicker value={range} onChange={(v) => reset(setRange)(v)} />
        </Space>
        {list.isError ? (
          <LoadFailedResult message={list.error.message} onRetry={() => list.refetch()} />
        ) : (
          <Table<ReleaseSummary>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 1100 }}
            locale={{ emptyText: filtered ? t('releases.emptyFiltered') : t('releases.empty') }}
            pagination={{
              current: page.page,
              pageSize: page.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (p, s) => setPage({ page: p, pageSize: s }),
            }}
            columns={[
              {
                title: t('releases.fields.number'),
                width: 150,
                render: (_: unknown, r) => (
                  <Link to={`/releases/${r.id}`} data-testid="release-row">
                    {r.number}
                  </Link>
                ),
              },
              {
                title: t('releases.fields.title'),
                render: (_: unknown, r) => (
                  <span>
                    {r.title}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {`${r.system.name} · ${r.versionLabel}`}
                    </Typography.Text>
                  </span>
                ),
              },
              { title: t('releases.fields.status'), width: 100, render: (_: unknown, r) => <ReleaseStatusTag status={r.status} /> },
              { title: t('releases.fields.risk'), width: 100, render: (_: unknown, r) => <RiskTag risk={r.risk} /> },
              {
                title: t('releases.fields.window'),
                width: 220,
                render: (_: unknown, r) => (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(r.windowStart)}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {`→ ${formatDateTime(r.windowEnd)}`}
                    </Typography.Text>
                  </span>
                ),
              },
              { title: t('releases.fields.demandCount'), width: 80, align: 'right', dataIndex: 'demandCount' },
              { title: t('releases.fields.requester'), width: 110, render: (_: unknown, r) => r.requester.name },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
