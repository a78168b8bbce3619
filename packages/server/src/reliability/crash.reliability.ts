import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCapture } from '../platform/notifications/test-peers.js';
import { createTestDatabase } from '../test/harness.js';
import { seedDesk } from './desk.js';
import { checkMailOnce, expireOrphanedJobs, waitForDeliveries, withClient } from './outbox.js';
import { scale } from './scale.js';
import { alive, postgresProcesses, runCli, type ServerOptions, ServerProcess, waitUntil } from './server-process.js';
import { STORM_TITLE, type StormLog, startStorm } from './storm.js';

// Campaign 1: kill -9 in the middle of a create/transition storm, then restart and check that every
// acknowledged write survived, nothing was duplicated, the audit chain verifies and the outbox's
// e-mails went out once per event and person.

let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
const started: ServerProcess[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  for (const server of started) await server.kill9();
  await smtp?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function options(databaseUrl?: string): ServerOptions {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shuyun-crash-'));
  dirs.push(dataDir);
  return {
    dataDir,
    databaseUrl,
    env: { SMTP_URL: smtp.url, MAIL_FROM: '数运 <shuyun@example.com>', NOTIFY_RETRY_DELAY_SECONDS: '1', NOTIFY_RETRY_LIMIT: '5' },
  };
}

async function start(opts: ServerOptions): Promise<ServerProcess> {
  const server = await ServerProcess.start(opts);
  started.push(server);
  return server;
}

/** Every acknowledged write is in the database; no ticket twice; the outbox matches the tickets. */
async function checkWrites(databaseUrl: string, log: StormLog) {
  await withClient(databaseUrl, async (client) => {
    const { rows: tickets } = await client.query<{ id: string; number: string; title: string; status: string; version: number }>(
      `SELECT id, number, title, status, version FROM tickets WHERE title LIKE $1`,
      [`${STORM_TITLE} %`],
    );
    const byId = new Map(tickets.map((t) => [Number(t.id), t]));
    for (const create of log.creates) {
      const row = byId.get(create.id);
      expect(row, `acknowledged ticket ${create.number}`).toBeDefined();
      expect(row?.number).toBe(create.number);
      expect(row?.title).toBe(`${STORM_TITLE} ${create.marker}`);
    }
    const titles = new Set(tickets.map((t) => t.title));
    const numbers = new Set(tickets.map((t) => t.number));
    expect(titles.size, 'tickets with the same client marker').toBe(tickets.length);
    expect(numbers.size, 'tickets with the same number').toBe(tickets.length);

    const { rows: changes } = await client.query<{ record_id: string; to: string }>(
      `SELECT record_id, payload->>'to' AS to FROM activity WHERE record_type = 'ticket' AND kind = 'stateChanged' AND record_id = ANY($1)`,
      [tickets.map((t) => t.id)],
    );
    const seen = new Set(changes.map((c) => `${c.record_id}:${c.to}`));
    for (const action of log.actions) {
      expect(seen.has(`${action.ticketId}:${action.status}`), `acknowledged ${action.action} of ticket ${action.ticketId}`).toBe(true);
      expect(byId.get(action.ticketId)?.version ?? 0).toBeGreaterThanOrEqual(action.version);
    }
    // The outbox: each ticket that exists announced its creation exactly once (same transaction).
    const { rows: events } = await client.query<{ record_id: string; n: string }>(
      `SELECT record_id, count(*) AS n FROM notification_events WHERE record_type = 'ticket' AND type IN ('ticket.created', 'ticket.assigned')
       AND record_id = ANY($1) GROUP BY record_id`,
      [tickets.map((t) => t.id)],
    );
    const eventCount = new Map(events.map((e) => [Number(e.record_id), Number(e.n)]));
    for (const t of tickets) expect(eventCount.get(Number(t.id)) ?? 0, `creation notices of ${t.number}`).toBe(1);
    const { rows: resolvedNotices } = await client.query<{ record_id: string; n: string }>(
      `SELECT record_id, count(*) AS n FROM notification_events WHERE record_type = 'ticket' AND type = 'ticket.resolved'
       AND record_id = ANY($1) GROUP BY record_id`,
      [tickets.map((t) => t.id)],
    );
    const resolvedCount = new Map(resolvedNotices.map((e) => [Number(e.record_id), Number(e.n)]));
    for (const t of tickets)
      expect(resolvedCount.get(Number(t.id)) ?? 0, `resolution notices of ${t.number}`).toBe(t.status === 'resolved' ? 1 : 0);
  });
}

async function auditVerifies(opts: ServerOptions, url?: string) {
  const result = await runCli(['audit', 'verify'], opts);
  if (result.code !== 0 && url) {
    await withClient(url, async (c) => {
      const { rows } = await c.query(
        'SELECT id, at, actor_id, actor_name, ip, user_agent, action, object_type, object_id, object_label, before, after, prev_hash, hash, xmin FROM audit_log ORDER BY id LIMIT 12',
      );
      console.log(JSON.stringify(rows, null, 1));
    });
  }
  expect(result.output).toContain('audit chain intact');
  expect(result.code).toBe(0);
}

function summary(label: string, log: StormLog, extra: Record<string, unknown>) {
  console.log(
    `[crash] ${label}: ${log.creates.length} tickets and ${log.actions.length} transitions acknowledged, ` +
      `${log.serverErrors.length} 5xx during the outage, ${JSON.stringify(extra)}`,
  );
}

describe('kill -9 in the middle of a create/transition storm', () => {
  it('the server process: every acknowledged write survives, nothing twice, audit chain intact, e-mails once', async () => {
    const databaseUrl = await createTestDatabase();
    const opts = options(databaseUrl);
    smtp.mails.length = 0;
    const server = await start(opts);
    const desk = await seedDesk(databaseUrl, server.url, 4);
    const storm = startStorm(server.url, desk, scale.stormClients);
    await waitUntil(() => storm.log.acked() >= scale.writesBeforeKill, 'the storm to get going', 300_000);
    await server.kill9();
    await storm.stop();

    const restarted = await start(opts);
    await checkWrites(databaseUrl, storm.log);
    expect(storm.log.serverErrors, 'no 5xx before the kill').toEqual([]);
    await auditVerifies(opts, databaseUrl);
    const { orphans, inFlightDeliveries } = await expireOrphanedJobs(databaseUrl);
    await waitForDeliveries(databaseUrl);
    const mail = await checkMailOnce(databaseUrl, smtp.mails, inFlightDeliveries);
    expect(mail.mails).toBeGreaterThan(0);
    summary('server killed', storm.log, { orphanedJobs: orphans, ...mail });
    await restarted.stop();
  });

  it('the embedded PostgreSQL: after a restart the same invariants hold', async () => {
    const opts = options();
    smtp.mails.length = 0;
    const server = await start(opts);
    const databaseUrl = server.embeddedDatabaseUrl();
    const desk = await seedDesk(databaseUrl, server.url, 4);
    const storm = startStorm(server.url, desk, scale.stormClients);
    await waitUntil(() => storm.log.acked() >= scale.writesBeforeKill, 'the storm to get going', 300_000);
    const pgDir = path.join(opts.dataDir, 'pg');
    const { postmaster, children } = postgresProcesses(pgDir);
    process.kill(postmaster, 'SIGKILL');
    // The server stays up without its database for a moment (requests fail), then is restarted as an operator would.
    await new Promise((r) => setTimeout(r, 2000));
    await server.kill9();
    await storm.stop();
    // PostgreSQL's backends notice their postmaster is gone and exit; a new postmaster refuses to start before.
    await waitUntil(() => ![postmaster, ...children].some(alive), 'the killed PostgreSQL’s processes to exit', 30_000);

    const restarted = await start(opts);
    const url = restarted.embeddedDatabaseUrl();
    await checkWrites(url, storm.log);
    for (const error of storm.log.serverErrors) expect(error.body).not.toMatch(/\bat .+:\d+:\d+|node_modules|SELECT |INSERT INTO/);
    await auditVerifies(opts);
    const { orphans, inFlightDeliveries } = await expireOrphanedJobs(url);
    await waitForDeliveries(url);
    const mail = await checkMailOnce(url, smtp.mails, inFlightDeliveries);
    expect(mail.mails).toBeGreaterThan(0);
    summary('PostgreSQL killed', storm.log, { orphanedJobs: orphans, ...mail });
    await restarted.stop();
  });
});
