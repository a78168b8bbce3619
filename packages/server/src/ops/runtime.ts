import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Config } from '../config.js';
import { connectDatabase, type DatabaseHandle } from '../db/connect.js';

const file = (config: Config) => path.join(config.dataDir, 'runtime.json');

/** Remembers which port the running server's embedded PostgreSQL listens on, for CLI commands. */
export function writeRuntime(config: Config, url: string): void {
  writeFileSync(file(config), JSON.stringify({ pid: process.pid, url }));
}

export function clearRuntime(config: Config): void {
  rmSync(file(config), { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The database for a CLI command: DATABASE_URL; else the embedded PostgreSQL of a running server;
 * else the embedded PostgreSQL started just for this command.
 */
export async function cliDatabase(config: Config): Promise<DatabaseHandle> {
  if (!config.DATABASE_URL && existsSync(file(config))) {
    const runtime = JSON.parse(readFileSync(file(config), 'utf8')) as { pid: number; url: string };
    if (alive(runtime.pid)) return { url: runtime.url, embedded: true, stop: async () => {} };
  }
  return connectDatabase(config, pino({ level: 'warn' }));
}
