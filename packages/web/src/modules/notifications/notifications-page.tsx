import { CheckOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Pagination, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useMarkAllRead, useNotifications, useUnreadCount } from './api';
import { NotificationList } from './notification-list';
import { useOpenNotification } from './use-open-notification';

const PAGE_SIZE = 20;

/** All of my notifications, paged; unread only on demand. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [unread, setUnread] = useState(false);
  const [page, setPage] = useState(1);
  const list = useNotifications({ page, pageSize: PAGE_SIZE, unread });
  const count = useUnreadCount();
  const markAll = useMarkAllRead();
  const { showError, showSuccess } = useApiFeedback();
  const openItem = useOpenNotification('/');

  if (list.isError) return <LoadFailedResult message={list.error.message} onRetry={() => list.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        subtitle={t('deskAdmin.notifications.unreadCount', { count: count.data ?? 0 })}
        extra={
          <>
            <Button icon={<SettingOutlined />} onClick={() => navigate('/account/notifications')}>
              {t('notifications.preferences')}
            </Button>
            <Button
              icon={<CheckOutlined />}
              disabled={!count.data}
              loading={markAll.isPending}
              onClick={() =>
                markAll.mutate(undefined, {
                  onSuccess: ({ count: marked }) => showSuccess(t('deskAdmin.notifications.markedRead', { count: marked })),
                  onError: (error) => showError(error),
                })
              }
            >
              {t('notifications.markAllRead')}
            </Button>
          </>
        }
      />
      <Card variant="borderless" styles={{ body: { padding: 0 } }}>
        <Flex style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
          <Segmented<'all' | 'unread'>
            value={unread ? 'unread' : 'all'}
            onChange={(value) => {
              setUnread(value === 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'unread', label: t('notifications.unreadOnly') },
            ]}
          />
        </Flex>
        <NotificationList items={list.data?.items} loading={list.isPending} onOpen={openItem} />
        {(list.data?.total ?? 0) > PAGE_SIZE && (
          <Flex justify="flex-end" style={{ padding: 16 }}>
            <Pagination
              current={page}
              pageSize={PAGE_SIZE}
              total={list.data?.total ?? 0}
              onChange={setPage}
              showSizeChanger={false}
              showTotal={(total) => t('common.total', { count: total })}
            />
          </Flex>
        )}
      </Card>
    </>
  );
}
