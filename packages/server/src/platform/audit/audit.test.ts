import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { sealAuditChain, verifyAuditChain, writeAudit } from './audit.js';

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp();
});
afterAll(() => t.close());

const ctx = { actor: null, ip: '127.0.0.1', userAgent: 'test' };

describe('audit log', () => {
  it('is written in the same transaction as the change: a rolled-back change leaves no entry', async () => {
    const before = await t.platform.db.selectFrom('audit_log').select('id').execute();
    await expect(
      t.platform.db.transaction().execute(async (trx) => {
        await writeAudit(trx, ctx, { action: 'create', objectType: 'department', objectId: 1 });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await t.platform.db.selectFrom('audit_log').select('id').execute()).toHaveLength(before.length);
  });

  it('records who, when, from where, what, before and after — and no secrets', async () => {
    const admin = await t.createUser({ roles: ['system_admin'] });
    const api = await t.login(admin);
    const dept = (await api.post('/api/departments', { name: '审计测试部', code: 'AUD1' })).json();
    await api.patch(`/api/departments/${dept.id}`, { name: '审计测试二部', version: dept.version });
    const row = await t.platform.db
      .selectFrom('audit_log')
      .selectAll()
      .where('object_type', '=', 'department')
      .where('action', '=', 'update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor_id: admin.id, ip: '127.0.0.1', object_id: String(dept.id), object_label: '审计测试二部' });
    expect(row.before).toMatchObject({ name: '审计测试部' });
    expect(row.after).toMatchObject({ name: '审计测试二部' });
    const reset = await t.platform.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'auth.login').execute();
    expect(JSON.stringify(reset)).not.toMatch(/password|argon2/);
  });

  it('cannot be updated, deleted or truncated', async () => {
    await t.platform.db.transaction().execute((trx) => writeAudit(trx, ctx, { action: 'create', objectType: 'team' }));
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(t.platform.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.platform.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(t.platform.db)).rejects.toThrow(/append-only/);
  });

  it('keeps a valid hash chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.platform.db.transaction().execute((trx) => writeAudit(trx, ctx, { action: 'create', objectType: 'team', objectId: i })),
      ),
    );
    const report = await verifyAuditChain(t.platform.db);
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThanOrEqual(30);
  });

  it('does not make one transaction wait for another: entries committed out of order still chain', async () => {
    let releaseFirst: () => void = () => {};
    const firstMayCommit = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let firstWritten: () => void = () => {};
    const firstHasWritten = new Promise<void>((resolve) => {
      firstWritten = resolve;
    });
    const first = t.platform.db.transaction().execute(async (trx) => {
      await writeAudit(trx, ctx, { action: 'create', objectType: 'team', objectId: 'slow' });
      firstWritten();
      await firstMayCommit;
    });
    await firstHasWritten;
    try {
      // The second commits while the first is still open (under the old global lock it would wait),
      // and joins the chain then. The app's own sealer may have sealed it already: either way it is in.
      await t.platform.db.transaction().execute((trx) => writeAudit(trx, ctx, { action: 'create', objectType: 'team', objectId: 'fast' }));
      await sealAuditChain(t.platform.db);
      const fast = await t.platform.db
        .selectFrom('audit_log')
        .select('chain_seq')
        .where('object_id', '=', 'fast')
        .executeTakeFirstOrThrow();
      expect(fast.chain_seq).not.toBeNull();
    } finally {
      releaseFirst();
      await first;
    }
    await sealAuditChain(t.platform.db);
    const rows = await t.platform.db
      .selectFrom('audit_log')
      .select(['id', 'object_id', 'chain_seq'])
      .where('object_id', 'in', ['slow', 'fast'])
      .orderBy('id')
      .execute();
    // The slow entry has the smaller id but joined the chain after the fast one.
    expect(rows.map((r) => r.object_id)).toEqual(['slow', 'fast']);
    expect(Number(rows[0]?.chain_seq)).toBeGreaterThan(Number(rows[1]?.chain_seq));
    expect(await verifyAuditChain(t.platform.db)).toMatchObject({ ok: true, brokenAt: null });
  });

  it('accepts only the sealing write: content never changes, a sealed entry never changes', async () => {
    await t.platform.db.transaction().execute((trx) => writeAudit(trx, ctx, { action: 'create', objectType: 'team', objectId: 'guarded' }));
    const row = await t.platform.db.selectFrom('audit_log').select('id').where('object_id', '=', 'guarded').executeTakeFirstOrThrow();
    await expect(
      sql`UPDATE audit_log SET chain_seq = 999999, prev_hash = 'x', hash = 'y', action = 'delete' WHERE id = ${row.id}`.execute(
        t.platform.db,
      ),
    ).rejects.toThrow(/append-only/);
    await sealAuditChain(t.platform.db);
    await expect(sql`UPDATE audit_log SET hash = 'y' WHERE id = ${row.id}`.execute(t.platform.db)).rejects.toThrow(/append-only/);
  });

  it('detects a tampered entry, through the API and the CLI', async () => {
    const tampered = await setupTestApp();
    try {
      for (let i = 0; i < 5; i++)
        await tampered.platform.db
          .transaction()
          .execute((trx) => writeAudit(trx, ctx, { action: 'create', objectType: 'team', objectId: i }));
      const rows = await tampered.platform.db.selectFrom('audit_log').select('id').orderBy('id').execute();
      const victim = rows[2]?.id as number;
      const auditor = await tampered.createUser({ roles: ['auditor'] });
      const api = await tampered.login(auditor);
      expect((await api.get('/api/audit/verify')).json()).toMatchObject({ ok: true });
      expect(await runCli(tampered.databaseUrl, ['audit', 'verify'])).toMatchObject({ code: 0 });

      // Someone with database access disables the guard and edits history.
      const client = new pg.Client(tampered.databaseUrl);
      await client.connect();
      await client.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await client.query(`UPDATE audit_log SET object_id = '999' WHERE id = $1`, [victim]);
      await client.end();

      expect((await api.get('/api/audit/verify')).json()).toMatchObject({ ok: false, brokenAt: victim });
      const cli = await runCli(tampered.databaseUrl, ['audit', 'verify']);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(`BROKEN at entry ${victim}`);
    } finally {
      await tampered.close();
    }
  });
});

describe('audit log access (三权分立)', () => {
  it('only the auditor reads it; system and security admins are refused', async () => {
    for (const role of ['system_admin', 'security_admin', 'it_manager', 'requester'] as const) {
      const api = await t.login(await t.createUser({ roles: [role] }));
      expect((await api.get('/api/audit')).statusCode, role).toBe(403);
      expect((await api.get('/api/audit/export')).statusCode, role).toBe(403);
    }
    const auditor = await t.login(await t.createUser({ roles: ['auditor'] }));
    expect((await auditor.get('/api/audit')).statusCode).toBe(200);
  });

  it('filters by person, action, object and time', async () => {
    const someone = await t.createUser({ roles: ['system_admin'] });
    const api = await t.login(someone);
    await api.post('/api/departments', { name: '筛选部', code: 'FLT1' });
    const auditor = await t.login(await t.createUser({ roles: ['auditor'] }));
    const byActor = (await auditor.get(`/api/audit?actorId=${someone.id}`)).json();
    expect(byActor.items.length).toBeGreaterThanOrEqual(1);
    expect(byActor.items.every((r: { actorId: number }) => r.actorId === someone.id)).toBe(true);
    const byAction = (await auditor.get(`/api/audit?actorId=${someone.id}&action=create&objectType=department`)).json();
    expect(byAction.items.map((r: { objectLabel: string }) => r.objectLabel)).toEqual(['筛选部']);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await auditor.get(`/api/audit?actorId=${someone.id}&from=${encodeURIComponent(future)}`)).json().total).toBe(0);
  });

  it('exports the filtered log to Excel in the reader’s language, and the export is itself audited', async () => {
    const auditorUser = await t.createUser({ roles: ['auditor'] });
    const auditor = await t.login(auditorUser);
    const res = await auditor.get('/api/audit/export?action=auth.login');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(2).text).toBe('时间');
    const logins = await t.platform.db.selectFrom('audit_log').select('id').where('action', '=', 'auth.login').execute();
    expect((sheet?.rowCount ?? 0) - 1).toBe(logins.length);
    expect(sheet?.getRow(2).getCell(5).text).toBe('登录成功');
    const exported = await t.platform.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'export')
      .where('object_type', '=', 'audit')
      .execute();
    expect(exported.map((e) => e.actor_id)).toContain(auditorUser.id);
  });
});

const cliPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/shuyun.mjs');
async function runCli(databaseUrl: string, args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cliPath, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
