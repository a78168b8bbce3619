// bench/generate: a deterministic, realistic Chinese service-desk dataset in a fresh database built
// by the REAL migrations, loaded with COPY. See bench/README.md.
//
//   node --import tsx bench/generate.ts --scale large|small [--seed N] [--tickets N] [--users N]
//        [--knowledge N] [--years 3] [--now ISO] [--database-url postgres://postgres@127.0.0.1:5432/bench_large]
//   … --only knowledge: (re)make only the knowledge articles in an existing bench database
//   … --only analytics: migrate an existing bench database and build its analytics rollup
//   … --only assets: migrate an existing bench database and (re)make its asset register [--assets N]
//   … --only operations: migrate an existing bench database and (re)make its incidents, faults, demands
//     and releases [--incidents N] [--faults N] [--demands N]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { createDatabase, migrate } from '../packages/server/src/db/database.js';
import { rebuildOpenLoad } from '../packages/server/src/db/migrations/0011-ticket-open-load.js';
import { rebuildTicketRollup } from '../packages/server/src/modules/analytics/rollup.js';
import { backfillSlaOutcomes } from '../packages/server/src/modules/analytics/sla-outcomes.js';
import { seedCatalogDemo } from '../packages/server/src/modules/catalog/service.js';
import { syncBuiltinRoles } from '../packages/server/src/modules/org/builtin-roles.js';
import { loadSlaContext } from '../packages/server/src/modules/sla/service.js';
import { hashPassword } from '../packages/server/src/platform/auth/password.js';
import { assetAdmins, clearAssets, generateAssets } from './lib/assets.js';
import { ASSET_ADMINS, BENCH_PASSWORD, SCALES } from './lib/config.js';
import { CopyWriter } from './lib/copy.js';
import { installFastShanghai } from './lib/fast-tz.js';
import { clearKnowledge, generateKnowledge } from './lib/knowledge.js';
import { clearOperations, generateOperations } from './lib/operations.js';
import { buildOrg, SYSTEMS } from './lib/org.js';
import { rng } from './lib/prng.js';
import { type CatalogItem, creationTimes, dayPlan, type GeneratorContext, makeTicket, TICKET_COLUMNS } from './lib/tickets.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    seed: { type: 'string', default: '20261122' },
    tickets: { type: 'string' },
    users: { type: 'string' },
    knowledge: { type: 'string' },
    assets: { type: 'string' },
    incidents: { type: 'string' },
    faults: { type: 'string' },
    demands: { type: 'string' },
    only: { type: 'string' },
    years: { type: 'string', default: '3' },
    now: { type: 'string' },
    'database-url': { type: 'string' },
  },
});
const scale = args.scale as keyof typeof SCALES;
if (!SCALES[scale]) throw new Error('--scale must be large or small');
const ticketCount = Number(args.tickets ?? SCALES[scale].tickets);
const userCount = Number(args.users ?? SCALES[scale].users);
const knowledgeCount = Number(args.knowledge ?? SCALES[scale].knowledge);
const assetCount = Number(args.assets ?? SCALES[scale].assets);
const operationCounts = {
  incidents: Number(args.incidents ?? SCALES[scale].incidents),
  faults: Number(args.faults ?? SCALES[scale].faults),
  demands: Number(args.demands ?? SCALES[scale].demands),
};
const ONLY = ['knowledge', 'analytics', 'assets', 'operations'];
if (args.only && !ONLY.includes(args.only)) throw new Error(`--only takes: ${ONLY.join(', ')}`);
const seed = Number(args.seed);
const years = Number(args.years);
const now = args.now ? new Date(args.now) : new Date();
const url = args['database-url'] ?? `postgres://postgres@127.0.0.1:5432/bench_${scale}`;
const dbName = new URL(url).pathname.slice(1);
if (!/^bench_[a-z0-9_]+$/.test(dbName)) throw new Error(`refusing to recreate ${dbName}: bench databases are named bench_*`);

installFastShanghai(now.getTime() - (years + 1) * 366 * 86_400_000, now.getTime() + 366 * 86_400_000);
const t0 = Date.now();
const phases: Record<string, number> = {};
let mark = t0;
const phase = (name: string) => {
  const t = Date.now();
  phases[name] = (t - mark) / 1000;
  mark = t;
  console.log(`  ${name.padEnd(28)} ${phases[name]?.toFixed(1)} s   (total ${((t - t0) / 1000).toFixed(1)} s)`);
};
const LOAD_TABLES = ['tickets', 'ticket_sla_events', 'activity', 'ticket_work_logs', 'ticket_followups'];
const REPLICA = ['SET session_replication_role = replica'];
const KNOWLEDGE_TABLES = ['knowledge_articles', 'knowledge_versions', 'knowledge_votes', 'knowledge_deflections', 'knowledge_applications'];

/** After a partial load: the dataset's summary gains the new counts and the phase's time. */
async function updateSummary(db: ReturnType<typeof createDatabase>['db'], tables: string[], phaseName: string) {
  const file = path.join(path.dirname(new URL(import.meta.url).pathname), 'results', `generate-${scale}.json`);
  if (!existsSync(file)) return;
  const summary = JSON.parse(readFileSync(file, 'utf8'));
  for (const table of tables) {
    const row = await sql.raw<{ n: string }>(`SELECT count(*) AS n FROM ${table}`).execute(db);
    summary.counts[table] = Number(row.rows[0]?.n);
  }
  summary.phases[phaseName] = phases[phaseName];
  summary.seconds = Math.round(Object.values(summary.phases as Record<string, number>).reduce((a, b) => a + b, 0));
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
}

/** `--only knowledge`: replaces the knowledge rows of an existing dataset (e.g. one generated before they existed). */
async function knowledgeOnly() {
  console.log(`bench/generate: ${knowledgeCount.toLocaleString()} knowledge articles, seed ${seed} → ${dbName} (existing)`);
  const { db } = createDatabase(url, 4);
  try {
    await migrate(db);
    await clearKnowledge(db);
    phase('clear knowledge');
    const { calendar } = await loadSlaContext(db, null);
    const knowledge = await generateKnowledge(db, { articles: knowledgeCount, seed, now, timeZone: calendar.timeZone });
    console.log(`    knowledge: ${JSON.stringify(knowledge)}`);
    phase('knowledge');
    for (const table of [...KNOWLEDGE_TABLES, 'activity', 'record_links']) await sql.raw(`VACUUM (ANALYZE) ${table}`).execute(db);
    phase('vacuum analyze');
    await updateSummary(db, KNOWLEDGE_TABLES, 'knowledge');
  } finally {
    await db.destroy();
  }
  console.log(`done in ${((Date.now() - t0) / 60_000).toFixed(1)} min`);
}

/**
 * `--only analytics`: brings an existing dataset (e.g. one generated before migration 0012) up to the
 * current migrations and builds the analytics rollup as a fresh load would, so that the server's
 * first rollup run does not have to (it would, in the background of the first scenarios).
 */
async function analyticsOnly() {
  console.log(`bench/generate: analytics rollup → ${dbName} (existing)`);
  const { db } = createDatabase(url, 4);
  try {
    await migrate(db);
    phase('migrate');
    await backfillSlaOutcomes(db, now);
    await rebuildTicketRollup(db);
    phase('analytics rollup');
  } finally {
    await db.destroy();
  }
  console.log(`done in ${((Date.now() - t0) / 60_000).toFixed(1)} min`);
}

/**
 * `--only assets`: brings an existing dataset up to the current migrations and replaces its asset
 * register (the org is rebuilt from the same seed, so the people are the database's).
 */
async function assetsOnly() {
  console.log(`bench/generate: ${assetCount.toLocaleString()} assets → ${dbName} (existing)`);
  const { db } = createDatabase(url, 4);
  try {
    await migrate(db);
    await syncBuiltinRoles(db);
    await clearAssets(url);
    phase('migrate + clear assets');
    const org = buildOrg(rng(seed), userCount);
    const admins = assetAdmins(org, ASSET_ADMINS);
    const role = await db.selectFrom('roles').select('id').where('key', '=', 'asset_admin').executeTakeFirstOrThrow();
    await db
      .insertInto('user_roles')
      .values(admins.map((user_id) => ({ user_id, role_id: role.id })))
      .onConflict((oc) => oc.columns(['user_id', 'role_id']).doNothing())
      .execute();
    await loadAssets(db, org, admins);
    await sql.raw('VACUUM (ANALYZE) assets, asset_locations, asset_categories, activity').execute(db);
    phase('vacuum analyze');
    await updateSummary(db, ['assets'], 'assets');
  } finally {
    await db.destroy();
  }
  console.log(`done in ${((Date.now() - t0) / 60_000).toFixed(1)} min`);
}

async function loadAssets(db: ReturnType<typeof createDatabase>['db'], org: ReturnType<typeof buildOrg>, admins: number[]) {
  const systems = await db.selectFrom('it_systems').select('id').execute();
  const assets = await generateAssets({
    url,
    org,
    assets: assetCount,
    seed,
    now,
    admins,
    systemIds: systems.map((x) => x.id),
    sessionSql: REPLICA,
  });
  console.log(`    assets: ${JSON.stringify(assets)}`);
  phase('assets');
}

/** `--only operations`: brings an existing dataset up to the current migrations and replaces its incidents, faults, demands and releases. */
async function operationsOnly() {
  console.log(`bench/generate: ${JSON.stringify(operationCounts)} → ${dbName} (existing)`);
  const { db } = createDatabase(url, 4);
  try {
    await migrate(db);
    await syncBuiltinRoles(db);
    await clearOperations(url);
    phase('migrate + clear operations');
    await loadOperations(db, buildOrg(rng(seed), userCount));
    await sql.raw('VACUUM (ANALYZE) faults, fault_systems, incidents, demands, releases, release_demands, activity').execute(db);
    phase('vacuum analyze');
    await updateSummary(db, OPERATION_TABLES, 'operations');
  } finally {
    await db.destroy();
  }
  console.log(`done in ${((Date.now() - t0) / 60_000).toFixed(1)} min`);
}

const OPERATION_TABLES = ['faults', 'incidents', 'demands', 'releases', 'release_demands'];

async function loadOperations(db: ReturnType<typeof createDatabase>['db'], org: ReturnType<typeof buildOrg>) {
  const teamOf = new Map(SYSTEMS.map(([code, , , , , team]) => [code, team]));
  const systems = (await db.selectFrom('it_systems').select(['id', 'code', 'name', 'owner_id', 'analyst_id']).orderBy('id').execute()).map(
    (s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      teamCode: teamOf.get(s.code) ?? 'INFRA',
      ownerId: s.owner_id,
      analystId: s.analyst_id,
    }),
  );
  // Every hundredth ticket, in time order: incidents registered from a ticket name one filed just before.
  const tickets = (
    await sql<{ id: number; at: Date }>`SELECT id, created_at AS at FROM tickets WHERE id % 100 = 0 ORDER BY created_at`.execute(db)
  ).rows.map((t) => ({ id: Number(t.id), at: t.at.getTime() }));
  const result = await generateOperations({ url, org, seed, now, years, ...operationCounts, systems, tickets, sessionSql: REPLICA });
  console.log(`    operations: ${JSON.stringify(result)}`);
  phase('operations');
}

async function main() {
  if (args.only === 'operations') return operationsOnly();
  if (args.only === 'knowledge') return knowledgeOnly();
  if (args.only === 'analytics') return analyticsOnly();
  if (args.only === 'assets') return assetsOnly();
  console.log(`bench/generate: ${ticketCount.toLocaleString()} tickets, ${userCount.toLocaleString()} users, seed ${seed} → ${dbName}`);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName]);
  await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();

  // The schema exactly as the application makes it: the real migrations, the built-in roles.
  const { db } = createDatabase(url, 4);
  try {
    await migrate(db);
    await syncBuiltinRoles(db);
    phase('create + migrate');
    await load(db);
  } finally {
    await db.destroy();
  }
}

async function load(db: ReturnType<typeof createDatabase>['db']) {
  const r = rng(seed);
  const client = new pg.Client({ connectionString: url, application_name: 'bench-generate' });
  await client.connect();
  const copy = async (table: string, columns: string[], rows: unknown[][]) => {
    const w = new CopyWriter(url, table, columns, REPLICA);
    await w.open();
    for (const row of rows) await w.row(row);
    await w.close();
  };

  // ---- People: departments, users (one password hash for all), teams, roles, IT systems.
  const org = buildOrg(r, userCount);
  const admins = assetAdmins(org, ASSET_ADMINS);
  for (const u of org.users) if (admins.includes(u.id)) u.roles.push('asset_admin');
  const hash = await hashPassword(BENCH_PASSWORD);
  const created = new Date(now.getTime() - (years * 365 + 30) * 86_400_000);
  await copy(
    'departments',
    ['id', 'name', 'code', 'parent_id', 'manager_id', 'path', 'sort_order', 'created_at', 'updated_at'],
    org.departments.map((d, i) => [d.id, d.name, d.code, d.parentId, d.managerId, d.path, i, created, created]),
  );
  await copy(
    'users',
    [
      'id',
      'username',
      'display_name',
      'employee_no',
      'email',
      'phone',
      'department_id',
      'supervisor_id',
      'title',
      'password_hash',
      'password_changed_at',
      'created_at',
      'updated_at',
    ],
    org.users.map((u) => [
      u.id,
      u.username,
      u.displayName,
      u.employeeNo,
      u.email,
      u.phone,
      u.departmentId,
      u.supervisorId,
      u.title,
      hash,
      now,
      created,
      created,
    ]),
  );
  await copy(
    'teams',
    ['id', 'name', 'code', 'description', 'lead_id', 'created_at', 'updated_at'],
    org.teams.map((t) => [t.id, t.name, t.code, t.description, t.leadId, created, created]),
  );
  await copy(
    'team_members',
    ['team_id', 'user_id'],
    org.teams.flatMap((t) => t.members.map((m) => [t.id, m])),
  );
  const roleIds = new Map((await db.selectFrom('roles').select(['id', 'key']).execute()).map((x) => [x.key, x.id]));
  let grant = 0;
  await copy(
    'user_roles',
    ['id', 'user_id', 'role_id', 'granted_at'],
    org.users.flatMap((u) => ['requester', ...u.roles].map((k) => [++grant, u.id, roleIds.get(k), created])),
  );
  const teamByCode = new Map(org.teams.map((t) => [t.code, t]));
  const it = (code: string) => teamByCode.get(code)?.leadId ?? null;
  await copy(
    'it_systems',
    ['id', 'name', 'code', 'description', 'business_domain', 'owner_id', 'analyst_id', 'criticality', 'availability_target'],
    SYSTEMS.map(([code, name, domain, criticality, target, team], i) => [
      i + 1,
      name,
      code,
      `${name}（压测数据）`,
      domain,
      it(team),
      teamByCode.get(team)?.members[1] ?? it(team),
      criticality,
      target,
    ]),
  );
  for (const table of ['departments', 'users', 'teams', 'user_roles', 'it_systems']) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
  }
  // The demo service catalogue (the teams and departments it names exist) and keyword routing.
  await db.transaction().execute(async (trx) => {
    await seedCatalogDemo(trx);
    const rules: [string, string[], string, 'round_robin' | 'least_loaded'][] = [
      ['打印机与电脑', ['打印机', '打印', '电脑', '蓝屏', '显示器'], 'DESKTOP', 'round_robin'],
      ['网络与远程接入', ['网络', 'VPN', 'Wi-Fi', 'wifi', '断网'], 'NET', 'least_loaded'],
      ['ERP 与供应链', ['ERP', '采购', '库存', '月结'], 'ERP', 'least_loaded'],
      ['门店收银', ['POS', '收银', '小票'], 'POS', 'least_loaded'],
      ['CRM 与报表', ['CRM', '报表'], 'CRM', 'least_loaded'],
      ['邮件与协同', ['邮箱', '邮件', 'Outlook', 'OA'], 'COLLAB', 'round_robin'],
    ];
    for (const [index, [name, keywords, team, strategy]] of rules.entries()) {
      await trx
        .insertInto('assignment_rules')
        .values({ name, keywords, team_id: teamByCode.get(team)?.id as number, strategy, sort_order: index })
        .execute();
    }
  });
  phase('org + catalogue');

  // ---- Tickets, with their SLA history, timelines, work logs and follow-ups, through COPY.
  const items = (await db
    .selectFrom('catalog_items')
    .select(['id', 'code', 'name', 'default_priority', 'approval_required', 'form', 'visibility', 'visible_department_ids'])
    .where('active', '=', true)
    .orderBy('id')
    .execute()) as unknown as CatalogItem[];
  const { policy, calendar } = await loadSlaContext(db, null);
  const systems = await db.selectFrom('it_systems').select(['id', 'code']).execute();
  const ctx: GeneratorContext = {
    r,
    org,
    items,
    teamsByCode: teamByCode,
    systemsByCode: new Map(systems.map((s) => [s.code, s.id])),
    policy,
    calendar,
    now,
    timeZone: calendar.timeZone,
    verifySla: 3000,
  };

  // Secondary indexes are dropped for the load and rebuilt after it from their exact definitions
  // (constraint indexes — primary keys, unique numbers — stay), so the result is what the migrations made.
  const { rows: indexes } = await client.query<{ name: string; def: string; table: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def, i.indrelid::regclass::text AS table
       FROM pg_index i
      WHERE i.indrelid::regclass::text = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [LOAD_TABLES],
  );
  for (const ix of indexes) await client.query(`DROP INDEX ${ix.name}`);

  const writers = {
    tickets: new CopyWriter(url, 'tickets', [...TICKET_COLUMNS], REPLICA),
    sla: new CopyWriter(url, 'ticket_sla_events', ['id', 'ticket_id', 'at', 'kind', 'priority'], REPLICA),
    activity: new CopyWriter(url, 'activity', ['id', 'record_type', 'record_id', 'at', 'actor_id', 'kind', 'payload', 'internal'], REPLICA),
    work: new CopyWriter(url, 'ticket_work_logs', ['id', 'ticket_id', 'user_id', 'minutes', 'note', 'worked_on', 'created_at'], REPLICA),
    followups: new CopyWriter(url, 'ticket_followups', ['id', 'ticket_id', 'owner_id', 'status', 'note', 'created_at', 'done_at'], REPLICA),
  };
  const all = Object.values(writers);
  try {
    for (const w of all) await w.open();
    const days = dayPlan(ctx, years, ticketCount);
    let id = 0;
    let slaId = 0;
    let activityId = 0;
    let workId = 0;
    let followupId = 0;
    const perDay: [string, number][] = [];
    let lastReport = Date.now();
    for (const d of days) {
      if (!d.count) continue;
      const times = creationTimes(ctx, d.date, d.working, d.count);
      for (const [i, at] of times.entries()) {
        id++;
        const out = makeTicket(ctx, id, d.date, i + 1, at);
        const waits: (Promise<void> | undefined)[] = [writers.tickets.row(out.ticket)];
        for (const [a, kind, priority] of out.sla) waits.push(writers.sla.row([++slaId, id, a, kind, priority]));
        for (const [a, actor, kind, payload, internal] of out.activity) {
          waits.push(writers.activity.row([++activityId, 'ticket', id, a, actor, kind, payload, internal]));
        }
        if (out.workLog) waits.push(writers.work.row([++workId, id, ...out.workLog]));
        if (out.followup) waits.push(writers.followups.row([++followupId, id, ...out.followup]));
        for (const w of waits) if (w) await w;
      }
      perDay.push([d.date, d.count]);
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        console.log(`    … ${id.toLocaleString()} tickets (${d.date}), ${activityId.toLocaleString()} timeline entries`);
      }
    }
    for (const w of all) await w.close();
    phase('generate + COPY');
    // Numbers made from now on continue after the generated ones.
    for (let i = 0; i < perDay.length; i += 500) {
      const chunk = perDay.slice(i, i + 500);
      await client.query(
        `INSERT INTO number_sequences (prefix, day, last) SELECT 'GD', d::date, n FROM unnest($1::text[], $2::int[]) AS x(d, n)`,
        [chunk.map((c) => c[0]), chunk.map((c) => c[1])],
      );
    }
  } catch (error) {
    for (const w of all) await w.abort();
    throw error;
  }
  for (const table of LOAD_TABLES) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), greatest(1, (SELECT max(id) FROM ${table})))`);
  }
  // COPY ran as a replica, so the open-load trigger did not fire: count the loads once, as the migration does.
  await rebuildOpenLoad(db as unknown as Kysely<unknown>); // the migration's own function takes an untyped database

  // Rebuild the indexes, two at a time (one per core), biggest tables first.
  const order = [...indexes].sort((a, b) => LOAD_TABLES.indexOf(a.table) - LOAD_TABLES.indexOf(b.table));
  order.sort((a, b) => Number(b.def.includes('gin')) - Number(a.def.includes('gin')));
  const queue = [...order];
  await Promise.all(
    [0, 1].map(async () => {
      const c = new pg.Client({ connectionString: url, application_name: 'bench-generate' });
      await c.connect();
      await c.query(`SET maintenance_work_mem = '1GB'`);
      await c.query('SET max_parallel_maintenance_workers = 0');
      for (let ix = queue.shift(); ix; ix = queue.shift()) await c.query(ix.def);
      await c.end();
    }),
  );
  phase('rebuild indexes');
  // ---- The analytics rollup, as migration 0012 builds it for an existing database: each ticket's SLA
  // outcome per clock (from its SLA history, by the real engine), then the daily rollup of every day.
  await backfillSlaOutcomes(db, now);
  await rebuildTicketRollup(db);
  phase('analytics rollup');
  // ---- Knowledge articles, through the knowledge module's own seeder (its search columns as the app writes them).
  const knowledge = await generateKnowledge(db, { articles: knowledgeCount, seed, now, timeZone: calendar.timeZone });
  console.log(`    knowledge: ${JSON.stringify(knowledge)}`);
  phase('knowledge');
  await loadAssets(db, org, admins);
  await loadOperations(db, org);
  await client.query('VACUUM (ANALYZE)');
  phase('vacuum analyze');

  const counts: Record<string, number> = {};
  for (const table of [
    ...LOAD_TABLES,
    'users',
    'departments',
    'teams',
    'catalog_items',
    ...KNOWLEDGE_TABLES,
    'assets',
    ...OPERATION_TABLES,
  ]) {
    counts[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  }
  const size = (await client.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`)).rows[0].s as string;
  await client.end();
  const total = (Date.now() - t0) / 1000;
  const summary = {
    database: dbName,
    scale,
    seed,
    now: now.toISOString(),
    years,
    counts,
    size,
    seconds: Math.round(total),
    phases,
    password: BENCH_PASSWORD,
    generatedAt: new Date().toISOString(),
  };
  const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `generate-${scale}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(summary);
  console.log(`done in ${(total / 60).toFixed(1)} min`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
