import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createDatabase, migrate } from '../db/database.js';
import { syncBuiltinRoles } from '../modules/org/builtin-roles.js';
import { startAuditSealer } from './audit/audit.js';
import { FileStore } from './files/store.js';
import type { Platform } from './http/types.js';
import { Jobs } from './jobs/jobs.js';
import { registerJobs } from './jobs/registry.js';
import { Realtime } from './realtime/realtime.js';

export interface RunningPlatform extends Platform {
  close(): Promise<void>;
}

/**
 * Connects to the database, applies migrations, syncs built-in roles and starts the job system and
 * realtime listener. `workers: true` also runs job workers in this process.
 */
export async function startPlatform(
  config: Config,
  databaseUrl: string,
  log: Logger,
  options: { workers: boolean },
): Promise<RunningPlatform> {
  const { db } = createDatabase(databaseUrl, config.DATABASE_POOL_SIZE, { preparedStatements: config.DATABASE_PREPARED_STATEMENTS });
  await migrate(db);
  await syncBuiltinRoles(db);
  mkdirSync(config.filesDir, { recursive: true });
  const files = new FileStore(config.filesDir, config.UPLOAD_MAX_MB * 1024 * 1024, config.uploadAllowedTypes);
  const jobs = new Jobs(databaseUrl, log);
  const realtime = new Realtime(databaseUrl, log);
  const platform: Platform = { config, db, jobs, realtime, files };
  registerJobs(platform, log);
  await jobs.start();
  if (options.workers) await jobs.work();
  await realtime.start();
  // The audit sealer runs beside the job workers (in `shuyun worker` when the API runs without them).
  const stopSealer = options.workers ? startAuditSealer(db, log) : async () => {};
  return {
    ...platform,
    async close() {
      await stopSealer();
      await realtime.stop();
      await jobs.stop();
      await db.destroy();
    },
  };
}
