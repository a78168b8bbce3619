import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** One value in COPY's text format: NULL as \N, backslash, tab, newline and CR escaped. */
export function cell(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : s;
}

/**
 * A `COPY table (columns) FROM STDIN` stream on its own connection, with buffering and
 * backpressure: `row()` queues a line, `flush()` waits when PostgreSQL is behind.
 */
export class CopyWriter {
  rows = 0;
  private buffer: string[] = [];
  private size = 0;
  private client: pg.Client;
  private stream: ReturnType<typeof copyFrom> | null = null;
  private done: Promise<void> | null = null;

  constructor(
    url: string,
    readonly table: string,
    private columns: readonly string[],
    private sessionSql: string[] = [],
  ) {
    this.client = new pg.Client({ connectionString: url, application_name: 'bench-generate' });
  }

  async open() {
    await this.client.connect();
    for (const s of this.sessionSql) await this.client.query(s);
    this.stream = this.client.query(copyFrom(`COPY ${this.table} (${this.columns.join(', ')}) FROM STDIN`));
    this.done = new Promise((resolve, reject) => {
      this.stream?.on('finish', () => resolve());
      this.stream?.on('error', reject);
    });
    this.done.catch(() => {});
  }

  /** Queues one row; returns a promise only when the buffer was written and PostgreSQL asked to wait. */
  row(values: readonly unknown[]): Promise<void> | undefined {
    let line = '';
    for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + cell(values[i]);
    this.buffer.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size > 256 * 1024) return this.flush();
    return undefined;
  }

  flush(): Promise<void> | undefined {
    if (!this.buffer.length || !this.stream) return undefined;
    const ok = this.stream.write(`${this.buffer.join('\n')}\n`);
    this.buffer = [];
    this.size = 0;
    if (ok) return undefined;
    return new Promise((resolve, reject) => {
      const stream = this.stream as NonNullable<typeof this.stream>;
      const onError = (e: Error) => reject(e);
      stream.once('drain', () => {
        stream.off('error', onError);
        resolve();
      });
      stream.once('error', onError);
    });
  }

  async close() {
    await this.flush();
    this.stream?.end();
    await this.done;
    await this.client.end();
  }

  async abort() {
    try {
      this.stream?.destroy();
    } catch {}
    await this.client.end().catch(() => {});
  }
}
