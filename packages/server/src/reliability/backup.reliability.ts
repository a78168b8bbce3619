import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.js';
import { backup, restore } from '../ops/backup.js';
import { setupTestApp, type TestContext } from '../test/harness.js';
import { scale } from './scale.js';

// Campaign 5: the demo company (users, tickets with timelines, knowledge, audit log…) backed up,
// wiped (both schemas dropped, stored files deleted) and restored equals the original, table by table.

let t: TestContext;
const work = mkdtempSync(path.join(os.tmpdir(), 'shuyun-reliability-backup-'));
beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
});
afterAll(async () => {
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Row count and an order-independent checksum of every table in public, plus pg-boss's job queue. */
async function fingerprint(): Promise<Record<string, string>> {
  const { rows: tables } = await sql<{ schema: string; name: string }>`
    SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE (n.nspname = 'public' OR (n.nspname = 'pgboss' AND c.relname IN ('job', 'queue', 'schedule')))
      AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1, 2`.execute(t.platform.db);
  const out: Record<string, string> = {};
  for (const { schema, name } of tables) {
    const { rows } = await sql<{ n: string; sum: string | null }>`
      SELECT count(*)::text AS n, md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))) AS sum FROM ${sql.table(`${schema}.${name}`)} x`.execute(
      t.platform.db,
    );
    out[`${schema}.${name}`] = `${rows[0]?.n}:${rows[0]?.sum}`;
  }
  return out;
}

describe('backup → wipe → restore', () => {
  it(`round-trips the demo company (${scale.backupTickets} tickets) table by table`, async () => {
    await seedDemo(t.platform.db, { tickets: scale.backupTickets });
    const before = await fingerprint();
    const tickets = Number(before['public.tickets']?.split(':')[0]);
    expect(tickets).toBeGreaterThanOrEqual(scale.backupTickets);

    const archive = await backup(t.config, t.databaseUrl, path.join(work, 'demo.tar.gz'));
    await sql`DROP SCHEMA public CASCADE`.execute(t.platform.db);
    await sql`CREATE SCHEMA public`.execute(t.platform.db);
    await sql`DROP SCHEMA pgboss CASCADE`.execute(t.platform.db);
    rmSync(t.config.filesDir, { recursive: true, force: true });
    expect(Object.keys(await fingerprint())).toEqual([]);

    await restore(t.config, t.databaseUrl, archive);
    const after = await fingerprint();
    expect(after).toEqual(before);
    console.log(`[backup] ${Object.keys(after).length} tables, ${tickets} tickets: identical after the round trip`);
    // The restored system works: the demo administrator signs in and sees the tickets.
    const admin = await t.login({ username: 'admin', password: DEMO_PASSWORD });
    const list = await admin.get('/api/tickets?view=all&pageSize=1');
    expect(list.statusCode).toBe(200);
  });
});
