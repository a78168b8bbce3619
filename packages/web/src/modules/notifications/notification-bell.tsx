import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Popover, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useMarkAllRead, useNotifications, useUnreadCount } from './api';
import { NotificationList } from './notification-list';
import { useOpenNotification } from './use-open-notification';
import './notifications.css';

/** The header bell: unread count (live over SSE) and the latest notifications; a click opens the record. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const count = useUnreadCount();
  const list = useNotifications({ page: 1, pageSize: 8, unread: unreadOnly }, open);
  const markAll = useMarkAllRead();
  const { showError } = useApiFeedback();
  const openItem = useOpenNotification('/');

  const panel = (
    <div className="notification-bell__panel" data-testid="notification-panel">
      <div className="notification-bell__head">
        <span className="notification-bell__title">{t('notifications.title')}</span>
        <Segmented<'all' | 'unread'>
          size="small"
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(value) => setUnreadOnly(value === 'unread')}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'unread', label: t('notifications.unreadOnly') },
          ]}
        />
        <Button
          type="link"
          size="small"
          disabled={!count.data}
          loading={markAll.isPending}
          onClick={() => markAll.mutate(undefined, { onError: (error) => showError(error) })}
        >
          {t('notifications.markAllRead')}
        </Button>
      </div>
      <div className="notification-bell__body">
        <NotificationList
          compact
          items={list.data?.items}
          loading={list.isPending}
          onOpen={(item) => {
            setOpen(false);
            openItem(item);
          }}
        />
      </div>
      <div className="notification-bell__foot">
        <Button
          type="link"
          onClick={() => {
            setOpen(false);
            navigate('/notifications');
          }}
        >
          {t('notifications.viewAll')}
        </Button>
      </div>
    </div>
  );

  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" placement="bottomRight" content={panel} arrow={false}>
      <Badge count={count.data ?? 0} size="small" overflowCount={99} offset={[-4, 4]}>
        <Button
          type="text"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          aria-label={t('notifications.title')}
          data-testid="notification-bell"
          data-count={count.data ?? 0}
        />
      </Badge>
    </Popover>
  );
}
