import { Button, ErrorBlock, InfiniteScroll, Skeleton, Tabs } from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { type TicketFilters, useTicketPages } from './api';
import { TicketCardMobile } from './ticket-card-mobile';
import './tickets-mobile.css';

type Tab = 'mine' | 'todo' | 'pool' | 'approvals';

const TAB_FILTERS: Record<Tab, Omit<TicketFilters, 'page' | 'pageSize'>> = {
  mine: { view: 'requested', sort: '-updated' },
  todo: { view: 'waiting', sort: 'due' },
  pool: { view: 'team', status: ['new'], sort: '-created' },
  approvals: { view: 'approvals', sort: '-created' },
};

/** Phone 工单 tab: my tickets with their progress; for engineers the to-do list and the team pool; for supervisors approvals. */
export function TicketsMobilePage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tabs = useMemo(() => {
    const list: Tab[] = [];
    if (can('ticket.handle')) list.push('todo', 'pool');
    if (can('ticket.approve')) list.push('approvals');
    list.splice(can('ticket.handle') ? 2 : 0, 0, 'mine');
    return list;
  }, [can]);
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && tabs.includes(asked) ? asked : (tabs[0] ?? 'mine');
  const pages = useTicketPages(TAB_FILTERS[tab]);
  const items = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const titles: Record<Tab, string> = {
    mine: t('ticketsUi.mobile.myTickets'),
    todo: t('ticketsUi.mobile.todo'),
    pool: t('ticketsUi.views.team'),
    approvals: t('ticketsUi.mobile.approvals'),
  };

  return (
    <div className="mt-page">
      <div className="mt-header">
        {tabs.length > 1 ? (
          <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key }, { replace: true })} data-testid="mobile-ticket-tabs">
            {tabs.map((key) => (
              <Tabs.Tab key={key} title={titles[key]} />
            ))}
          </Tabs>
        ) : (
          <div style={{ padding: '14px 16px', fontSize: 17, fontWeight: 600 }}>{titles[tab]}</div>
        )}
      </div>
      {pages.isPending ? (
        <div className="mt-list">
          <Skeleton.Paragraph lineCount={5} animated />
        </div>
      ) : pages.isError ? (
        <ErrorBlock status="disconnected" title={t('shell.loadFailed')} description={pages.error.message} />
      ) : items.length === 0 ? (
        <ErrorBlock status="empty" className="mt-empty" title={t('ticketsUi.mobile.empty')} description="" />
      ) : (
        <div className="mt-list" data-testid="mobile-ticket-list">
          {items.map((ticket) => (
            <TicketCardMobile key={ticket.id} ticket={ticket} showProgress={tab === 'mine'} showDue={tab === 'todo' || tab === 'pool'} />
          ))}
          <InfiniteScroll loadMore={async () => void (await pages.fetchNextPage())} hasMore={Boolean(pages.hasNextPage)} />
        </div>
      )}
      {can('ticket.submit') && (
        <Button
          color="primary"
          shape="rounded"
          className="mt-fab"
          onClick={() => navigate('/m/tickets/new')}
          data-testid="mobile-new-ticket"
        >
          <AddOutline /> {t('ticketsUi.mobile.submit')}
        </Button>
      )}
    </div>
  );
}
