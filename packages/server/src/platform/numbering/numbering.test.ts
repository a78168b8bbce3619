import { RECORD_NUMBER_PATTERN } from '@shuyun/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { businessDay, nextRecordNumber, nextTag } from './numbering.js';

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp();
});
afterAll(() => t.close());

const SHANGHAI_MORNING = new Date('2026-11-21T16:30:00Z'); // 00:30 on 22 November in Shanghai

describe('readable record numbers', () => {
  it('uses the business-local date, not the UTC date', async () => {
    expect(t.config.TIMEZONE).toBe('Asia/Shanghai');
    expect(businessDay(SHANGHAI_MORNING, t.config.TIMEZONE)).toBe('2026-11-22');
    expect(businessDay(SHANGHAI_MORNING, 'UTC')).toBe('2026-11-21');
    const number = await t.platform.db.transaction().execute((trx) => nextRecordNumber(trx, 'ticket', t.config.TIMEZONE, SHANGHAI_MORNING));
    expect(number).toBe('GD20261122-0001');
    expect(number).toMatch(RECORD_NUMBER_PATTERN);
  });

  it('gives 50 concurrent creations 50 distinct consecutive numbers', async () => {
    const at = new Date('2026-03-01T02:00:00Z');
    const numbers = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.platform.db.transaction().execute((trx) => nextRecordNumber(trx, 'incident', t.config.TIMEZONE, at)),
      ),
    );
    expect(new Set(numbers).size).toBe(50);
    const expected = Array.from({ length: 50 }, (_, i) => `SJ20260301-${String(i + 1).padStart(4, '0')}`);
    expect([...numbers].sort()).toEqual(expected);
  });

  it('keeps a separate daily sequence per record type and per day', async () => {
    const at = new Date('2026-05-10T08:00:00Z');
    const next = (type: 'fault' | 'demand', when: Date) =>
      t.platform.db.transaction().execute((trx) => nextRecordNumber(trx, type, t.config.TIMEZONE, when));
    expect(await next('fault', at)).toBe('GZ20260510-0001');
    expect(await next('fault', at)).toBe('GZ20260510-0002');
    expect(await next('demand', at)).toBe('XQ20260510-0001');
    expect(await next('fault', new Date('2026-05-10T16:00:00Z'))).toBe('GZ20260511-0001');
  });

  it('never hands out a committed number twice when a transaction rolls back', async () => {
    const at = new Date('2026-07-01T04:00:00Z');
    const committed: string[] = [];
    const take = () => t.platform.db.transaction().execute((trx) => nextRecordNumber(trx, 'release', t.config.TIMEZONE, at));
    committed.push(await take());

    // A creation that fails after taking its number…
    let lost: string | null = null;
    await expect(
      t.platform.db.transaction().execute(async (trx) => {
        lost = await nextRecordNumber(trx, 'release', t.config.TIMEZONE, at);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(lost).toBe('FB20260701-0002');

    // …while others keep creating, concurrently with one more failure in the middle.
    const results = await Promise.allSettled([
      take(),
      t.platform.db.transaction().execute(async (trx) => {
        await nextRecordNumber(trx, 'release', t.config.TIMEZONE, at);
        throw new Error('rolled back');
      }),
      take(),
      take(),
    ]);
    for (const r of results) if (r.status === 'fulfilled') committed.push(r.value);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    committed.push(await take());

    // Gaps are tolerated (SPEC), duplicates never are; numbers only ever go up.
    expect(new Set(committed).size).toBe(committed.length);
    const seqs = committed.map((n) => Number(n.split('-')[1]));
    expect(seqs[0]).toBe(1);
    expect(seqs.at(-1)).toBeGreaterThan(Math.max(...seqs.slice(0, -1)));
    const row = await t.platform.db.selectFrom('number_sequences').select('last').where('prefix', '=', 'FB').executeTakeFirstOrThrow();
    expect(row.last).toBeGreaterThanOrEqual(seqs.at(-1) as number);
  });

  it('grows past four digits instead of wrapping', async () => {
    const at = new Date('2026-08-08T04:00:00Z');
    await t.platform.db.insertInto('number_sequences').values({ prefix: 'XM', day: '2026-08-08', last: 9999 }).execute();
    const number = await t.platform.db.transaction().execute((trx) => nextRecordNumber(trx, 'project', t.config.TIMEZONE, at));
    expect(number).toBe('XM20260808-10000');
    expect(number).toMatch(RECORD_NUMBER_PATTERN);
  });
});

describe('asset tags', () => {
  it('counts one global sequence per prefix, zero-padded to six digits', async () => {
    const tags: string[] = [];
    for (let i = 0; i < 3; i++) tags.push(await t.platform.db.transaction().execute((trx) => nextTag(trx, 'ZC')));
    expect(tags).toEqual(['ZC-000001', 'ZC-000002', 'ZC-000003']);
    // Each prefix has its own counter.
    expect(await t.platform.db.transaction().execute((trx) => nextTag(trx, 'BJ'))).toBe('BJ-000001');
    expect(await t.platform.db.transaction().execute((trx) => nextTag(trx, 'ZC'))).toBe('ZC-000004');
  });

  it('is unique under concurrency', async () => {
    const tags = await Promise.all(Array.from({ length: 30 }, () => t.platform.db.transaction().execute((trx) => nextTag(trx, 'PJ'))));
    expect(new Set(tags).size).toBe(30);
    expect([...tags].sort().at(-1)).toBe('PJ-000030');
  });
});
