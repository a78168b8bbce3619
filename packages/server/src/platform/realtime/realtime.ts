import type { Permission } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../context.js';

const CHANNEL = 'shuyun_events';

/** A change worth telling open browsers about. Small: NOTIFY payloads are limited to 8 kB. */
export interface RealtimeEvent {
  type: string;
  recordType?: string;
  recordId?: number;
  /** Deliver only to these users… */
  userIds?: number[];
  /** …or to holders of this permission. Neither: everyone signed in. */
  permission?: Permission;
  data?: Record<string, unknown>;
}

type Listener = { actor: Actor; send: (event: RealtimeEvent) => void };

/**
 * Realtime fan-out across instances: events are published with NOTIFY inside the business
 * transaction (so they go out only if it commits) and every instance LISTENs and forwards them
 * to its own SSE clients.
 */
export class Realtime {
  private client: pg.Client | null = null;
  private readonly listeners = new Set<Listener>();
  private stopped = false;

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'shuyun-realtime' });
    client.on('notification', (message) => {
      if (!message.payload) return;
      try {
        this.dispatch(JSON.parse(message.payload) as RealtimeEvent);
      } catch (error) {
        this.log.warn({ err: error }, 'bad realtime payload');
      }
    });
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'realtime connection lost; reconnecting');
      this.client = null;
      if (!this.stopped) setTimeout(() => this.start().catch(() => {}), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
  }

  /** Publishes on commit of `trx`. */
  async publish(trx: Transaction<DB>, event: RealtimeEvent): Promise<void> {
    await sql`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(event)})`.execute(trx);
  }

  subscribe(actor: Actor, send: (event: RealtimeEvent) => void): () => void {
    const listener = { actor, send };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get connections(): number {
    return this.listeners.size;
  }

  private dispatch(event: RealtimeEvent): void {
    for (const { actor, send } of this.listeners) {
      if (event.userIds && !event.userIds.includes(actor.userId)) continue;
      if (event.permission && !actor.permissions.has(event.permission)) continue;
      send(event);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listeners.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
