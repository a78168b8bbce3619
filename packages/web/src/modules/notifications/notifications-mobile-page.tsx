import { Button, ErrorBlock, InfiniteScroll, List, NavBar, PullToRefresh, Tabs, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMarkAllRead, useNotificationFeed, useUnreadCount } from './api';
import { useEventLabels, whenText } from './labels';
import { useOpenNotification } from './use-open-notification';
import './notifications-mobile.css';

/** 消息 on the phone: my notifications, endless list, unread first on demand; a tap opens the record. */
export function NotificationsMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const labels = useEventLabels();
  const [unread, setUnread] = useState(false);
  const feed = useNotificationFeed(unread);
  const count = useUnreadCount();
  const markAll = useMarkAllRead();
  const openItem = useOpenNotification('/m');
  const items = feed.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="m-root">
      <NavBar
        back={t('common.back')}
        onBack={() => navigate('/m/mine')}
        right={
          <Button
            size="mini"
            fill="none"
            disabled={!count.data}
            loading={markAll.isPending}
            onClick={() => markAll.mutate(undefined, { onError: (error) => Toast.show({ icon: 'fail', content: error.message }) })}
          >
            {t('deskAdmin.notifications.allRead')}
          </Button>
        }
        style={{ background: '#fff' }}
      >
        {t('deskAdmin.notifications.messages')}
      </NavBar>
      <Tabs activeKey={unread ? 'unread' : 'all'} onChange={(key) => setUnread(key === 'unread')} style={{ background: '#fff' }}>
        <Tabs.Tab title={t('common.all')} key="all" />
        <Tabs.Tab
          title={count.data ? t('deskAdmin.notifications.unreadTab', { count: count.data }) : t('notifications.unreadOnly')}
          key="unread"
        />
      </Tabs>
      <PullToRefresh onRefresh={async () => void (await feed.refetch())}>
        {feed.isError ? (
          <ErrorBlock status="default" title={t('shell.loadFailed')} description={feed.error.message} />
        ) : !feed.isPending && items.length === 0 ? (
          <ErrorBlock status="empty" title={t('notifications.empty')} description="" />
        ) : (
          <List className="m-notifications" data-testid="m-notification-list">
            {items.map((item) => (
              <List.Item
                key={item.id}
                onClick={() => openItem(item)}
                prefix={<span className={`m-notifications__dot${item.read ? '' : ' m-notifications__dot--unread'}`} />}
                description={
                  <>
                    <div className="m-notifications__body">{item.body}</div>
                    <div className="m-notifications__meta">
                      {labels.event(item.eventType)} · {whenText(item.createdAt)}
                    </div>
                  </>
                }
                data-testid="m-notification-item"
              >
                <span className={item.read ? 'm-notifications__title' : 'm-notifications__title m-notifications__title--unread'}>
                  {item.title}
                </span>
              </List.Item>
            ))}
          </List>
        )}
        {items.length > 0 && (
          <InfiniteScroll
            hasMore={Boolean(feed.hasNextPage)}
            loadMore={async () => {
              if (feed.hasNextPage && !feed.isFetchingNextPage) await feed.fetchNextPage();
            }}
          >
            {feed.hasNextPage ? undefined : t('deskAdmin.notifications.noMore')}
          </InfiniteScroll>
        )}
      </PullToRefresh>
    </div>
  );
}
