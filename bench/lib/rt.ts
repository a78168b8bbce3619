import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { databaseUrl, PG_URL } from './config.js';
import { type LoadResult, runLoad, type VirtualClient } from './load.js';
import { rng } from './prng.js';
import type { ResultRow } from './report.js';
import { rssMb, track } from './server.js';

const RT_SERVER = '/usr/share/request-tracker5/libexec/rt-server';
const RT_URL = 'http://127.0.0.1:8080';
const rtDb = (scale: string) => `rt_bench_${scale}`;

async function count(url: string, sql: string): Promise<number | null> {
  const c = new pg.Client(url);
  try {
    await c.connect();
    return Number((await c.query(sql)).rows[0]?.n);
  } catch {
    return null;
  } finally {
    await c.end().catch(() => {});
  }
}

/** RT is installed and its database holds about as many tickets as Shuyun's. */
export async function rtAvailable(scale: string): Promise<{ ok: boolean; reason?: string; rt?: number; shuyun?: number }> {
  if (!existsSync(RT_SERVER)) return { ok: false, reason: 'request-tracker5 is not installed (bash bench/rt/install.sh)' };
  const rt = await count(`${PG_URL}/${rtDb(scale)}`, 'SELECT count(*) AS n FROM tickets');
  if (rt === null) return { ok: false, reason: `no ${rtDb(scale)} database (bash bench/rt/setup.sh ${scale})` };
  const shuyun = (await count(databaseUrl(scale), 'SELECT count(*) AS n FROM tickets')) ?? 0;
  if (rt < shuyun * 0.9)
    return { ok: false, reason: `${rtDb(scale)} has ${rt} tickets, bench_${scale} ${shuyun} (bash bench/rt/setup.sh ${scale})` };
  return { ok: true, rt, shuyun };
}

/** RT's standalone server on 127.0.0.1:8080 in its own process group, stopped by that group's id. */
async function startRt(scale: string) {
  const started = performance.now();
  const child = track(
    spawn(RT_SERVER, ['--host', '127.0.0.1', '--port', '8080', '--max-workers', '4'], {
      env: { ...process.env, RT_BENCH_DB: rtDb(scale) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    }),
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output = (output + d).slice(-10_000);
  });
  child.stderr?.on('data', (d) => {
    output = (output + d).slice(-10_000);
  });
  const pgid = child.pid as number;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {}
    const timer = setTimeout(() => {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {}
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`rt-server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`rt-server not answering after 120 s:\n${output}`);
    }
    try {
      const res = await fetch(`${RT_URL}/NoAuth/Login.html`);
      if (res.ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  return { pid: pgid, startMs: performance.now() - started, stop, log: () => output };
}

async function rtLogin(): Promise<Record<string, string>> {
  const res = await fetch(`${RT_URL}/NoAuth/Login.html`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'user=root&pass=password',
    redirect: 'manual',
  });
  const cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  if (!cookie) throw new Error(`RT login gave no session cookie (HTTP ${res.status})`);
  const check = await fetch(`${RT_URL}/REST/2.0/queues/all`, { headers: { cookie } });
  if (!check.ok) throw new Error(`RT REST 2 refused the session: HTTP ${check.status}`);
  return { cookie };
}

/**
 * The side-by-side: the same create / queue / show / search scenarios against RT's REST 2 API as
 * root (a superuser, so RT skips its per-ticket rights checks: if anything, in RT's favour), each
 * reported with the Shuyun/RT ratio (throughput ratio for create; RT p95 ÷ Shuyun p95 for reads).
 */
export async function runRtScenarios(scale: string, o: { seconds: number; warmup: number }, shuyun: ResultRow[]): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const rt = await startRt(scale);
  try {
    const sessions: Record<string, string>[] = [];
    for (let i = 0; i < 8; i++) sessions.push(await rtLogin());
    const maxId = (await count(`${PG_URL}/${rtDb(scale)}`, 'SELECT max(id) AS n FROM tickets')) ?? 1;
    const r = rng(11);
    const measure = async (name: string, clients: VirtualClient[], seconds = o.seconds) => {
      let rss = 0;
      const timer = setInterval(() => {
        rss = Math.max(rss, rssMb(rt.pid));
      }, 500);
      const res = await runLoad(RT_URL, clients, { seconds, warmupSeconds: o.warmup, timeoutSeconds: 120 });
      clearInterval(timer);
      console.log(
        `    RT ${name}: ${res.requests} requests, ${res.rps.toFixed(1)}/s, p50 ${res.p50} ms, p95 ${res.p95} ms, p99 ${res.p99} ms, errors ${res.errors + res.non2xx}`,
      );
      return res;
    };
    const get = (k: number, pathOf: () => string) =>
      sessions.slice(0, k).map((h) => ({ headers: h, next: () => ({ method: 'GET' as const, path: pathOf() }) }));
    const data = (key: string) => shuyun.find((x) => x.key === key)?.data as (LoadResult & Record<string, unknown>) | undefined;
    // RT answers every request with "Connection: close"; autocannon reconnects and counts a socket
    // error when the close races its next request. Those are not failed requests: non-2xx are.
    const fig = (x: LoadResult) =>
      `p50 ${x.p50} / p95 ${x.p95} ms, ${x.rps.toFixed(1)} req/s, ${x.non2xx} non-2xx (${x.errors} reconnects after RT's Connection: close)`;
    const readRow = (key: string, scenario: string, x: LoadResult, shuyunP95: number | undefined) => {
      const ratio = shuyunP95 ? x.p95 / shuyunP95 : null;
      rows.push({
        key: `rt:${key}`,
        scenario,
        figure: `${fig(x)}${ratio ? `; **Shuyun ${ratio.toFixed(1)}× faster** (p95)` : ''}`,
        target: 'Shuyun ≥ 10× better',
        met: ratio === null ? null : ratio >= 10,
        data: { ...x, ratio },
      });
    };

    const queuePath = `/REST/2.0/tickets?query=${encodeURIComponent("Queue = 'General' AND Status = '__Active__'")}&orderby=Due&order=ASC&per_page=50&fields=Subject,Status,Priority,Due,Owner,Created`;
    const queue = await measure(
      'list 50',
      get(1, () => queuePath),
    );
    readRow('queue@1', 'RT 5: list 50 active tickets by due (REST 2) @1', queue, data('queue@1')?.p95);

    const show = await measure(
      'show',
      get(1, () => `/REST/2.0/ticket/${1 + r.int(maxId)}`),
    );
    const history = await measure(
      'history',
      get(1, () => `/REST/2.0/ticket/${1 + r.int(maxId)}/history?per_page=50`),
    );
    const page = data('page@1') as { detail?: LoadResult; timeline?: LoadResult } | undefined;
    const shuyunPage = page?.detail && page.timeline ? page.detail.p95 + page.timeline.p95 : undefined;
    const rtPage = show.p95 + history.p95;
    rows.push({
      key: 'rt:page@1',
      scenario: 'RT 5: show one ticket + its history (REST 2) @1',
      figure: `p95 ${show.p95} + ${history.p95} = ${rtPage} ms (p50 ${show.p50} + ${history.p50} ms)${shuyunPage ? `; **Shuyun ${(rtPage / shuyunPage).toFixed(1)}× faster** (p95)` : ''}`,
      target: 'Shuyun ≥ 10× better',
      met: shuyunPage ? rtPage / shuyunPage >= 10 : null,
      data: { show, history, ratio: shuyunPage ? rtPage / shuyunPage : null },
    });

    const words = ['打印机', '蓝屏', '邮箱', 'ERP', '网络', '密码', 'POS', '报表'];
    const search = await measure(
      'search',
      get(1, () => `/REST/2.0/tickets?query=${encodeURIComponent(`Subject LIKE '${r.pick(words)}'`)}&per_page=50&fields=Subject,Status`),
    );
    readRow('search@1', 'RT 5: search subject for a Chinese word, 50 (REST 2) @1', search, data('search@1')?.p95);

    for (const k of [1, 8]) {
      const creators = sessions.slice(0, k).map((h) => ({
        headers: h,
        next: () => ({
          method: 'POST' as const,
          path: '/REST/2.0/ticket',
          body: JSON.stringify({
            Queue: 'General',
            Subject: `${r.pick(['打印机卡纸', '电脑蓝屏', '邮箱收不到邮件', 'ERP 月结报错'])}（压测）`,
            Content: '影响正常办公，麻烦尽快处理。',
            Requestor: `user${1 + r.int(500)}@shuyun-bench.cn`,
            Priority: 3,
          }),
        }),
      }));
      const before = (await count(`${PG_URL}/${rtDb(scale)}`, 'SELECT count(*) AS n FROM tickets')) ?? 0;
      const t0 = performance.now();
      const x = await measure(`create@${k}`, creators, Math.max(o.seconds, 15));
      // Tickets RT really made per second (warm-up included on both sides of the division).
      const made = ((await count(`${PG_URL}/${rtDb(scale)}`, 'SELECT count(*) AS n FROM tickets')) ?? 0) - before;
      x.rps = made / ((performance.now() - t0) / 1000);
      const mine = data(`create@${k}`);
      const ratio = mine ? mine.rps / x.rps : null;
      rows.push({
        key: `rt:create@${k}`,
        scenario: `RT 5: create ticket (REST 2) @${k}`,
        figure: `${x.rps.toFixed(1)} tickets/s; ${fig(x)}${ratio ? `; **Shuyun ${ratio.toFixed(1)}× the throughput**` : ''}`,
        target: 'Shuyun ≥ 10× better',
        met: ratio === null ? null : ratio >= 10,
        data: { ...x, ratio },
      });
    }
  } finally {
    await rt.stop();
  }
  return rows;
}
