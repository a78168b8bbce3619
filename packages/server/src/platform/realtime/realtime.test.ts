import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../app.js';
import { setupTestApp, type TestContext, type TestUser } from '../../test/harness.js';
import { type RunningPlatform, startPlatform } from '../platform.js';
import type { RealtimeEvent } from './realtime.js';

interface Received {
  event: string;
  data: Record<string, unknown>;
}

/** A browser's EventSource, over real HTTP. */
interface Stream {
  received: Received[];
  ended: boolean;
  next(predicate: (e: Received) => boolean, what: string, timeoutMs?: number): Promise<Received>;
  close(): void;
}

const streams: Stream[] = [];

function openStream(baseUrl: string, headers: Record<string, string>): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${baseUrl}/api/events`, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`GET /api/events answered ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      const waiters = new Set<() => void>();
      const taken = new Set<Received>(); // events already returned by next()
      const stream: Stream = {
        received: [],
        ended: false,
        next(predicate, what, timeoutMs = 10_000) {
          return new Promise((done, fail) => {
            const check = () => {
              const hit = stream.received.find((e) => !taken.has(e) && predicate(e));
              if (hit) {
                taken.add(hit);
                waiters.delete(check);
                clearTimeout(timer);
                done(hit);
              } else if (stream.ended) {
                waiters.delete(check);
                clearTimeout(timer);
                fail(new Error(`stream ended before ${what}`));
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`timed out waiting for ${what}; got ${JSON.stringify(stream.received)}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        close() {
          req.destroy();
        },
      };
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          cut = buffer.indexOf('\n\n');
          if (block === ': connected') {
            resolve(stream);
            continue;
          }
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) stream.received.push({ event, data: JSON.parse(data) });
        }
        for (const check of [...waiters]) check();
      });
      res.on('close', () => {
        stream.ended = true;
        for (const check of [...waiters]) check();
      });
      streams.push(stream);
    });
    req.on('error', (error) => {
      if (!(error as NodeJS.ErrnoException).code?.startsWith('ECONNRESET')) reject(error);
    });
  });
}

let t: TestContext;
let platformB: RunningPlatform;
let appB: Awaited<ReturnType<typeof buildApp>>;
let urlA: string;
let urlB: string;
let x: TestUser;
let y: TestUser;
let auditor: TestUser;
const cookie = async (user: TestUser) => ({ cookie: `shuyun_sid=${(await t.login(user)).cookie}` });

beforeAll(async () => {
  // Instance A is the harness's app; instance B is a second server process on the same database.
  t = await setupTestApp();
  platformB = await startPlatform(t.config, t.databaseUrl, pino({ level: 'silent' }), { workers: true });
  appB = await buildApp(platformB, { webDist: null });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  await appB.listen({ port: 0, host: '127.0.0.1' });
  urlA = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  urlB = `http://127.0.0.1:${(appB.server.address() as AddressInfo).port}`;
  x = await t.createUser();
  y = await t.createUser();
  auditor = await t.createUser({ roles: ['auditor'] });
});

afterAll(async () => {
  for (const s of streams) s.close();
  await appB?.close();
  await platformB?.close();
  await t?.close();
});

/** Publishes from an instance inside a committed transaction, as a service would. */
async function publish(platform: RunningPlatform, event: RealtimeEvent): Promise<void> {
  await platform.db.transaction().execute((trx) => platform.realtime.publish(trx, event));
}

let markers = 0;
/** An event everyone gets; once a stream has it, every event committed before it has arrived too. */
async function barrier(platform: RunningPlatform, ...on: Stream[]): Promise<void> {
  const marker = `marker-${++markers}`;
  await publish(platform, { type: 'marker', data: { marker } });
  await Promise.all(on.map((s) => s.next((e) => (e.data.data as { marker?: string } | undefined)?.marker === marker, marker)));
}

describe('events across instances', () => {
  it('delivers an event made on either instance to streams on both', async () => {
    const onA = await openStream(urlA, await cookie(x));
    const onB = await openStream(urlB, await cookie(x)); // a session made on A works on B: sessions live in the database

    await publish(platformB, { type: 'ticket.updated', recordType: 'ticket', recordId: 41, data: { status: 'assigned' } });
    for (const s of [onA, onB]) {
      const got = await s.next((e) => e.event === 'ticket.updated', 'the event from B');
      expect(got.data).toEqual({ type: 'ticket.updated', recordType: 'ticket', recordId: 41, data: { status: 'assigned' } });
    }

    await publish(t.platform, { type: 'ticket.created', recordType: 'ticket', recordId: 42 });
    for (const s of [onA, onB]) await s.next((e) => e.event === 'ticket.created' && e.data.recordId === 42, 'the event from A');
  });

  it('never delivers an event whose transaction rolled back', async () => {
    const onA = await openStream(urlA, await cookie(x));
    await expect(
      platformB.db.transaction().execute(async (trx) => {
        await platformB.realtime.publish(trx, { type: 'ticket.ghost', recordId: 1 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await barrier(platformB, onA);
    expect(onA.received.map((e) => e.event)).not.toContain('ticket.ghost');
  });

  it('delivers an event addressed to users only to those users, without revealing the audience', async () => {
    const xOnA = await openStream(urlA, await cookie(x));
    const xOnB = await openStream(urlB, await cookie(x));
    const yOnA = await openStream(urlA, await cookie(y));
    await publish(platformB, { type: 'notification', userIds: [x.id], data: { text: 'for x' } });
    for (const s of [xOnA, xOnB]) {
      const got = await s.next((e) => e.event === 'notification', 'x’s notification');
      expect(got.data).toEqual({ type: 'notification', data: { text: 'for x' } });
    }
    await barrier(t.platform, yOnA);
    expect(yOnA.received.map((e) => e.event)).not.toContain('notification');
  });

  it('delivers an event requiring a permission only to its holders', async () => {
    const auditorStream = await openStream(urlB, await cookie(auditor));
    const requesterStream = await openStream(urlB, await cookie(y));
    await publish(t.platform, { type: 'audit.appended', permission: 'audit.read', data: { id: 9 } });
    const got = await auditorStream.next((e) => e.event === 'audit.appended', 'the auditor’s event');
    expect(got.data).toEqual({ type: 'audit.appended', data: { id: 9 } });
    await barrier(t.platform, requesterStream);
    expect(requesterStream.received.map((e) => e.event)).not.toContain('audit.appended');
  });

  it('delivers an event addressed to users and a permission once to each of them, and to no one else', async () => {
    const auditorStream = await openStream(urlA, await cookie(auditor));
    const xStream = await openStream(urlB, await cookie(x));
    const yStream = await openStream(urlB, await cookie(y));
    await publish(t.platform, { type: 'record.touched', recordId: 3, permission: 'audit.read', userIds: [x.id, auditor.id] });
    await auditorStream.next((e) => e.event === 'record.touched', 'the auditor’s event');
    await xStream.next((e) => e.event === 'record.touched', 'x’s event');
    await barrier(t.platform, auditorStream, xStream, yStream);
    expect(auditorStream.received.filter((e) => e.event === 'record.touched')).toHaveLength(1);
    expect(yStream.received.map((e) => e.event)).not.toContain('record.touched');
  });

  it('publishes an oversized event without its data instead of failing the business change', async () => {
    const onB = await openStream(urlB, await cookie(x));
    await publish(t.platform, { type: 'ticket.bulk', recordType: 'ticket', recordId: 7, data: { text: '很长'.repeat(3000) } });
    const got = await onB.next((e) => e.event === 'ticket.bulk', 'the oversized event');
    expect(got.data).toEqual({ type: 'ticket.bulk', recordType: 'ticket', recordId: 7, truncated: true });
  });

  it('publishes several events in one statement, delivered in the order given', async () => {
    const onA = await openStream(urlA, await cookie(x));
    await platformB.db
      .transaction()
      .execute((trx) =>
        platformB.realtime.publish(trx, ...[1, 2, 3].map((n) => ({ type: 'ticket.batch', recordType: 'ticket', recordId: n }))),
      );
    await barrier(platformB, onA);
    expect(onA.received.filter((e) => e.event === 'ticket.batch').map((e) => e.data.recordId)).toEqual([1, 2, 3]);
  });

  it('refuses a stream to someone not signed in', async () => {
    await expect(openStream(urlA, {})).rejects.toThrow(/401/);
  });
});

describe('a stream outliving its session', () => {
  it('is told and closed after signing out, while a stream of another session keeps running', async () => {
    platformB.realtime.heartbeatMs = 200;
    try {
      const client = await t.login(x);
      const ending = await openStream(urlB, { cookie: `shuyun_sid=${client.cookie}` });
      const staying = await openStream(urlB, await cookie(x));
      expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
      await ending.next((e) => e.event === 'sessionEnded', 'the session to end', 5_000);
      await expect(ending.next(() => false, 'the stream to close', 5_000)).rejects.toThrow(/stream ended/);
      await barrier(platformB, staying);
      expect(staying.ended).toBe(false);
    } finally {
      platformB.realtime.heartbeatMs = 25_000;
    }
  });

  it('stops delivering permission-gated events once the role is revoked', async () => {
    platformB.realtime.heartbeatMs = 200;
    try {
      const holder = await t.createUser({ roles: ['auditor'] });
      const s = await openStream(urlB, await cookie(holder));
      await t.platform.db.deleteFrom('user_roles').where('user_id', '=', holder.id).execute();
      // Wait for a heartbeat to reload the actor.
      await new Promise((r) => setTimeout(r, 600));
      await publish(t.platform, { type: 'audit.appended', permission: 'audit.read', data: { id: 10 } });
      await barrier(t.platform, s);
      expect(s.received.map((e) => e.event)).not.toContain('audit.appended');
    } finally {
      platformB.realtime.heartbeatMs = 25_000;
    }
  });
});

describe('losing the database listener', () => {
  it('reconnects even when the first attempts fail, and tells streams to resync', async () => {
    const s = await openStream(urlA, await cookie(x));
    const database = new URL(t.databaseUrl).pathname.slice(1);
    const admin = new pg.Client(inject('pgAdminUrl')); // the server's maintenance database, not ours
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
      const { rows } = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'shuyun-realtime' AND datname = $1`,
        [database],
      );
      expect(rows.length).toBe(2); // one listener per instance
      await new Promise((r) => setTimeout(r, 2_000)); // reconnect attempts fail meanwhile
    } finally {
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await s.next((e) => e.event === 'resync', 'the resync after reconnecting', 15_000);
    const deadline = Date.now() + 15_000;
    while (!(t.platform.realtime.listening && platformB.realtime.listening) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await publish(platformB, { type: 'after.outage', recordId: 5 });
    await s.next((e) => e.event === 'after.outage', 'an event after the outage');
  });
});
