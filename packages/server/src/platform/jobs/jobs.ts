import { CompiledQuery, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  /** Must be idempotent: a job may run again after a crash between its effect and its completion. */
  handler: (data: z.output<S>, meta: { id: string; retryCount: number }) => Promise<void>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Called once when the last retry has failed. */
  onFailure?: (data: z.output<S>, error: unknown) => Promise<void>;
}

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

/**
 * Background work on pg-boss in the same PostgreSQL. `enqueue` runs inside the caller's transaction
 * (an outbox: the job exists exactly when the business change does).
 */
export class Jobs {
  readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition>();
  private started = false;

  constructor(
    connectionString: string,
    private readonly log: Logger,
  ) {
    this.boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4, application_name: 'shuyun-jobs' });
    this.boss.on('error', (error) => this.log.error({ err: error }, 'job system error'));
  }

  register(definition: JobDefinition): void {
    this.definitions.set(definition.name, definition);
  }

  /** Creates pg-boss's schema and queues. Every instance does this; pg-boss makes it safe. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    for (const name of this.definitions.keys()) await this.boss.createQueue(name);
    this.started = true;
  }

  /** Starts workers for every registered job in this process. */
  async work(): Promise<void> {
    for (const definition of this.definitions.values()) {
      await this.boss.work(
        definition.name,
        { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 1 },
        async ([job]) => {
          if (!job) return;
          const data = definition.schema.parse(job.data);
          try {
            await definition.handler(data, { id: job.id, retryCount: job.retryCount });
          } catch (error) {
            if (job.retryCount >= job.retryLimit && definition.onFailure) await definition.onFailure(data, error);
            throw error;
          }
        },
      );
    }
  }

  /** Enqueues a job inside a transaction; it becomes visible to workers only when the transaction commits. */
  async enqueue(trx: Transaction<DB>, name: string, data: unknown, options: PgBoss.SendOptions = {}): Promise<string | null> {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`unknown job ${name}`);
    const payload = definition.schema.parse(data) as object;
    return this.boss.send(name, payload, {
      retryLimit: definition.retryLimit ?? 5,
      retryDelay: definition.retryDelaySeconds ?? 10,
      retryBackoff: true,
      ...options,
      db: {
        executeSql: async (text, values) => {
          const result = await trx.executeQuery(CompiledQuery.raw(text, values));
          return { rows: result.rows as unknown[] as never[] };
        },
      },
    });
  }

  /** Jobs waiting or retrying, per queue (for /metrics). */
  async queueDepths(): Promise<Record<string, number>> {
    if (!this.started) return {};
    const depths: Record<string, number> = {};
    for (const name of this.definitions.keys()) depths[name] = await this.boss.getQueueSize(name);
    return depths;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
