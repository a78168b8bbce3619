import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type { TicketSummary } from '@shuyun/shared';
import { Button, Card, Empty, Table, Tabs } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { exportTickets, filterParams, type SavedView, type TicketFilters, type TicketView, useTickets } from './api';
import { BulkActions } from './bulk-actions';
import { ColumnChooser } from './column-chooser';
import { DrillFilterTags } from './drill-filter-tags';
import { defaultView, readFilters, visibleViews } from './list-params';
import { SavedViewsMenu } from './saved-views-menu';
import { COLUMN_KEYS, type ColumnKey, columnsWidth, DEFAULT_COLUMNS, ticketColumns } from './ticket-columns';
import { TicketFilterBar } from './ticket-filters';
import './tickets-page.css';

const COLUMNS_KEY = 'shuyun.tickets.columns';
const PAGE_SIZES = ['10', '20', '50', '100'];

function storedColumns(): ColumnKey[] {
  try {
    const saved = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as string[] | null;
    const valid = saved?.filter((key): key is ColumnKey => (COLUMN_KEYS as readonly string[]).includes(key));
    return valid?.length ? valid : DEFAULT_COLUMNS;
  } catch {
    return DEFAULT_COLUMNS;
  }
}

/** The ticket lists: one tab per view, filters kept in the address, live updates, export and bulk actions. */
export function TicketsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { showError } = useApiFeedback();
  const [params, setParams] = useSearchParams();
  const views = useMemo(() => visibleViews(can), [can]);
  const filters = readFilters(params, defaultView(can), views);
  const tickets = useTickets(filters);
  const [columns, setColumns] = useState<ColumnKey[]>(storedColumns);
  const [selected, setSelected] = useState<number[]>([]);
  const [exporting, setExporting] = useState(false);
  const dispatcher = can('ticket.dispatch');

  // Rows that arrived by a live update flash once, so a new ticket in the pool catches the eye.
  const seen = useRef<Set<number> | null>(null);
  const [fresh, setFresh] = useState<Set<number>>(new Set());
  const listKey = JSON.stringify({ ...filters, page: undefined });
  const lastList = useRef(listKey);
  useEffect(() => {
    const items = tickets.data?.items;
    if (!items || tickets.isPlaceholderData) return;
    if (lastList.current !== listKey || seen.current === null) {
      lastList.current = listKey;
      seen.current = new Set(items.map((ticket) => ticket.id));
      return;
    }
    const arrived = items.filter((ticket) => !seen.current?.has(ticket.id)).map((ticket) => ticket.id);
    for (const id of arrived) seen.current.add(id);
    if (arrived.length) setFresh(new Set(arrived));
  }, [tickets.data, tickets.isPlaceholderData, listKey]);

  const update = (changes: Partial<TicketFilters>) => {
    const next = { ...filters, page: 1, ...changes };
    // Defaults stay out of the address.
    setParams(
      filterParams({
        ...next,
        page: next.page === 1 ? undefined : next.page,
        pageSize: next.pageSize === 20 ? undefined : next.pageSize,
        sort: next.sort === '-created' ? undefined : next.sort,
      }),
    );
    setSelected([]);
  };

  const switchView = (view: TicketView) => {
    setParams(filterParams({ view, sort: filters.sort === '-created' ? undefined : filters.sort }));
    setSelected([]);
  };

  const changeColumns = (next: ColumnKey[]) => {
    setColumns(next);
    try {
      localStorage.setItem(COLUMNS_KEY, JSON.stringify(next));
    } catch {
      // Only a preference.
    }
  };

  const applyView = (view: SavedView) => {
    const saved = view.filters as Partial<TicketFilters>;
    setParams(filterParams({ ...saved, view: views.includes(saved.view as TicketView) ? saved.view : filters.view } as TicketFilters));
    const valid = view.columns.filter((key): key is ColumnKey => (COLUMN_KEYS as readonly string[]).includes(key));
    if (valid.length) changeColumns(valid);
  };

  const onExport = () => {
    setExporting(true);
    exportTickets(filters)
      .catch((error: unknown) => showError(error))
      .finally(() => setExporting(false));
  };

  const tableColumns = ticketColumns(t, columns);
  // A search stops counting at 1,000 matches (the server says so): "1,000+", and a hint to narrow it.
  const totalText = (total: number) =>
    tickets.data?.totalCapped ? t('ticketsUi.list.totalCapped', { count: total }) : t('common.total', { count: total });

  if (tickets.isError && !tickets.data) return <LoadFailedResult message={tickets.error.message} onRetry={() => tickets.refetch()} />;

  return (
    <div className="tickets-page">
      <PageHeader
        title={t('ticketsUi.list.title')}
        subtitle={tickets.data ? totalText(tickets.data.total) : undefined}
        extra={
          <>
            <SavedViewsMenu filters={filters} columns={columns} onApply={applyView} />
            <ColumnChooser value={columns} onChange={changeColumns} />
            {can('ticket.export') && (
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={onExport} data-testid="ticket-export">
                {t('common.export')}
              </Button>
            )}
            {can('ticket.submit') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/catalog')}>
                {t('ticketsUi.list.newTicket')}
              </Button>
            )}
          </>
        }
      />
      <Card variant="borderless">
        <Tabs
          className="tickets-page__tabs"
          activeKey={filters.view}
          onChange={(key) => switchView(key as TicketView)}
          items={views.map((view) => ({ key: view, label: t(`ticketsUi.views.${view}`) }))}
          tabBarExtraContent={<span className="tickets-page__live">{t('ticketsUi.list.live')}</span>}
          data-testid="ticket-views"
        />
        <TicketFilterBar filters={filters} onChange={update} onReset={() => switchView(filters.view)} />
        <DrillFilterTags filters={filters} onChange={update} />
        {dispatcher && selected.length > 0 && (
          <div className="tickets-page__bulk">
            <BulkActions ids={selected} onDone={() => setSelected([])} />
          </div>
        )}
        <Table<TicketSummary>
          rowKey="id"
          size="middle"
          loading={tickets.isFetching && !tickets.data}
          dataSource={tickets.data?.items}
          columns={tableColumns}
          scroll={{ x: columnsWidth(tableColumns, dispatcher) }}
          rowClassName={(ticket) => (fresh.has(ticket.id) ? 'is-new' : '')}
          rowSelection={
            dispatcher ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), fixed: true } : undefined
          }
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticketsUi.list.empty')} /> }}
          data-testid="tickets-table"
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: tickets.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: totalText,
            onChange: (page, pageSize) => update({ page: pageSize === filters.pageSize ? page : 1, pageSize }),
          }}
        />
      </Card>
    </div>
  );
}
