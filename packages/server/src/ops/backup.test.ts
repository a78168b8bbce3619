import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAuditChain } from '../platform/audit/audit.js';
import { setupTestApp, type TestContext } from '../test/harness.js';
import { backup, restore } from './backup.js';

let t: TestContext;
const work = mkdtempSync(path.join(os.tmpdir(), 'shuyun-backup-test-'));
beforeAll(async () => {
  t = await setupTestApp();
});
afterAll(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

const TABLES = [
  'departments',
  'users',
  'teams',
  'team_members',
  'it_systems',
  'roles',
  'user_roles',
  'audit_log',
  'activity',
  'attachments',
] as const;

/** Row count and an order-independent checksum of every row, per table. */
async function fingerprint(ctx: TestContext) {
  // The audit sealer links new entries within a second; seal now so it cannot change rows mid-test.
  await sealAuditChain(ctx.platform.db);
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{
      n: string;
      sum: string | null;
    }>`SELECT count(*)::text AS n, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS sum FROM ${sql.table(table)} t`.execute(
      ctx.platform.db,
    );
    out[table] = `${rows[0]?.n}:${rows[0]?.sum}`;
  }
  return out;
}

describe('backup and restore', () => {
  // Needs PostgreSQL client tools (pg_dump, pg_restore) 15+ on PATH, as `shuyun backup` does; CI installs them.
  it('round-trips the database and stored files exactly', async () => {
    const admin = await t.createUser({ roles: ['system_admin'] });
    const api = await t.login(admin);
    await api.post('/api/departments', { name: '备份部', code: 'BAK' });
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366ff' } })
      .png()
      .toBuffer();
    const boundary = 'xBOUNDARYx';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const uploaded = await api.request('POST', '/api/files', {
      payload: body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(uploaded.statusCode).toBe(201);
    const before = await fingerprint(t);

    const archive = await backup(t.config, t.databaseUrl, path.join(work, 'b.tar.gz'));
    // Wipe: new rows, a deleted file, changed data.
    await api.post('/api/departments', { name: '备份后新增', code: 'AFTER' });
    rmSync(t.config.filesDir, { recursive: true, force: true });
    expect(await fingerprint(t)).not.toEqual(before);

    await restore(t.config, t.databaseUrl, archive);
    expect(await fingerprint(t)).toEqual(before);
    const file = await api.get(`/api/files/${uploaded.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(Buffer.compare(file.rawPayload, png)).toBe(0);
    expect(readFileSync(archive).subarray(0, 2).toString('hex')).toBe('1f8b'); // one gzip archive
  });

  it('refuses an archive that is not a Shuyun backup and changes nothing', async () => {
    // A real tar.gz of something else (written outside the folder it packs, so tar never reads its own output).
    const stranger = mkdtempSync(path.join(os.tmpdir(), 'shuyun-not-a-backup-'));
    writeFileSync(path.join(stranger, 'notes.txt'), '不是备份');
    const bogus = path.join(work, 'bogus.tar.gz');
    execFileSync('tar', ['-czf', bogus, '-C', stranger, '.']);
    const before = await fingerprint(t);
    await expect(restore(t.config, t.databaseUrl, bogus)).rejects.toThrow();
    expect(await fingerprint(t)).toEqual(before);
  });
});
