import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** Every child process the bench started, so that a failure or Ctrl-C still stops them (by pid). */
const children = new Set<ChildProcess>();
export function track(child: ChildProcess) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
export function killAll() {
  for (const c of children) {
    if (c.pid && c.exitCode === null) {
      try {
        process.kill(c.pid, 'SIGKILL');
      } catch {}
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}
process.once('exit', killAll);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) a process has used so far, in ms (from /proc/<pid>/stat, clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Samples a process's resident memory every `everyMs` until stopped. */
export function sampleRss(pid: number, everyMs = 200) {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(rssMb(pid)), everyMs);
  samples.push(rssMb(pid));
  return {
    samples,
    stop() {
      clearInterval(timer);
      samples.push(rssMb(pid));
      return { start: samples[0] ?? 0, max: Math.max(...samples), end: samples[samples.length - 1] ?? 0 };
    },
  };
}

export interface RunningServer {
  url: string;
  pid: number;
  /** From spawn to the first healthy /api/health, in ms. */
  startMs: number;
  /** What the server holds after a full garbage collection (V8 heap + buffers), in MB (see heap-probe.mjs). */
  liveMb(): Promise<number>;
  stop(): Promise<void>;
  log(): string;
}

function serverNodeArgs(): string[] {
  return (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}

/** `shuyun start` on the bench database, as its own process; resolves once /api/health answers. */
export async function startShuyun(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'shuyun-bench-'));
  const probeFile = path.join(dataDir, 'heap-probe.jsonl');
  const started = performance.now();
  const child = track(
    // BENCH_SERVER_NODE_ARGS adds Node flags to the server only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
    // (Node refuses --cpu-prof in NODE_OPTIONS).
    spawn(
      process.execPath,
      [
        ...serverNodeArgs(),
        '--expose-gc',
        '--import',
        'tsx',
        '--import',
        './bench/lib/heap-probe.mjs',
        'packages/server/src/cli.ts',
        'start',
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          PORT: String(port),
          HOST: '127.0.0.1',
          JOBS: 'inline',
          LOG_LEVEL: 'warn',
          DATA_DIR: dataDir,
          DEMO_DATA: 'false',
          // Each virtual client signs in once; the default 20 sign-ins a minute per address would refuse them.
          LOGIN_RATE_PER_MINUTE: '10000',
          SESSION_IDLE_MINUTES: '240',
          BENCH_HEAP_PROBE: probeFile,
          ...extraEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    if (process.env.BENCH_SERVER_OUTPUT) process.stderr.write(d);
    output = (output + d).slice(-20_000);
  });
  child.stderr?.on('data', (d) => {
    if (process.env.BENCH_SERVER_OUTPUT) process.stderr.write(d);
    output = (output + d).slice(-20_000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} during start:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not healthy after 120 s:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 25));
  }
  const startMs = performance.now() - started;
  return {
    url,
    pid: child.pid as number,
    startMs,
    log: () => output,
    async liveMb() {
      const lines = () => (existsSync(probeFile) ? readFileSync(probeFile, 'utf8').trim().split('\n').filter(Boolean) : []);
      const before = lines().length;
      process.kill(child.pid as number, 'SIGUSR2');
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
        const now = lines();
        if (now.length > before) {
          const m = JSON.parse(now[now.length - 1] as string) as { heapUsed: number; external: number };
          return (m.heapUsed + m.external) / 2 ** 20;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('the server did not answer the heap probe within 10 s');
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  userId: number;
  username: string;
  cookie: string;
  csrf: string;
}

/** Signs a person in once: the session cookie and CSRF token their requests carry. */
export async function login(url: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const me = (await res.json()) as { id: number; csrfToken: string | null };
  const cookie = (res.headers.getSetCookie?.() ?? [])
    .map((c) => c.split(';')[0])
    .filter(Boolean)
    .join('; ');
  return { userId: me.id, username, cookie, csrf: me.csrfToken ?? '' };
}
