import { describe, expect, it } from 'vitest';
import { PERMISSION_GROUPS, PERMISSIONS } from '../permissions.js';
import { BUILTIN_ROLE_KEYS } from '../roles.js';
import { catalogues, flattenKeys, translate } from './index.js';

describe('i18n catalogues', () => {
  it('have exactly the same keys in zh-CN and en-US', () => {
    const zh = flattenKeys(catalogues['zh-CN']).sort();
    const en = flattenKeys(catalogues['en-US']).sort();
    expect(
      en.filter((k) => !zh.includes(k)),
      'keys only in en-US',
    ).toEqual([]);
    expect(
      zh.filter((k) => !en.includes(k)),
      'keys only in zh-CN',
    ).toEqual([]);
  });

  it('have no empty messages and the same {{placeholders}} in both languages', () => {
    for (const key of flattenKeys(catalogues['zh-CN'])) {
      const zh = translate('zh-CN', key);
      const en = translate('en-US', key);
      expect(zh.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(en), key).toEqual(vars(zh));
    }
  });

  it('name every permission, permission group and built-in role in both languages', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      for (const p of PERMISSIONS) expect(translate(locale, `roles.permissionNames.${p}`), p).not.toBe(`roles.permissionNames.${p}`);
      for (const g of Object.keys(PERMISSION_GROUPS)) expect(translate(locale, `roles.groups.${g}`), g).not.toBe(`roles.groups.${g}`);
      for (const r of BUILTIN_ROLE_KEYS) expect(translate(locale, `roles.names.${r}`), r).not.toBe(`roles.names.${r}`);
    }
  });

  it('every permission sits in exactly one group', () => {
    const grouped = Object.values(PERMISSION_GROUPS).flat();
    expect([...grouped].sort()).toEqual([...PERMISSIONS].sort());
  });
});
