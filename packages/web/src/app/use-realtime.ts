import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ME_KEY } from './auth';
import { queryKeys, RECORD_QUERY_KEYS } from './query-keys';

interface RealtimeEvent {
  type?: string;
  recordType?: string;
  recordId?: number;
  data?: Record<string, unknown>;
}

// The server names each SSE event after its type; these are the ones the web reacts to.
// Unnamed (`message`) events are handled the same way.
const EVENT_TYPES = [
  'message',
  'changed',
  'created',
  'updated',
  'deleted',
  'record.changed',
  'timeline',
  'todos',
  'notification',
  'ticket.changed',
];

/** Keeps one EventSource open while signed in and marks the caches an event touches as stale. */
export function useRealtime(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/events', { withCredentials: true });
    const onEvent = (message: MessageEvent<string>) => {
      let event: RealtimeEvent;
      try {
        event = JSON.parse(message.data) as RealtimeEvent;
      } catch {
        return;
      }
      const recordType = event.recordType ?? '';
      for (const key of RECORD_QUERY_KEYS[recordType] ?? []) void queryClient.invalidateQueries({ queryKey: key });
      if (recordType && event.recordId) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(recordType, event.recordId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.files(recordType, event.recordId) });
      }
      void queryClient.invalidateQueries({ queryKey: queryKeys.todos });
      // A notification for this user: the bell's count and lists.
      if ((event.type ?? message.type) === 'notification') void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, onEvent as EventListener);
    // Events were missed (the server lost its feed): everything may be stale.
    source.addEventListener('resync', () => void queryClient.invalidateQueries());
    // The session ended (signed out elsewhere, idle, deactivated): stop, and let `Me` find out why.
    source.addEventListener('sessionEnded', () => {
      source.close();
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
    });
    return () => source.close();
  }, [enabled, queryClient]);
}
