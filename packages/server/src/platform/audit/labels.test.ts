import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TICKET_ACTIONS, translate } from '@shuyun/shared';
import { describe, expect, it } from 'vitest';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Every audit action and object type the server writes, read from the source. */
function written() {
  const actions = new Set<string>(['deactivate', 'reactivate', ...TICKET_ACTIONS.map((a) => `ticket.${a}`)]);
  const objects = new Set<string>();
  for (const file of sources(src)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\baction: '([\w.]+)'/g)) actions.add(m[1] as string);
    for (const m of text.matchAll(/\bobjectType: '([\w.]+)'/g)) objects.add(m[1] as string);
  }
  return { actions, objects };
}

describe('audit log labels', () => {
  it('names every action and object type the server records, in both languages', () => {
    const { actions, objects } = written();
    expect(actions.size).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const locale of ['zh-CN', 'en-US'] as const) {
      for (const a of actions) if (translate(locale, `audit.actions.${a}`) === `audit.actions.${a}`) missing.push(`${locale} action ${a}`);
      for (const o of objects) if (translate(locale, `audit.objects.${o}`) === `audit.objects.${o}`) missing.push(`${locale} object ${o}`);
    }
    expect(missing).toEqual([]);
  });
});
