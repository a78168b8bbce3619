import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useMarkRead } from './api';
import type { NotificationItem } from './types';

/**
 * Marks a notification read and goes to its record. Links are PC paths (`/tickets/123`); the phone
 * end (`prefix` '/m') opens the same path under /m.
 */
export function useOpenNotification(prefix: '/' | '/m') {
  const navigate = useNavigate();
  const { mutate: markRead } = useMarkRead();
  return useCallback(
    (item: NotificationItem) => {
      if (!item.read) markRead(item.id);
      if (!item.link.startsWith('/')) return;
      navigate(prefix === '/m' ? `/m${item.link}` : item.link);
    },
    [markRead, navigate, prefix],
  );
}
