import pg from 'pg';
import PgBoss from 'pg-boss';
import type { CapturedMail } from '../platform/notifications/test-peers.js';
import { waitUntil } from './server-process.js';

/** Runs `fn` with a connected pg client. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * After a kill -9 the dead process's jobs stay `active` until pg-boss expires them (15 minutes by
 * default). The campaign does not wait that long: it shortens their expiry to one second and lets a
 * pg-boss supervisor (pg-boss's own expiry code) put them back for retry. Returns the e-mail
 * deliveries those jobs were carrying — the only ones that may legitimately be sent twice (sent to
 * SMTP just before the kill, not yet marked sent).
 */
export async function expireOrphanedJobs(databaseUrl: string): Promise<{ orphans: number; inFlightDeliveries: Set<number> }> {
  const rows = await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ name: string; data: { deliveryId?: number } }>(
      `UPDATE pgboss.job SET expire_in = interval '1 second' WHERE state = 'active' RETURNING name, data`,
    );
    return rows;
  });
  const inFlightDeliveries = new Set(rows.filter((r) => r.name.startsWith('notifications.')).map((r) => Number(r.data.deliveryId)));
  if (rows.length > 0) {
    const boss = new PgBoss({
      connectionString: databaseUrl,
      schema: 'pgboss',
      max: 1,
      supervise: true,
      schedule: false,
      migrate: false,
      maintenanceIntervalSeconds: 1,
    });
    boss.on('error', () => {});
    await boss.start();
    try {
      await waitUntil(
        () =>
          withClient(databaseUrl, async (client) => {
            const { rows } = await client.query(
              `SELECT 1 FROM pgboss.job WHERE state = 'active' AND started_on < now() - interval '2 seconds' LIMIT 1`,
            );
            return rows.length === 0;
          }),
        'pg-boss to expire the killed process’s active jobs',
        120_000,
      );
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }
  return { orphans: rows.length, inFlightDeliveries };
}

/** Waits until every e-mail delivery is sent or skipped and no notification job is waiting. */
export async function waitForDeliveries(databaseUrl: string, timeoutMs = 180_000): Promise<void> {
  await waitUntil(
    () =>
      withClient(databaseUrl, async (client) => {
        const pending = await client.query(`SELECT 1 FROM notification_deliveries WHERE status = 'pending' LIMIT 1`);
        const jobs = await client.query(
          `SELECT 1 FROM pgboss.job WHERE name LIKE 'notifications.%' AND state IN ('created', 'retry', 'active') LIMIT 1`,
        );
        return pending.rows.length === 0 && jobs.rows.length === 0;
      }),
    'every e-mail delivery to be done',
    timeoutMs,
  );
}

export interface MailReport {
  deliveries: number;
  mails: number;
  duplicates: number[];
  failed: number;
}

/**
 * The e-mail invariants: each event reaches each person through one delivery; every sent delivery
 * arrived at the SMTP sink, exactly once (a repeat is tolerated only for `inFlight` deliveries, and
 * carries the same Message-ID); none failed.
 */
export async function checkMailOnce(databaseUrl: string, mails: CapturedMail[], inFlight = new Set<number>()): Promise<MailReport> {
  const deliveries = await withClient(databaseUrl, async (client) => {
    const perPerson = await client.query(
      `SELECT event_id, recipient_id, count(*) FROM notification_deliveries WHERE channel = 'email' AND event_id IS NOT NULL
       GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    if (perPerson.rows.length) throw new Error(`more than one e-mail delivery per event and person: ${JSON.stringify(perPerson.rows)}`);
    const { rows } = await client.query<{ id: string; status: string; attempts: number; last_error: string | null }>(
      `SELECT id, status, attempts, last_error FROM notification_deliveries WHERE channel = 'email'`,
    );
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  });
  const byDelivery = new Map<number, number>();
  for (const mail of mails) {
    const id = /<notification\.(\d+)@/.exec(mail.headers.get('message-id') ?? '')?.[1];
    if (!id) throw new Error(`a mail without our Message-ID: ${mail.headers.get('message-id')}`);
    byDelivery.set(Number(id), (byDelivery.get(Number(id)) ?? 0) + 1);
  }
  const failed = deliveries.filter((d) => d.status === 'failed');
  if (failed.length) throw new Error(`failed deliveries: ${JSON.stringify(failed.slice(0, 5))}`);
  const sent = deliveries.filter((d) => d.status === 'sent');
  const missing = sent.filter((d) => !byDelivery.has(d.id));
  if (missing.length) throw new Error(`deliveries marked sent that never reached SMTP: ${missing.map((d) => d.id).join(', ')}`);
  const known = new Set(deliveries.map((d) => d.id));
  const strays = [...byDelivery.keys()].filter((id) => !known.has(id));
  if (strays.length) throw new Error(`mail for deliveries that do not exist (rolled back?): ${strays.join(', ')}`);
  const duplicates = [...byDelivery].filter(([, n]) => n > 1).map(([id]) => id);
  const unexplained = duplicates.filter((id) => !inFlight.has(id));
  if (unexplained.length) throw new Error(`mail sent more than once: deliveries ${unexplained.join(', ')}`);
  return { deliveries: deliveries.length, mails: mails.length, duplicates, failed: failed.length };
}
