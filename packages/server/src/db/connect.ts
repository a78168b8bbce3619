import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { startEmbeddedPostgres } from './embedded.js';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR/pg (database `shuyun`). */
export async function connectDatabase(config: Config, log: Logger): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => {} };
  const server = await startEmbeddedPostgres(path.join(config.dataDir, 'pg'), {
    port: config.EMBEDDED_PG_PORT,
    log: (line) => line && log.debug({ pg: line }, 'postgres'),
  });
  const admin = new pg.Client(server.url('postgres'));
  await admin.connect();
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'shuyun'`);
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE shuyun');
  await admin.end();
  log.info({ port: server.port, dir: path.join(config.dataDir, 'pg') }, 'embedded PostgreSQL started');
  return { url: server.url('shuyun'), embedded: true, stop: () => server.stop() };
}
