import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { createDatabase, migrate } from '../db/database.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { syncBuiltinRoles } from '../modules/org/builtin-roles.js';
import { Jobs } from '../platform/jobs/jobs.js';

export const TEMPLATE_DB = 'shuyun_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL on the test server, database `postgres`; tests clone TEMPLATE_DB from it. */
    pgAdminUrl: string;
  }
}

/**
 * Once per run: a PostgreSQL server (TEST_DATABASE_URL's, or an embedded one in a temp dir) and a
 * template database with every migration, the built-in roles and pg-boss's schema. Each test file
 * then gets its own database cloned from the template in milliseconds.
 */
export default async function setup(project: TestProject) {
  let stop = async () => {};
  let adminUrl: string;
  let tempDir: string | null = null;
  if (process.env.TEST_DATABASE_URL) {
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'shuyun-test-pg-'));
    const server = await startEmbeddedPostgres(path.join(tempDir, 'pg'));
    adminUrl = server.url('postgres');
    stop = server.stop;
  }
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  const templateUrl = withDatabase(adminUrl, TEMPLATE_DB);
  const { db } = createDatabase(templateUrl, 2);
  await migrate(db);
  await syncBuiltinRoles(db);
  await db.destroy();
  const jobs = new Jobs(templateUrl, pino({ level: 'silent' }));
  await jobs.start();
  await jobs.stop();
  project.provide('pgAdminUrl', adminUrl);

  return async () => {
    // Drop the per-file databases this run made (a shared server keeps no leftovers).
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'shuyun_test_%'`);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => {});
    await admin.end();
    await stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
