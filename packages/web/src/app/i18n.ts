import { type Catalogue, catalogues, DEFAULT_LOCALE, LOCALES, type Locale, pickLocale } from '@shuyun/shared';
import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}

const STORAGE_KEY = 'shuyun.locale';

const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language stored on this device, else the browser's, else zh-CN. */
export function deviceLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be unavailable (private mode); fall through to the browser language.
  }
  return typeof navigator === 'undefined' ? DEFAULT_LOCALE : pickLocale(navigator.languages?.join(',') || navigator.language);
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not fatal: the choice just is not remembered.
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: catalogues['zh-CN'] },
    'en-US': { translation: catalogues['en-US'] },
  },
  lng: deviceLocale(),
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

applyLocaleSideEffects(currentLocale());

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

function applyLocaleSideEffects(locale: Locale): void {
  dayjs.locale(DAYJS_LOCALES[locale]);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale;
    document.title = catalogues[locale].app.name;
  }
}

/** Switches the UI language (i18next, dayjs, <html lang>); callers persist it. */
export async function changeUiLocale(locale: Locale): Promise<void> {
  applyLocaleSideEffects(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

/**
 * Labels whose keys contain dots (permission names, audit actions) or that come from the
 * server as data (to-do keys, role keys) — looked up on the catalogue directly so the
 * dotted key is never split.
 */
export function useLabels() {
  const { i18n: instance } = useTranslation();
  const locale: Locale = isLocale(instance.language) ? instance.language : DEFAULT_LOCALE;
  const catalogue = catalogues[locale];
  return {
    locale,
    permission: (perm: string) => lookup(catalogue.roles.permissionNames, perm),
    permissionGroup: (group: string) => lookup(catalogue.roles.groups, group),
    roleName: (key: string, fallback?: string | null) => (catalogue.roles.names as Record<string, string>)[key] ?? fallback ?? key,
    scope: (scope: string | null | undefined) => (scope ? lookup(catalogue.roles.scopes, scope) : ''),
    auditAction: (action: string) => lookup(catalogue.audit.actions, action),
    auditObject: (type: string) => lookup(catalogue.audit.objects, type),
    todo: (key: string) => lookup(catalogue.home.todoItems, key),
    criticality: (level: string) => lookup(catalogue.org.criticalityLevels, level),
    /** A language's own name (简体中文, English), from the catalogue. */
    language: (value: Locale) => lookup(catalogue.shell.languages, value),
  };
}

function lookup(table: object, key: string): string {
  const value = (table as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : key;
}

/** Formats an ISO timestamp for display in the current language. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  return dayjs(value).format('YYYY-MM-DD HH:mm');
}
