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

/**
 * A name for an event type this screen has no name for yet (a module registered it later): its
 * message title without the record's details — "知识 {{number}} 待您审核：{{title}}" → "知识 待您审核".
 */
function templateName(title: string | undefined): string | undefined {
  if (!title) return undefined;
  const name = title
    .replace(/\{\{\w+\}\}/g, '')
    .replace(/[「“"]\s*[」”"]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s:：,，]+$/, '')
    .trim();
  return name || undefined;
}

/** Names of notification event types (`ticket.assigned` → 工单指派给我) and of their modules. */
export function useEventLabels() {
  const { locale } = useLabels();
  const section = catalogues[locale].deskAdmin;
  const templates = catalogues[locale].notifications.events;
  const event = useCallback(
    (type: string) => lookup(section.eventTypes, type.split('.')) ?? templateName(lookup(templates, [...type.split('.'), 'title'])) ?? type,
    [section, templates],
  );
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
