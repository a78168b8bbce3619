import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../db/embedded.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const CLI = 'packages/server/src/cli.ts';

export interface ServerOptions {
  dataDir: string;
  /** Omit for the embedded PostgreSQL under dataDir/pg, as `npm start` does. */
  databaseUrl?: string;
  env?: Record<string, string>;
  port?: number;
}

/** Environment of a spawned `shuyun` command: the real CLI, quiet, no web build, no demo data. */
function envFor(options: ServerOptions, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'warn',
    WEB_DIST: path.join(options.dataDir, 'no-web'),
    DEMO_DATA: 'false',
    LOGIN_RATE_PER_MINUTE: '10000',
    ...options.env,
  };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  return env;
}

/** `shuyun start` in a child process (`node --import tsx packages/server/src/cli.ts start`). */
export class ServerProcess {
  private log = '';
  readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    readonly options: ServerOptions,
  ) {
    child.stdout?.on('data', (d) => {
      this.log += d;
    });
    child.stderr?.on('data', (d) => {
      this.log += d;
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  output(): string {
    return this.log;
  }

  /** Starts the server and waits until /api/health answers. */
  static async start(options: ServerOptions): Promise<ServerProcess> {
    const port = options.port ?? (await freePort());
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'start'], {
      cwd: ROOT,
      env: envFor(options, port),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child, port, { ...options, port });
    let gone = false;
    void server.exited.then(() => {
      gone = true;
    });
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline && !gone) {
      const ok = await fetch(`${server.url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return server;
      await new Promise((r) => setTimeout(r, 250));
    }
    child.kill('SIGKILL');
    throw new Error(`server did not start:\n${server.output()}`);
  }

  /** kill -9: no shutdown hooks, connections dropped mid-transaction. */
  async kill9(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Ctrl-C: the orderly shutdown (PostgreSQL last); SIGKILL if it does not end in time. */
  async stop(timeoutMs = 30_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** The database URL of a running server's embedded PostgreSQL (from DATA_DIR/runtime.json). */
  embeddedDatabaseUrl(): string {
    const file = path.join(this.options.dataDir, 'runtime.json');
    if (!existsSync(file)) throw new Error('no runtime.json: the server does not run an embedded PostgreSQL');
    return (JSON.parse(readFileSync(file, 'utf8')) as { url: string }).url;
  }
}

/** Runs a `shuyun` CLI command with the same data directory / database as a server; resolves with its exit code and output. */
export function runCli(args: string[], options: ServerOptions): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      cwd: ROOT,
      env: envFor(options, 0),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d) => {
      output += d;
    });
    child.stderr?.on('data', (d) => {
      output += d;
    });
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** The embedded PostgreSQL's postmaster pid and its child processes (from postmaster.pid and /proc). */
export function postgresProcesses(pgDir: string): { postmaster: number; children: number[] } {
  const postmaster = Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children: number[] = [];
  for (const entry of readdirSafe('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) children.push(Number(entry));
    } catch {}
  }
  return { postmaster, children };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `check` returns a truthy value; throws naming `what` after the deadline. */
export async function waitUntil<T>(
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
