import { Empty, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEventLabels, whenText } from './labels';
import type { NotificationItem } from './types';
import './notifications.css';

interface Props {
  items: NotificationItem[] | undefined;
  loading: boolean;
  onOpen: (item: NotificationItem) => void;
  /** Two-line bodies in the bell's panel, full bodies on the page. */
  compact?: boolean;
  emptyText?: string;
}

/** Notifications newest first; unread ones marked. Opening one is the caller's business (mark read, go to its record). */
export function NotificationList({ items, loading, onOpen, compact = false, emptyText }: Props) {
  const { t } = useTranslation();
  const labels = useEventLabels();
  if (loading && !items) return <Skeleton active paragraph={{ rows: 3 }} style={{ padding: 16 }} />;
  if (!items?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t('notifications.empty')} />;
  return (
    <ul className={`notification-list${compact ? ' notification-list--compact' : ''}`} data-testid="notification-list">
      {items.map((item) => (
        <li key={item.id}>
          <button
            type="button"
            className={`notification-list__item${item.read ? '' : ' notification-list__item--unread'}`}
            onClick={() => onOpen(item)}
            data-testid="notification-item"
          >
            <span className="notification-list__dot" aria-hidden />
            <span className="notification-list__main">
              <span className="notification-list__title">{item.title}</span>
              <Typography.Paragraph
                type="secondary"
                className="notification-list__body"
                ellipsis={compact ? { rows: 2 } : false}
                style={{ margin: 0 }}
              >
                {item.body}
              </Typography.Paragraph>
              <span className="notification-list__meta">
                {labels.event(item.eventType)} · {whenText(item.createdAt)}
                {!item.read && <span className="notification-list__unread">{t('deskAdmin.notifications.unread')}</span>}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
