import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogues, flattenKeys, LOCALES } from '@shuyun/shared';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

// `t('a.b')`, `label: 'nav.x'`, `title: 'mobile.tabs.x'` — the literal keys the web uses.
const KEY_PATTERNS = [/(?<![\w.])t\(\s*'([a-zA-Z0-9_]+(?:\.[a-zA-Z0-9_]+)+)'/g, /(?:label|title): '((?:nav|mobile)\.[a-zA-Z.]+)'/g];

describe('web i18n usage', () => {
  const used = new Map<string, string>();
  for (const file of sources(here)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of KEY_PATTERNS) {
      for (const match of text.matchAll(pattern)) used.set(match[1] as string, path.relative(here, file));
    }
  }

  it('finds the keys it is meant to check', () => {
    expect(used.size).toBeGreaterThan(150);
  });

  for (const locale of LOCALES) {
    it(`every key the web uses exists in ${locale}`, () => {
      const known = new Set(flattenKeys(catalogues[locale]));
      const missing = [...used].filter(([key]) => !known.has(key)).map(([key, file]) => `${key} (${file})`);
      expect(missing).toEqual([]);
    });
  }

  it('has a name for every language in every language', () => {
    for (const locale of LOCALES) {
      for (const other of LOCALES) expect(catalogues[locale].shell.languages[other]).toBeTruthy();
    }
  });
});
