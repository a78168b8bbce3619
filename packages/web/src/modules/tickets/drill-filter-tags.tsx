import { Button, Flex, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TicketFilters } from './api';
import { DRILL_KEYS, hasDrillFilters } from './list-params';

const EVENTS = ['responded', 'resolved', 'rated'] as const;

/**
 * What a link from the analytics dashboards narrowed the list to (the records behind a figure), one
 * removable tag each. These filters have no control of their own on the list.
 */
export function DrillFilterTags({ filters, onChange }: { filters: TicketFilters; onChange: (changes: Partial<TicketFilters>) => void }) {
  const { t } = useTranslation();
  if (!hasDrillFilters(filters)) return null;
  // Analytics sends local midnights with their offset (2025-03-03T00:00:00+08:00): the date is the
  // dashboard's day whatever the browser's time zone. Upper bounds are exclusive: the day before.
  const dayOf = (iso: string) => (/^\d{4}-\d{2}-\d{2}T00:00:00([+-]\d{2}:\d{2}|Z)$/.test(iso) ? dayjs(iso.slice(0, 10)) : dayjs(iso));
  const first = (iso: string | undefined) => (iso ? dayOf(iso).format('YYYY-MM-DD') : '…');
  const last = (iso: string | undefined) => (iso ? dayOf(iso).subtract(1, 'day').format('YYYY-MM-DD') : '…');
  const tags: { key: string; label: string; clear: Partial<TicketFilters> }[] = [];
  for (const event of EVENTS) {
    const from = filters[`${event}From`];
    const to = filters[`${event}To`];
    if (from || to) {
      tags.push({
        key: event,
        label: t(`analytics.drill.${event}`, { from: first(from), to: last(to) }),
        clear: { [`${event}From`]: undefined, [`${event}To`]: undefined },
      });
    }
  }
  if (filters.rating?.length) {
    tags.push({ key: 'rating', label: t('analytics.drill.rating', { stars: filters.rating.join('/') }), clear: { rating: undefined } });
  }
  if (filters.transferred) tags.push({ key: 'transferred', label: t('analytics.drill.transferred'), clear: { transferred: undefined } });
  if (filters.reopened) tags.push({ key: 'reopened', label: t('analytics.drill.reopened'), clear: { reopened: undefined } });
  if (filters.slaBreached) {
    const label = filters.slaBreached === 'response' ? t('analytics.drill.responseBreached') : t('analytics.drill.resolutionBreached');
    tags.push({ key: 'slaBreached', label, clear: { slaBreached: undefined } });
  }
  const clearAll = Object.fromEntries(DRILL_KEYS.map((key) => [key, undefined])) as Partial<TicketFilters>;
  return (
    <Flex gap={4} wrap align="center" style={{ marginBottom: 12 }} data-testid="drill-filters">
      <span style={{ color: '#8c8c8c', marginRight: 4 }}>{t('analytics.drill.label')}</span>
      {tags.map((tag) => (
        <Tag key={tag.key} color="blue" closable onClose={() => onChange(tag.clear)}>
          {tag.label}
        </Tag>
      ))}
      <Button type="link" size="small" onClick={() => onChange(clearAll)}>
        {t('analytics.drill.clear')}
      </Button>
    </Flex>
  );
}
