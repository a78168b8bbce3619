import pino, { type Logger } from 'pino';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { connectDatabase } from './db/connect.js';
import { DEMO_PASSWORD, seedDemo } from './demo/seed.js';
import { scheduleRecurringJobs } from './platform/jobs/registry.js';
import { startPlatform } from './platform/platform.js';

export function createLogger(config: Config): Logger {
  return pino({ level: config.LOG_LEVEL, base: { app: 'shuyun' } });
}

/**
 * `shuyun start`: database (embedded unless DATABASE_URL), migrations, demo data on first start,
 * jobs, realtime, HTTP. Ctrl-C / SIGTERM shut everything down in order, PostgreSQL last.
 */
export async function startServer(config: Config): Promise<{ stop: () => Promise<void>; url: string; databaseUrl: string }> {
  const log = createLogger(config);
  const database = await connectDatabase(config, log);
  const platform = await startPlatform(config, database.url, log, { workers: config.JOBS === 'inline' });
  await scheduleRecurringJobs(platform, config.TIMEZONE);

  const wantDemo = config.DEMO_DATA === 'true' || (config.DEMO_DATA === 'auto' && database.embedded);
  const users = await platform.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(users.n) === 0) {
    if (wantDemo) {
      const summary = await seedDemo(platform.db, { tickets: config.DEMO_TICKETS });
      log.info(summary, 'demo data loaded');
      printBanner([
        'Demo data loaded. Sign in as:',
        `  admin     / ${DEMO_PASSWORD}   (系统管理员 system admin)`,
        `  secadmin  / ${DEMO_PASSWORD}   (安全管理员 security admin: grants roles)`,
        `  auditor   / ${DEMO_PASSWORD}   (审计员 auditor: reads the audit log)`,
        '  every other demo user has the same password (see README).',
      ]);
    } else {
      printBanner([
        'No users yet. Create the first administrators:',
        '  npx shuyun create-admin --username <name> --role system_admin (then security_admin, auditor)',
      ]);
    }
  }

  const app = await buildApp(platform, { logger: log });
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  log.info({ address }, 'Shuyun is listening');
  printBanner([`Shuyun is running at http://localhost:${config.PORT}  (mobile: /m, API docs: /api/docs)`]);

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      log.info('shutting down');
      await app.close();
      await platform.close();
      await database.stop();
      log.info('stopped');
    })();
    return stopping;
  };
  return { stop, url: `http://127.0.0.1:${config.PORT}`, databaseUrl: database.url };
}

function printBanner(lines: string[]): void {
  process.stdout.write(`\n${lines.map((l) => `  ${l}`).join('\n')}\n\n`);
}
