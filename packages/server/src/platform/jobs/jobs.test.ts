import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDatabase } from '../../db/database.js';
import { createTestDatabase } from '../../test/harness.js';
import { defineJob, Jobs } from './jobs.js';

/** Polls until `check` returns a truthy value or the deadline passes. */
async function waitFor<T>(check: () => Promise<T> | T, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const log = pino({ level: 'silent' });
let url: string;
let db: ReturnType<typeof createDatabase>['db'];
// Two job systems on one database, like two server instances.
let first: Jobs;
let second: Jobs;

const runs: Array<{ job: string; data: unknown; instance: string; retryCount: number }> = [];
const failures: Array<{ data: unknown; error: string }> = [];
const attemptsBeforeSuccess = new Map<string, number>();

function defineAll(jobs: Jobs, instance: string) {
  jobs.register(
    defineJob({
      name: 'test.record',
      schema: z.object({ key: z.string().min(1), count: z.number().int() }),
      retryLimit: 1,
      retryDelaySeconds: 1,
      handler: async (data, meta) => {
        runs.push({ job: 'test.record', data, instance, retryCount: meta.retryCount });
      },
    }),
  );
  jobs.register(
    defineJob({
      name: 'test.flaky',
      schema: z.object({ key: z.string(), failTimes: z.number().int() }),
      retryLimit: 1,
      retryDelaySeconds: 1,
      handler: async (data, meta) => {
        runs.push({ job: 'test.flaky', data, instance, retryCount: meta.retryCount });
        const seen = (attemptsBeforeSuccess.get(data.key) ?? 0) + 1;
        attemptsBeforeSuccess.set(data.key, seen);
        if (seen <= data.failTimes) throw new Error(`attempt ${seen} failed`);
      },
      onFailure: async (data, error) => {
        failures.push({ data, error: (error as Error).message });
      },
    }),
  );
  jobs.register(defineJob({ name: 'test.strictDate', schema: z.object({ at: z.date() }), handler: async () => {} }));
  jobs.register(
    defineJob({
      name: 'test.transform',
      schema: z.object({ dueAt: z.coerce.date(), tags: z.string().transform((s) => s.split(',')) }),
      retryLimit: 0,
      handler: async (data) => {
        runs.push({ job: 'test.transform', data, instance, retryCount: 0 });
      },
    }),
  );
}

beforeAll(async () => {
  url = await createTestDatabase();
  db = createDatabase(url, 5).db;
  first = new Jobs(url, log);
  second = new Jobs(url, log);
  defineAll(first, 'first');
  defineAll(second, 'second');
  await first.start();
  await second.start();
  await first.work();
  await second.work();
});

afterAll(async () => {
  await first?.stop();
  await second?.stop();
  await db?.destroy();
});

async function jobRows(name: string) {
  const { rows } = await sql<{ id: string; state: string; data: unknown }>`
    SELECT id, state, data FROM pgboss.job WHERE name = ${name} ORDER BY created_on`.execute(db);
  return rows;
}

async function jobState(id: string): Promise<string | undefined> {
  const { rows } = await sql<{ state: string }>`SELECT state FROM pgboss.job WHERE id = ${id}`.execute(db);
  return rows[0]?.state;
}

const runsOf = (key: string) => runs.filter((r) => (r.data as { key?: string }).key === key);

describe('enqueueing inside the business transaction', () => {
  it('never runs a job whose transaction rolled back', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await first.enqueue(trx, 'test.record', { key: 'rolled-back', count: 1 });
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    expect((await jobRows('test.record')).filter((j) => (j.data as { key: string }).key === 'rolled-back')).toEqual([]);

    // A job committed afterwards runs; by then the rolled-back one would have run too, were it queued.
    const id = await db.transaction().execute((trx) => first.enqueue(trx, 'test.record', { key: 'after-rollback', count: 1 }));
    await waitFor(async () => (await jobState(id as string)) === 'completed', 'the committed job');
    expect(runsOf('rolled-back')).toEqual([]);
  });

  it('makes the job visible only when the transaction commits, then runs it exactly once', async () => {
    let id: string | null = null;
    await db.transaction().execute(async (trx) => {
      id = await first.enqueue(trx, 'test.record', { key: 'committed', count: 7 });
      // Another connection (a worker) cannot see it yet.
      expect(await jobState(id as string)).toBeUndefined();
    });
    expect(id).toBeTruthy();
    await waitFor(async () => (await jobState(id as unknown as string)) === 'completed', 'the job to complete');
    expect(runsOf('committed')).toEqual([expect.objectContaining({ data: { key: 'committed', count: 7 }, retryCount: 0 })]);
  });

  it('gives a job five minutes before a silent worker counts as dead and it runs again (not pg-boss’s fifteen)', async () => {
    const id = await db.transaction().execute((trx) => first.enqueue(trx, 'test.record', { key: 'expiry', count: 1 }));
    const { rows } = await sql<{
      seconds: number;
    }>`SELECT extract(epoch FROM expire_in)::int AS seconds FROM pgboss.job WHERE id = ${id}`.execute(db);
    expect(rows[0]?.seconds).toBe(300);
  });

  it('runs each of many jobs once across two instances', async () => {
    const ids = await db.transaction().execute(async (trx) => {
      const out: string[] = [];
      for (let i = 0; i < 12; i++) out.push((await second.enqueue(trx, 'test.record', { key: `many-${i}`, count: i })) as string);
      return out;
    });
    await waitFor(async () => {
      const states = await Promise.all(ids.map(jobState));
      return states.every((s) => s === 'completed');
    }, 'all twelve jobs');
    for (let i = 0; i < 12; i++) expect(runsOf(`many-${i}`), `job ${i}`).toHaveLength(1);
  });
});

describe('throughput', () => {
  it('drains a burst of jobs promptly rather than one per polling interval', async () => {
    // Generous bound: one job per second per instance would need 30 s for this burst.
    const ids = await db.transaction().execute(async (trx) => {
      const out: string[] = [];
      for (let i = 0; i < 60; i++) out.push((await first.enqueue(trx, 'test.record', { key: `burst-${i}`, count: i })) as string);
      return out;
    });
    await waitFor(
      async () => {
        const { rows } = await sql<{ n: string }>`
          SELECT count(*) AS n FROM pgboss.job WHERE id = ANY(${ids}::uuid[]) AND state = 'completed'`.execute(db);
        return Number(rows[0]?.n) === ids.length;
      },
      'the burst to drain',
      12_000,
    );
    for (let i = 0; i < 60; i++) expect(runsOf(`burst-${i}`), `job ${i}`).toHaveLength(1);
  });
});

describe('failures', () => {
  it('retries a failing job and calls onFailure once, after the last retry', async () => {
    const id = await db.transaction().execute((trx) => first.enqueue(trx, 'test.flaky', { key: 'always', failTimes: 99 }));
    await waitFor(async () => (await jobState(id as string)) === 'failed', 'the job to fail for good');
    expect(runsOf('always').map((r) => r.retryCount)).toEqual([0, 1]);
    expect(failures.filter((f) => (f.data as { key: string }).key === 'always')).toEqual([
      { data: { key: 'always', failTimes: 99 }, error: 'attempt 2 failed' },
    ]);
  });

  it('does not call onFailure when a retry succeeds', async () => {
    const id = await db.transaction().execute((trx) => first.enqueue(trx, 'test.flaky', { key: 'once', failTimes: 1 }));
    await waitFor(async () => (await jobState(id as string)) === 'completed', 'the retry to succeed');
    expect(runsOf('once')).toHaveLength(2);
    expect(failures.filter((f) => (f.data as { key: string }).key === 'once')).toEqual([]);
  });
});

describe('payload validation', () => {
  it('refuses a payload that does not match the schema, enqueueing nothing', async () => {
    const before = (await jobRows('test.record')).length;
    await expect(db.transaction().execute((trx) => first.enqueue(trx, 'test.record', { key: '', count: 'seven' }))).rejects.toThrow(
      z.ZodError,
    );
    // Even a caller that swallows the error and commits has enqueued nothing.
    await db.transaction().execute(async (trx) => {
      await first.enqueue(trx, 'test.record', { key: 'x' }).catch(() => null);
    });
    expect(await jobRows('test.record')).toHaveLength(before);
  });

  it('refuses to register a job once the job system has started, instead of never running it', () => {
    expect(() => first.register(defineJob({ name: 'test.late', schema: z.object({}), handler: async () => {} }))).toThrow(
      /registered after the job system started/,
    );
  });

  it('refuses an unknown job name', async () => {
    await expect(db.transaction().execute((trx) => first.enqueue(trx, 'test.nope', {}))).rejects.toThrow(/unknown job/);
  });

  it('hands the handler the parsed payload, even when the schema transforms it', async () => {
    const id = await db
      .transaction()
      .execute((trx) => first.enqueue(trx, 'test.transform', { dueAt: '2026-11-22T01:00:00.000Z', tags: 'a,b' }));
    await waitFor(async () => (await jobState(id as string)) === 'completed', 'the transform job', 10_000);
    const run = runs.find((r) => r.job === 'test.transform');
    expect(run?.data).toEqual({ dueAt: new Date('2026-11-22T01:00:00.000Z'), tags: ['a', 'b'] });
  });

  it('refuses at enqueue a payload that would not survive being stored as JSON', async () => {
    await expect(db.transaction().execute((trx) => first.enqueue(trx, 'test.strictDate', { at: new Date() }))).rejects.toThrow(z.ZodError);
  });
});
