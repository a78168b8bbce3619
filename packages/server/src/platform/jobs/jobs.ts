import { CompiledQuery, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { preparedText } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

// Jobs fetched per poll by each worker; they run side by side.
const BATCH_SIZE = 5;
const DEFAULT_EXPIRE_SECONDS = 300;

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  /** Must be idempotent: a job may run again after a crash between its effect and its completion. */
  handler: (data: z.output<S>, meta: { id: string; retryCount: number }) => Promise<void>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /**
   * How long a started job may run before it counts as failed and is retried (default 300 s). This
   * is also how late a job whose worker was killed mid-run runs again: pg-boss's own default is
   * 15 minutes, too long for a notification.
   */
  expireInSeconds?: number;
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
  private databaseStopping = false;
  private working = false;

  constructor(
    connectionString: string,
    private readonly log: Logger,
  ) {
    this.boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4, application_name: 'shuyun-jobs' });
    this.boss.on('error', (error) => {
      // 57P01 admin_shutdown: PostgreSQL is stopping. Ctrl-C on `npm start` reaches the embedded
      // PostgreSQL (same process group) at the same moment as us, so its pool's idle connections
      // are cut before we stop the job system: said once, not an error per connection.
      if ((error as { code?: string }).code === '57P01') {
        if (!this.databaseStopping) this.log.warn('job system: PostgreSQL is shutting down');
        this.databaseStopping = true;
        return;
      }
      this.log.error({ err: error }, 'job system error');
    });
  }

  /** Adds a job type. Every job is registered before `start()`, which creates its queue. */
  register(definition: JobDefinition): void {
    if (this.started) throw new Error(`job ${definition.name} registered after the job system started`);
    this.definitions.set(definition.name, definition);
  }

  /** Creates pg-boss's schema and queues. Every instance does this; pg-boss makes it safe. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    for (const name of this.definitions.keys()) await this.boss.createQueue(name);
    this.started = true;
  }

  /**
   * Starts workers for every registered job in this process. Each fetch takes a batch and runs its
   * jobs side by side; a full batch fetches again at once, so a backlog drains without waiting a
   * polling interval per job. Each job succeeds or fails (and is retried) on its own.
   */
  async work(): Promise<void> {
    if (this.working) return;
    this.working = true;
    for (const definition of this.definitions.values()) {
      let workerId: string | null = null;
      workerId = await this.boss.work(
        definition.name,
        { includeMetadata: true, batchSize: BATCH_SIZE, pollingIntervalSeconds: 1 },
        async (jobs) => {
          await Promise.all(jobs.map((job) => this.run(definition, job)));
          if (jobs.length === BATCH_SIZE && workerId) this.boss.notifyWorker(workerId);
        },
      );
    }
  }

  private async run(definition: JobDefinition, job: PgBoss.JobWithMetadata<unknown>): Promise<void> {
    const meta = { id: job.id, retryCount: job.retryCount };
    let data: unknown;
    try {
      data = definition.schema.parse(job.data);
      await definition.handler(data, meta);
      return; // pg-boss completes the batch's jobs that are still active
    } catch (error) {
      const last = job.retryCount >= job.retryLimit;
      this.log.warn({ err: error, job: definition.name, ...meta, last }, 'job failed');
      if (last && definition.onFailure && data !== undefined) {
        await definition
          .onFailure(data, error)
          .catch((failure) => this.log.error({ err: failure, job: definition.name, ...meta }, 'job failure handler failed'));
      }
      const { message, stack } = error instanceof Error ? error : { message: String(error), stack: undefined };
      await this.boss.fail(definition.name, job.id, { message, stack });
    }
  }

  /** Enqueues a job inside a transaction; it becomes visible to workers only when the transaction commits. */
  async enqueue(trx: Transaction<DB>, name: string, data: unknown, options: PgBoss.SendOptions = {}): Promise<string | null> {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`unknown job ${name}`);
    // The payload is stored as JSON and parsed again by the worker: check now that it will parse then.
    const payload = JSON.parse(JSON.stringify(data ?? null)) as object;
    definition.schema.parse(payload);
    const id = await this.boss.send(name, payload, {
      retryLimit: definition.retryLimit ?? 5,
      retryDelay: definition.retryDelaySeconds ?? 10,
      retryBackoff: true,
      expireInSeconds: definition.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
      ...options,
      db: {
        executeSql: async (text, values) => {
          // Prepared: pg-boss's insert costs more to plan than to run.
          const result = await trx.executeQuery(CompiledQuery.raw(preparedText(text), values));
          return { rows: result.rows as unknown[] as never[] };
        },
      },
    });
    // pg-boss answers null instead of failing when it did not insert (unknown queue); a singleton key may legitimately dedupe.
    if (!id && !options.singletonKey) throw new Error(`job ${name} was not enqueued`);
    return id;
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
    this.working = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
