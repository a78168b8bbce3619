import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import type { Config } from '../config.js';

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error) =>
      reject(
        new Error(
          `${command} could not run (${error.message}). Install PostgreSQL client tools 15 or newer (Debian: apt-get install postgresql-client) or set PG_BIN_DIR.`,
        ),
      ),
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${stderr.trim()}`))));
  });
}

const tool = (name: string) => (process.env.PG_BIN_DIR ? path.join(process.env.PG_BIN_DIR, name) : name);

/** One archive with the database (pg_dump custom format) and every stored file. */
export async function backup(config: Config, databaseUrl: string, target: string): Promise<string> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'shuyun-backup-'));
  try {
    await run(tool('pg_dump'), [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--file=${path.join(work, 'database.dump')}`,
      databaseUrl,
    ]);
    if (existsSync(config.filesDir))
      cpSync(config.filesDir, path.join(work, 'files'), { recursive: true, filter: (src) => src !== path.join(config.filesDir, 'tmp') }); // not half-written uploads
    else mkdirSync(path.join(work, 'files'));
    writeFileSync(
      path.join(work, 'manifest.json'),
      JSON.stringify({ format: 1, createdAt: new Date().toISOString(), app: 'shuyun' }, null, 2),
    );
    const archive = path.resolve(target);
    await tar.create({ gzip: true, file: archive, cwd: work }, ['manifest.json', 'database.dump', 'files']);
    return archive;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Replaces the database and the stored files with an archive's contents. Stop the server first. */
export async function restore(config: Config, databaseUrl: string, archive: string): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'shuyun-restore-'));
  try {
    await tar.extract({ file: archive, cwd: work });
    const manifest = JSON.parse(readFileSync(path.join(work, 'manifest.json'), 'utf8')) as { app?: string };
    if (manifest.app !== 'shuyun') throw new Error('not a Shuyun backup archive');
    // pg_restore --clean cannot drop pg-boss's partitioned tables, so the restore replaces the schemas
    // wholesale instead, in one transaction through psql: a failure leaves the database untouched.
    const script = path.join(work, 'restore.sql');
    await run(tool('pg_restore'), ['--no-owner', '--no-privileges', `--file=${script}`, path.join(work, 'database.dump')]);
    const wrapper = path.join(work, 'wrapper.sql');
    writeFileSync(
      wrapper,
      `DROP SCHEMA IF EXISTS pgboss CASCADE;\nDROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n\\i ${script}\n`,
    );
    await run(tool('psql'), ['--quiet', '--no-psqlrc', '--set=ON_ERROR_STOP=1', '--single-transaction', `--file=${wrapper}`, databaseUrl]);
    rmSync(config.filesDir, { recursive: true, force: true });
    cpSync(path.join(work, 'files'), config.filesDir, { recursive: true });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
