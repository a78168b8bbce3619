import { catalogues } from '@shuyun/shared';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useCallback } from 'react';
import { useLabels } from '../../app/i18n';

dayjs.extend(relativeTime);

function lookup(table: object, path: string[]): string | undefined {
  let node: unknown = table;
  for (const part of path) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' ? node : undefined;
}

/** Names of notification event types (`ticket.assigned` → 工单指派给我) and of their modules. */
export function useEventLabels() {
  const { locale } = useLabels();
  const section = catalogues[locale].deskAdmin;
  const event = useCallback((type: string) => lookup(section.eventTypes, type.split('.')) ?? type, [section]);
  const module = useCallback(
    (type: string) => lookup(section.eventModules, [type.split('.')[0] ?? '']) ?? type.split('.')[0] ?? type,
    [section],
  );
  /** A delivery's stored reason: a known skip reason in words, else the error text as the server kept it. */
  const reason = useCallback(
    (value: string | null) => (value ? (lookup(catalogues[locale].notifications.skipReasons, [value]) ?? value) : ''),
    [locale],
  );
  return { event, module, reason };
}

/** "3 分钟前" for recent times, the date beyond a week. */
export function whenText(iso: string): string {
  const at = dayjs(iso);
  return dayjs().diff(at, 'day') >= 7 ? at.format('YYYY-MM-DD HH:mm') : at.fromNow();
}
