import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCapture } from '../platform/notifications/test-peers.js';
import { createTestDatabase } from '../test/harness.js';
import { PASSWORD, seedDesk } from './desk.js';
import { HttpClient } from './http-client.js';
import { checkMailOnce, waitForDeliveries, withClient } from './outbox.js';
import { scale } from './scale.js';
import { type ServerOptions, ServerProcess, waitUntil } from './server-process.js';

// Campaign 2: two server instances (each with job workers) on one database under load. Invariants:
// one e-mail per event and person at the SMTP sink, each SLA warning / breach / escalation announced
// once, and realtime events reach clients connected to either instance.

let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
const servers: ServerProcess[] = [];
const dirs: string[] = [];
const streams: AbortController[] = [];

beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  for (const s of streams) s.abort();
  for (const server of servers) await server.stop();
  await smtp?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Listens to /api/events as `client` and collects the ids of changed tickets. */
async function listen(client: HttpClient): Promise<Set<number>> {
  const seen = new Set<number>();
  const controller = new AbortController();
  streams.push(controller);
  const res = await fetch(`${client.base}/api/events`, { headers: { cookie: client.cookie }, signal: controller.signal });
  expect(res.status).toBe(200);
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          if (data) {
            const event = JSON.parse(data) as { recordType?: string; recordId?: number };
            if (event.recordType === 'ticket' && event.recordId) seen.add(event.recordId);
          }
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {}
  })();
  return seen;
}

describe('two instances on one database', () => {
  it('no double e-mails, each SLA escalation once, realtime reaches clients of both', async () => {
    const databaseUrl = await createTestDatabase();
    const options = (): ServerOptions => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shuyun-twin-'));
      dirs.push(dataDir);
      return { dataDir, databaseUrl, env: { SMTP_URL: smtp.url, MAIL_FROM: '数运 <shuyun@example.com>', NOTIFY_RETRY_DELAY_SECONDS: '1' } };
    };
    const a = await ServerProcess.start(options());
    servers.push(a);
    const b = await ServerProcess.start(options());
    servers.push(b);
    const desk = await seedDesk(databaseUrl, a.url, 2 + scale.twinListeners);

    // An SLA that breaches within a minute on the round-the-clock calendar, escalating at the breach.
    const manager = await HttpClient.signIn(b.url, desk.admin.username, PASSWORD);
    const calendars = await manager.get('/api/sla/calendars');
    expect(calendars.status, calendars.body).toBe(200);
    const calendar =
      (calendars.json.items as { id: number; name: string }[]).find((c) => c.name.includes('7×24')) ?? calendars.json.items[0];
    const target = { responseMinutes: 1, resolutionMinutes: 3 };
    const policy = await manager.post('/api/sla/policies', {
      name: '一分钟响应',
      calendarId: calendar.id,
      targets: { P1: target, P2: target, P3: target, P4: target },
      warnRatio: 0.5,
      escalation: { levels: [{ afterBreachMinutes: 0, notify: 'team_lead' }] },
      isDefault: true,
    });
    expect(policy.status, policy.body).toBe(201);

    // Listeners: team members connected to A and to B.
    const listeners = await Promise.all(
      desk.engineers.slice(2, 2 + scale.twinListeners).map(async (person, i) => {
        const server = i % 2 ? b : a;
        const client = await HttpClient.signIn(server.url, person.username, PASSWORD);
        return { on: i % 2 ? 'B' : 'A', seen: await listen(client) };
      }),
    );
    const [workerA, workerB] = await Promise.all(
      [a, b].map((s, i) => HttpClient.signIn(s.url, (desk.engineers[i] as { username: string }).username, PASSWORD)),
    );
    const via = [workerA, workerB] as HttpClient[];

    // Load: tickets created alternately on A and B; half are handled across instances (claim on one,
    // resolve on the other: the requester is mailed), half are left to breach their SLA.
    const created: { id: number; handled: boolean }[] = [];
    await Promise.all(
      Array.from({ length: scale.twinTickets }, async (_, i) => {
        const api = via[i % 2] as HttpClient;
        const other = via[(i + 1) % 2] as HttpClient;
        const res = await api.post('/api/tickets', { title: `双实例 ${i}`, catalogItemId: desk.itemId, requesterId: desk.requester.id });
        expect(res.status, res.body).toBe(201);
        const handled = i % 2 === 0;
        created.push({ id: res.json.id, handled });
        if (!handled) return;
        const claimed = await other.post(`/api/tickets/${res.json.id}/actions/claim`, { version: res.json.version });
        expect(claimed.status, claimed.body).toBe(200);
        const resolved = await api.post(`/api/tickets/${res.json.id}/actions/resolve`, {
          version: claimed.json.version,
          solution: '已处理',
        });
        expect([200, 204]).toContain(resolved.status);
      }),
    );

    // Realtime: every listener, on either instance, heard of every ticket.
    for (const listener of listeners) {
      await waitUntil(() => created.every((c) => listener.seen.has(c.id)), `realtime events at a client of ${listener.on}`, 60_000);
    }

    // SLA: every ticket left alone breaches and is escalated, by whichever instance's worker.
    const waiting = created.filter((c) => !c.handled).map((c) => c.id);
    await waitUntil(
      () =>
        withClient(databaseUrl, async (client) => {
          const { rows } = await client.query(`SELECT 1 FROM tickets WHERE id = ANY($1) AND escalation_level >= 1`, [waiting]);
          return rows.length === waiting.length;
        }),
      'every unhandled ticket to be escalated',
      240_000,
    );
    await new Promise((r) => setTimeout(r, 3000)); // a second announcement would come now
    await withClient(databaseUrl, async (client) => {
      const { rows } = await client.query<{ record_id: string; kind: string; n: string }>(
        `SELECT record_id, kind, count(*) AS n FROM activity WHERE record_type = 'ticket' AND record_id = ANY($1)
         AND kind IN ('slaWarning', 'slaBreached', 'escalated') GROUP BY 1, 2`,
        [waiting],
      );
      for (const id of waiting) {
        for (const kind of ['slaBreached', 'escalated']) {
          expect(Number(rows.find((r) => Number(r.record_id) === id && r.kind === kind)?.n ?? 0), `${kind} of ticket ${id}`).toBe(1);
        }
      }
      expect(
        rows.every((r) => Number(r.n) === 1),
        JSON.stringify(rows.filter((r) => Number(r.n) > 1)),
      ).toBe(true);
      const { rows: notices } = await client.query(
        `SELECT record_id, type, count(*) FROM notification_events WHERE record_id = ANY($1) GROUP BY 1, 2 HAVING count(*) > 1`,
        [created.map((c) => c.id)],
      );
      expect(notices, 'a notification event twice for one ticket').toEqual([]);
    });
    await waitForDeliveries(databaseUrl);
    const mail = await checkMailOnce(databaseUrl, smtp.mails);
    expect(mail.mails).toBeGreaterThan(0);
    console.log(
      `[twin] ${created.length} tickets over 2 instances, ${waiting.length} escalated once each, ${mail.mails} mails for ${mail.deliveries} deliveries, ` +
        `realtime at ${listeners.length} clients (${listeners.map((l) => l.on).join('')})`,
    );
  });
});
