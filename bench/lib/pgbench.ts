import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * The raw-INSERT baseline: the rows one API-created ticket writes in its transaction (number
 * upsert, ticket, SLA event, two timeline entries, audit entry, outbox job), inserted by pgbench in
 * one transaction per ticket into scratch copies of the real tables (schema bench_raw: same
 * columns, defaults, identity and indexes via LIKE … INCLUDING ALL; no foreign keys; empty, so the
 * baseline is if anything faster than inserting beside a million rows, which makes the ratio harder).
 */
const SCRIPT = `\\set requester random(1, 5000)
\\set team random(1, 14)
BEGIN;
INSERT INTO bench_raw.number_sequences (prefix, day, last) VALUES ('GD', current_date, 1)
  ON CONFLICT (prefix, day) DO UPDATE SET last = bench_raw.number_sequences.last + 1 RETURNING last \\gset
INSERT INTO bench_raw.tickets (number, title, description, catalog_item_id, form_values, status, priority, channel,
    requester_id, requester_department_id, created_by, team_id, sla_policy_id, response_due_at, resolution_due_at, sla_state)
  VALUES ('GD' || to_char(current_date, 'YYYYMMDD') || '-' || (CASE WHEN :last < 10000 THEN lpad(:last::text, 4, '0') ELSE :last::text END), '三楼打印机卡纸', '三楼打印机卡纸。影响正常办公，麻烦尽快处理，谢谢！',
    3, '{"location": "三楼", "symptom": "paper_jam"}', 'new', 'P3', 'pc', :requester, 7, :requester, :team, 1,
    now() + interval '4 hours', now() + interval '3 days', 'ok') RETURNING id \\gset
INSERT INTO bench_raw.ticket_sla_events (ticket_id, at, kind, priority) VALUES (:id, now(), 'started', 'P3');
INSERT INTO bench_raw.activity (record_type, record_id, actor_id, kind, payload) VALUES
  ('ticket', :id, :requester, 'created', '{}'),
  ('ticket', :id, NULL, 'autoAssigned', '{"rule": "打印机与电脑", "matched": ["打印机"], "strategy": "round_robin", "toTeam": "2"}');
INSERT INTO bench_raw.audit_log (actor_id, actor_name, ip, user_agent, action, object_type, object_id, object_label, after)
  VALUES (:requester, '张伟', '127.0.0.1', 'bench', 'create', 'ticket', :id::text, 'GD-raw',
    '{"title": "三楼打印机卡纸", "priority": "P3", "status": "new"}');
INSERT INTO bench_raw.jobs (name, data) VALUES ('notifications.deliver', '{"eventId": 1}');
END;
`;

export interface PgbenchResult {
  clients: number;
  tps: number;
  latencyMs: number;
  transactions: number;
}

export async function prepareRaw(url: string) {
  const c = new pg.Client(url);
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS bench_raw CASCADE; CREATE SCHEMA bench_raw;`);
  for (const t of ['number_sequences', 'tickets', 'ticket_sla_events', 'activity', 'audit_log']) {
    await c.query(`CREATE TABLE bench_raw.${t} (LIKE public.${t} INCLUDING ALL)`);
  }
  // pg-boss's job row, reduced to what an insert touches: id, name, data, state, times.
  await c.query(`CREATE TABLE bench_raw.jobs (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL, data jsonb,
    state text NOT NULL DEFAULT 'created', start_after timestamptz NOT NULL DEFAULT now(), created_on timestamptz NOT NULL DEFAULT now())`);
  await c.query('CREATE INDEX ON bench_raw.jobs (name, start_after) WHERE state = $$created$$');
  await c.end();
}

export async function dropRaw(url: string) {
  const c = new pg.Client(url);
  await c.connect();
  await c.query('DROP SCHEMA IF EXISTS bench_raw CASCADE');
  await c.end();
}

export async function pgbench(url: string, clients: number, seconds: number): Promise<PgbenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-pgbench-'));
  const file = path.join(dir, 'raw-ticket.sql');
  writeFileSync(file, SCRIPT);
  try {
    const { stdout } = await run(
      'pgbench',
      ['-n', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), '-f', file, url],
      { timeout: (seconds + 60) * 1000 },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
    const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
    const transactions = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1]);
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return { clients, tps, latencyMs, transactions };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
