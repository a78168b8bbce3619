import type { Permission } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../context.js';

const CHANNEL = 'shuyun_events';
// NOTIFY refuses payloads of 8000 bytes or more; keep a margin.
const MAX_PAYLOAD_BYTES = 7_500;
const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 10_000;

/** A change worth telling open browsers about. Small: NOTIFY payloads are limited to 8 kB. */
export interface RealtimeEvent {
  type: string;
  recordType?: string;
  recordId?: number;
  /** Deliver to these users… */
  userIds?: number[];
  /** …and to holders of this permission (each once). Neither: everyone signed in. */
  permission?: Permission;
  data?: Record<string, unknown>;
}

/** Sent to every open stream after the instance lost and regained its database listener: refetch what is shown. */
export const RESYNC_EVENT: RealtimeEvent = { type: 'resync' };

/** One open stream: close it, or swap in the reloaded actor after a permission change. */
export interface Subscription {
  close(): void;
  update(actor: Actor): void;
}

type Listener = { actor: Actor; send: (event: RealtimeEvent) => void };

/**
 * Realtime fan-out across instances: events are published with NOTIFY inside the business
 * transaction (so they go out only if it commits) and every instance LISTENs and forwards them
 * to its own SSE clients. A lost listener connection is re-established with backoff.
 */
export class Realtime {
  /** How often open streams are pinged and their session re-checked. */
  heartbeatMs = 25_000;
  private client: pg.Client | null = null;
  private readonly listeners = new Set<Listener>();
  private stopped = true;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'shuyun-realtime' });
    client.on('notification', (message) => {
      if (!message.payload) return;
      try {
        this.dispatch(JSON.parse(message.payload) as RealtimeEvent);
      } catch (error) {
        this.log.warn({ err: error }, 'bad realtime payload');
      }
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return; // an old connection, already replaced
      this.client = null;
      client.end().catch(() => {});
      if (this.stopped) return;
      this.log.warn({ err: error }, 'realtime connection lost; reconnecting');
      this.scheduleReconnect(RECONNECT_FIRST_MS);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    this.client = client;
  }

  private scheduleReconnect(delayMs: number): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = null;
      if (this.stopped) return;
      try {
        await this.connect();
        if (this.stopped) return void (await this.stop());
        this.log.info('realtime connection restored');
        // Events published while we were away are lost; tell the browsers to refetch.
        this.dispatch(RESYNC_EVENT);
      } catch (error) {
        this.log.warn({ err: error }, 'realtime reconnect failed');
        this.scheduleReconnect(Math.min(delayMs * 2, RECONNECT_MAX_MS));
      }
    }, delayMs);
    this.reconnectTimer.unref();
  }

  /**
   * Publishes on commit of `trx`, in the order given, with one statement however many events.
   * An event too large for NOTIFY goes out without its `data` (readers refetch the record) rather
   * than failing the business change.
   */
  async publish(trx: Transaction<DB>, ...events: RealtimeEvent[]): Promise<void> {
    const payloads = events.map((event) => {
      const payload = JSON.stringify(event);
      if (Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES) return payload;
      const { data: _dropped, ...rest } = event;
      const smaller = JSON.stringify({ ...rest, truncated: true });
      if (Buffer.byteLength(smaller) > MAX_PAYLOAD_BYTES) throw new Error(`realtime event ${event.type} is too large to publish`);
      return smaller;
    });
    if (!payloads.length) return;
    // A function scan of unnest returns the array's order, and NOTIFY delivers in the order called.
    await sql`SELECT pg_notify(${CHANNEL}, p) FROM unnest(${payloads}::text[]) AS p`.execute(trx);
  }

  subscribe(actor: Actor, send: (event: RealtimeEvent) => void): Subscription {
    const listener = { actor, send };
    this.listeners.add(listener);
    return {
      close: () => this.listeners.delete(listener),
      update: (next) => {
        listener.actor = next;
      },
    };
  }

  get connections(): number {
    return this.listeners.size;
  }

  /** True while the database listener is connected. */
  get listening(): boolean {
    return this.client !== null;
  }

  private dispatch(event: RealtimeEvent): void {
    for (const listener of this.listeners) {
      const { actor } = listener;
      if (event.userIds || event.permission) {
        const addressed = event.userIds?.includes(actor.userId) || (event.permission && actor.permissions.has(event.permission));
        if (!addressed) continue;
      }
      try {
        listener.send(event);
      } catch (error) {
        this.log.warn({ err: error }, 'realtime delivery failed');
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.listeners.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
