import { type Locale, type TimelineEvent, translate } from '@shuyun/shared';

const LIST_SEPARATOR: Record<Locale, string> = { 'zh-CN': '、', 'en-US': ', ' };

/**
 * One timeline entry as plain text in the reader's language, e.g. `张三 指派给 李四`. For
 * notifications and e-mail; the text is not escaped, so an HTML renderer must escape it.
 */
export function renderTimelineEntry(entry: { actorName: string | null; event: TimelineEvent }, locale: Locale): string {
  const { event } = entry;
  const values: Record<string, unknown> = { ...event, actor: entry.actorName ?? translate(locale, 'timeline.system') };
  for (const [key, value] of Object.entries(event)) if (Array.isArray(value)) values[key] = value.join(LIST_SEPARATOR[locale]);
  if (event.kind === 'assigned' || event.kind === 'transferred') values.target = target(event, locale);
  if (event.kind === 'roleGranted' || event.kind === 'roleRevoked')
    values.role = translated(locale, `roles.names.${event.role}`, event.role);
  if (event.kind === 'roleGranted') values.scope = translated(locale, `roles.scopes.${event.scope}`, event.scope);
  return translate(locale, `timeline.${event.kind}`, values);
}

function target(event: { toUser?: string; toTeam?: string }, locale: Locale): string {
  if (event.toUser && event.toTeam) return locale === 'zh-CN' ? `${event.toUser}（${event.toTeam}）` : `${event.toUser} (${event.toTeam})`;
  return event.toUser ?? event.toTeam ?? '';
}

/** The catalogue text for a key, or the raw value when the catalogue has none (custom roles). */
function translated(locale: Locale, key: string, fallback: string): string {
  const text = translate(locale, key);
  return text === key ? fallback : text;
}
