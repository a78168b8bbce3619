import { enUS } from './en-US.js';
import type { Catalogue } from './types.js';
import { zhCN } from './zh-CN.js';

export type { Catalogue } from './types.js';
export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const catalogues: Record<Locale, Catalogue> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Picks the best supported locale from an Accept-Language header or a stored preference. */
export function pickLocale(value: string | null | undefined): Locale {
  if (!value) return DEFAULT_LOCALE;
  for (const part of value.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return DEFAULT_LOCALE;
}

/** Flattens a catalogue into dotted keys, e.g. `errors.notFound`. */
export function flattenKeys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : flattenKeys(value as object, `${prefix}${key}.`),
  );
}

/** Server-side translation with `{{name}}` interpolation (the web uses i18next on the same catalogues). */
export function translate(locale: Locale, key: string, values: Record<string, unknown> = {}): string {
  let node: unknown = catalogues[locale];
  for (const part of splitKey(key)) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') return key;
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

// Permission names contain dots (`org.user.read`), so a key segment may be one of those.
function splitKey(key: string): string[] {
  const match = /^(roles\.permissionNames|audit\.actions)\.(.+)$/.exec(key);
  if (match?.[1] && match[2]) return [...match[1].split('.'), match[2]];
  return key.split('.');
}
