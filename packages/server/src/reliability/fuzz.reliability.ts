import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILTIN_ROLES, type Locale } from '@shuyun/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draft, knowledgeBase } from '../modules/knowledge/test-fixtures.js';
import { guardOutbound } from '../platform/notifications/test-peers.js';
import { type ApiClient, setupTestApp, type TestContext, type TestUser } from '../test/harness.js';
import { expectLocalised } from './conflicts.js';
import { casesFor, type FuzzCase, type OpenApiOperation, sample } from './fuzz-cases.js';
import { FULL, scale } from './scale.js';
import { ROOT } from './server-process.js';

// Campaign 4: every route fuzzed from its OpenAPI description, as a user holding every built-in role
// (alternating Chinese and English) and as a plain requester. Invariants: no 5xx; a rejected request
// wrote nothing (row triggers on every table count each written row); error bodies are JSON with a
// code and a message in the reader's language, without stack traces or SQL.

// Routes the fuzz cannot drive through inject, or that would end its own session.
const SKIP: Record<string, string> = {
  'GET /api/events': 'a Server-Sent Events stream never ends (covered by the realtime tests)',
  'POST /api/auth/logout': 'ends the fuzzing session; it has no input',
};
// Tables a rejected request may still touch: the session it came with (last seen). Audit entries
// are tracked when inserted or deleted, not when the chain sealer links them (an UPDATE off the request).
const UNTRACKED = new Set(['sessions', 'reliability_writes']);
// A refused sign-in is audited and counted against the account, by design.
const ALLOWED_WRITES: Record<string, string[]> = { 'POST /api/auth/login': ['INSERT audit_log', 'UPDATE users'] };
const LEAK =
  /\bat [\w.<>$]+ \(|node_modules|\/work\/|\.ts:\d+|\bSELECT\b.*\bFROM\b|INSERT INTO|UPDATE \w+ SET|DELETE FROM|syntax error|relation "|violates|duplicate key|pg_catalog|ECONNREFUSED|stack/i;
const CJK = /[\u4e00-\u9fff]/;

let t: TestContext;
let guard: ReturnType<typeof guardOutbound>;
const sessions: { api: ApiClient; user: TestUser; locale: Locale }[] = [];
let requester: { api: ApiClient; user: TestUser; locale: Locale };

beforeAll(async () => {
  guard = guardOutbound();
  // No job workers: every write during a case then comes from that case's request.
  t = await setupTestApp({ BODY_LIMIT_KB: '1024' }, { workers: false });
  // Records for the ids 1 and 2 of most tables: a desk, a knowledge base, tickets, articles.
  const f = await knowledgeBase(t);
  const author = await t.login(f.engineerA);
  await draft(author, { title: '打印机脱机', categoryId: f.categories.printers, body: '<p>步骤</p>' });
  const requesterApi = await t.login(f.requester);
  for (const title of ['电脑无法开机', '邮箱满了']) {
    await requesterApi.post('/api/tickets', { title, catalogItemId: f.itemId, formValues: { symptom: 'slow' } });
  }
  for (const locale of ['zh-CN', 'en-US'] as Locale[]) {
    const user = await t.createUser({ roles: BUILTIN_ROLES.map((r) => r.key) });
    await t.platform.db.updateTable('users').set({ locale }).where('id', '=', user.id).execute();
    sessions.push({ api: await t.login(user), user, locale });
  }
  const plain = await t.createUser({ roles: ['requester'] });
  await t.platform.db.updateTable('users').set({ locale: 'en-US' }).where('id', '=', plain.id).execute();
  requester = { api: await t.login(plain), user: plain, locale: 'en-US' };
  await installWriteCounter(t);
});
afterAll(async () => {
  await t?.close();
  guard?.restore();
});

/** Row-level triggers on every table: each inserted, updated or deleted row leaves a line (rolled back with its transaction). */
async function installWriteCounter(ctx: TestContext) {
  await sql`CREATE TABLE reliability_writes (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL)`.execute(ctx.platform.db);
  await sql`CREATE FUNCTION reliability_note_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO reliability_writes (tbl, op) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$`.execute(ctx.platform.db);
  const { rows } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`.execute(ctx.platform.db);
  for (const { name } of rows) {
    if (UNTRACKED.has(name)) continue;
    const events = name === 'audit_log' ? sql`INSERT OR DELETE` : sql`INSERT OR UPDATE OR DELETE`;
    await sql`CREATE TRIGGER reliability_write AFTER ${events} ON ${sql.table(name)} FOR EACH ROW EXECUTE FUNCTION reliability_note_write()`.execute(
      ctx.platform.db,
    );
  }
}

async function writesSince(afterId: number): Promise<{ last: number; tables: string[] }> {
  const { rows } = await sql<{
    id: string;
    tbl: string;
    op: string;
  }>`SELECT id, tbl, op FROM reliability_writes WHERE id > ${afterId} ORDER BY id`.execute(t.platform.db);
  return { last: rows.length ? Number(rows.at(-1)?.id) : afterId, tables: [...new Set(rows.map((r) => `${r.op} ${r.tbl}`))] };
}

async function operations(): Promise<OpenApiOperation[]> {
  const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
  expect(res.statusCode).toBe(200);
  const doc = res.json() as {
    paths: Record<
      string,
      Record<string, { parameters?: OpenApiOperation['parameters']; requestBody?: { content?: Record<string, { schema: unknown }> } }>
    >;
  };
  const ops: OpenApiOperation[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      ops.push({
        method: method.toUpperCase(),
        path: p,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return ops;
}

interface Finding {
  route: string;
  who: string;
  label: string;
  problem: string;
}

interface RouteTally {
  route: string;
  cases: number;
  privileged: Record<string, number>;
  unprivileged: Record<string, number>;
}

async function send(api: ApiClient, locale: Locale, op: OpenApiOperation, c: FuzzCase) {
  const url = c.query ? `${c.path}?${c.query}` : c.path;
  return api.request(op.method, url, {
    ...(c.payload !== undefined ? { payload: c.payload } : {}),
    // The web sends Accept-Language in step with the user's language (it decides before the session is read).
    headers: { 'accept-language': locale, ...(c.payload !== undefined ? { 'content-type': c.contentType ?? 'application/json' } : {}) },
  });
}

/** Runs one case and checks the invariants; returns the status class and any problems. */
async function runCase(
  op: OpenApiOperation,
  c: FuzzCase,
  who: { api: ApiClient; user: TestUser; locale: Locale },
  findings: Finding[],
  name: string,
) {
  const mark = Number(
    (await sql<{ n: string | null }>`SELECT max(id) AS n FROM reliability_writes`.execute(t.platform.db)).rows[0]?.n ?? 0,
  );
  const res = await send(who.api, who.locale, op, c);
  const problem = (text: string) => findings.push({ route: `${op.method} ${op.path}`, who: name, label: c.label, problem: text });
  if (res.statusCode >= 500) problem(`${res.statusCode}: ${res.body.slice(0, 300)}`);
  if (LEAK.test(res.statusCode >= 400 ? res.body : '')) problem(`leaks internals: ${res.body.slice(0, 300)}`);
  if (res.statusCode >= 400) {
    const written = await writesSince(mark);
    written.tables = written.tables.filter((w) => !ALLOWED_WRITES[`${op.method} ${op.path}`]?.includes(w));
    if (written.tables.length) problem(`rejected with ${res.statusCode} but wrote: ${written.tables.join(', ')}`);
    let error: { code?: unknown; message?: unknown; details?: { message?: string }[] } | undefined;
    try {
      error = res.json().error;
    } catch {
      problem(`error body is not JSON: ${res.body.slice(0, 200)}`);
    }
    if (error) {
      if (typeof error.code !== 'string' || typeof error.message !== 'string')
        problem(`error without code/message: ${res.body.slice(0, 200)}`);
      else {
        try {
          expectLocalised(error.code, error.message, who.locale);
        } catch {
          problem(`message not in ${who.locale}: ${error.code} "${error.message}"`);
        }
        for (const detail of Array.isArray(error.details) ? error.details : []) {
          const message = String(detail.message ?? '');
          if (who.locale === 'zh-CN' && !CJK.test(message)) problem(`detail not in zh-CN: "${message.slice(0, 120)}"`);
          if (who.locale === 'en-US' && CJK.test(message) && !c.cjk) problem(`detail not in en-US: "${message.slice(0, 120)}"`);
        }
      }
    }
  } else if (op.method !== 'GET') {
    // An accepted write may have ended the session (sign-out, password, own sessions): sign in again.
    const me = await who.api.get('/api/auth/me');
    if (me.statusCode === 401) Object.assign(who.api, await t.login(who.user));
  }
  return res.statusCode >= 500 ? '5xx' : res.statusCode >= 400 ? String(res.statusCode) : '2xx';
}

describe('bad input on every route', () => {
  it('no 5xx, no write when rejected, no leaks, errors in the reader’s language', async () => {
    const ops = await operations();
    const findings: Finding[] = [];
    const tallies: RouteTally[] = [];
    let total = 0;
    for (const [index, op] of ops.entries()) {
      const route = `${op.method} ${op.path}`;
      if (SKIP[route]) continue;
      const cases = sample(casesFor(op, '1'), scale.fuzzCasesPerRoute, index + 1);
      const tally: RouteTally = { route, cases: cases.length, privileged: {}, unprivileged: {} };
      for (const [i, c] of cases.entries()) {
        const who = sessions[i % 2] as (typeof sessions)[number];
        const k = await runCase(op, c, who, findings, `admin(${who.locale})`);
        tally.privileged[k] = (tally.privileged[k] ?? 0) + 1;
        const u = await runCase(op, c, requester, findings, 'requester(en-US)');
        tally.unprivileged[u] = (tally.unprivileged[u] ?? 0) + 1;
        total += 2;
      }
      tallies.push(tally);
    }
    const report = renderReport(tallies, findings, total);
    const dir = path.join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `reliability-fuzz-${scale.name}.md`), report);
    console.log(report.split('\n').slice(0, 12).join('\n'));
    console.log(`[fuzz] full table: bench/results/reliability-fuzz-${scale.name}.md`);
    expect(guard.blocked, 'outbound connections').toEqual([]);
    expect(findings.slice(0, 40)).toEqual([]);
  });
});

function renderReport(tallies: RouteTally[], findings: Finding[], total: number): string {
  const fmt = (r: Record<string, number>) =>
    Object.entries(r)
      .sort()
      .map(([k, v]) => `${k}×${v}`)
      .join(' ');
  const lines = [
    `# Bad-input fuzz (${scale.name} scale${FULL ? '' : `, ${scale.fuzzCasesPerRoute} cases per route sampled`}) — ${new Date().toISOString()}`,
    '',
    `${tallies.length} routes, ${total} requests (each case as an all-roles user and as a requester), ${findings.length} findings.`,
    `Skipped: ${Object.entries(SKIP)
      .map(([r, why]) => `${r} (${why})`)
      .join('; ')}.`,
    '',
    '| route | cases | all roles: answers | requester: answers |',
    '| --- | ---: | --- | --- |',
    ...tallies.map((r) => `| ${r.route} | ${r.cases} | ${fmt(r.privileged)} | ${fmt(r.unprivileged)} |`),
    '',
  ];
  if (findings.length) {
    lines.push('## Findings', '', ...findings.map((f) => `- ${f.route} — ${f.who} — ${f.label}: ${f.problem}`), '');
  }
  return lines.join('\n');
}
