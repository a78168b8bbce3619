// The mixed workload: simulated agents and requesters following Atlassian's published JSM action mix
// (Data Center App Performance Toolkit, app/jsm.yml: agents 5,000 and customers 15,000 actions an hour,
// with these percentages), paced open-loop: every action has a scheduled moment at the target rate
// and its latency is counted from that moment, so a slow server cannot slow the load down to suit it.
import pg from 'pg';
import type { Config } from '../../packages/server/src/config.js';
import { createDatabase } from '../../packages/server/src/db/database.js';
import { sha256 } from '../../packages/server/src/platform/auth/secrets.js';
import { createSession, SESSION_COOKIE } from '../../packages/server/src/platform/auth/sessions.js';
import { type Rng, rng } from './prng.js';
import { rssMb } from './server.js';
import { type CatalogItem, formValuesFor } from './tickets.js';

/** JSM agent actions (jsm.yml) → ours. JSM has no separate transition: 8 of add_comment's 26 points are transitions here. */
export const AGENT_MIX = [
  ['browse', 10], // agent_browse_projects
  ['viewRequest', 24], // agent_view_request
  ['comment', 18], // agent_add_comment (26) …
  ['transition', 8], // … of which 8 take the next step (claim, hold, resume, resolve)
  ['queueSmall', 11], // agent_view_queues_small
  ['queueMedium', 9], // agent_view_queues_medium
  ['reportWorkload', 7], // agent_view_report_workload_small + _medium
  ['reportCreatedResolved', 7], // agent_view_report_created_vs_resolved_small + _medium
  ['customers', 6], // agent_view_customers
] as const;
/** JSM customer actions (jsm.yml, without Insight) → ours; sharing a request (5 + 4) becomes rating one. */
export const CUSTOMER_MIX = [
  ['portal', 11], // customer_view_portal
  ['myRequests', 25], // customer_view_requests
  ['viewOwn', 15], // customer_view_request
  ['commentOwn', 24], // customer_add_comment
  ['rate', 9], // customer_share_request_with_customer + _with_org
  ['create', 16], // customer_create_request
] as const;
/** jsm.yml: total_actions_per_hour_agents 5,000 of 20,000. */
const AGENT_SHARE = 0.25;

type Action = (typeof AGENT_MIX)[number][0] | (typeof CUSTOMER_MIX)[number][0];

interface Person {
  userId: number;
  cookie: string;
  csrf: string;
  idHash: string;
}
interface Agent extends Person {
  teamIds: number[];
  /** Tickets this agent works on (in_progress / on_hold). */
  own: Set<number>;
}
interface Customer extends Person {
  displayName: string;
  tickets: number[];
  open: Set<number>;
  rateable: Set<number>;
}

export interface MixedOptions {
  url: string;
  databaseUrl: string;
  pid: number;
  minutes: number;
  ratePerHour: number;
  agents: number;
  customers: number;
  warmupSeconds: number;
  items: CatalogItem[];
  seed?: number;
}

export interface MixedResult {
  agents: number;
  customers: number;
  scheduled: number;
  completed: number;
  seconds: number;
  achievedPerHour: number;
  errors: number;
  conflicts: number;
  skipped: number;
  errorSamples: string[];
  /** 409s by action and error code. */
  conflictCodes: Record<string, number>;
  perAction: Record<string, { n: number; p50: number; p95: number; p99: number; errors: number; conflicts: number }>;
  p95: number;
  lateStarts: number;
  rss: { max: number; samples: [number, number][] };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

class HttpError extends Error {
  /** The API's error code (`versionConflict`, `invalidTransition`…). */
  readonly code: string;
  constructor(
    readonly status: number,
    readonly text: string,
  ) {
    super(`HTTP ${status}`);
    this.code = /"code":"([A-Za-z]+)"/.exec(text)?.[1] ?? String(status);
  }
}

/** Signs the simulated people in with the application's own createSession (no password hash per person). */
async function sessions(databaseUrl: string, userIds: number[]) {
  const { db } = createDatabase(databaseUrl, 2);
  try {
    const out = new Map<number, Person>();
    for (const userId of userIds) {
      const { id, csrfToken } = await createSession(db, { SESSION_MAX_HOURS: 24 } as Config, userId, {
        ip: '127.0.0.1',
        userAgent: 'bench-mixed',
      });
      out.set(userId, { userId, cookie: `${SESSION_COOKIE}=${id}`, csrf: csrfToken, idHash: sha256(id) });
    }
    return out;
  } finally {
    await db.destroy();
  }
}

/** Runs the mixed workload against a running server and reports per action. */
export async function runMixed(o: MixedOptions): Promise<MixedResult> {
  const r: Rng = rng(o.seed ?? 11);
  const client = new pg.Client({ connectionString: o.databaseUrl, application_name: 'bench-mixed' });
  await client.connect();
  const q = async <T>(text: string, values: unknown[] = []) => (await client.query(text, values)).rows as T[];

  // ---- Who: handlers in teams (agents), people with only the requester role who have tickets (customers).
  const agentRows = await q<{ id: number; teams: number[] }>(
    `SELECT u.id, array_agg(DISTINCT tm.team_id)::int[] AS teams
       FROM users u JOIN team_members tm ON tm.user_id = u.id
      WHERE u.active AND EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id
                                  WHERE ur.user_id = u.id AND 'ticket.handle' = ANY(ro.permissions))
      GROUP BY u.id ORDER BY u.id LIMIT $1`,
    [o.agents],
  );
  const customerRows = await q<{ id: number; display_name: string }>(
    `SELECT u.id, u.display_name FROM users u WHERE u.active
        AND NOT EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id WHERE ur.user_id = u.id AND ro.key <> 'requester')
        AND EXISTS (SELECT 1 FROM tickets t WHERE t.requester_id = u.id)
      ORDER BY u.id LIMIT $1`,
    [o.customers],
  );
  const people = await sessions(
    o.databaseUrl,
    [...agentRows, ...customerRows].map((x) => x.id),
  );
  const agents: Agent[] = agentRows.map((a) => ({ ...(people.get(a.id) as Person), teamIds: a.teams, own: new Set() }));
  const customers: Customer[] = customerRows.map((c) => ({
    ...(people.get(c.id) as Person),
    displayName: c.display_name,
    tickets: [],
    open: new Set(),
    rateable: new Set(),
  }));
  const customerById = new Map(customers.map((c) => [c.userId, c]));
  const agentById = new Map(agents.map((a) => [a.userId, a]));

  // ---- Real ids: the open tickets of the agents' teams, the customers' own latest tickets.
  const teamIds = [...new Set(agents.flatMap((a) => a.teamIds))];
  const teamNew = new Map<number, Set<number>>(teamIds.map((t) => [t, new Set()]));
  const teamTickets = new Map<number, Set<number>>(teamIds.map((t) => [t, new Set()]));
  for (const t of await q<{ id: number; team_id: number; status: string; assignee_id: number | null }>(
    `SELECT id, team_id, status, assignee_id FROM tickets WHERE team_id = ANY($1) AND status IN ('new', 'in_progress', 'on_hold')`,
    [teamIds],
  )) {
    teamTickets.get(t.team_id)?.add(t.id);
    if (t.status === 'new') teamNew.get(t.team_id)?.add(t.id);
    else if (t.assignee_id) agentById.get(t.assignee_id)?.own.add(t.id);
  }
  for (const t of await q<{ id: number; requester_id: number; status: string; rating_state: string | null }>(
    `SELECT id, requester_id, status, rating_state FROM (
       SELECT id, requester_id, status, rating_state, row_number() OVER (PARTITION BY requester_id ORDER BY id DESC) AS n
         FROM tickets WHERE requester_id = ANY($1)) x WHERE n <= 50`,
    [customers.map((c) => c.userId)],
  )) {
    const c = customerById.get(t.requester_id) as Customer;
    c.tickets.push(t.id);
    if (['pending_approval', 'new', 'in_progress', 'on_hold'].includes(t.status)) c.open.add(t.id);
    if (['resolved', 'closed'].includes(t.status) && t.rating_state === 'pending') c.rateable.add(t.id);
  }
  const surnames = (await q<{ s: string }>(`SELECT DISTINCT left(display_name, 1) AS s FROM users LIMIT 100`)).map((x) => x.s);
  const creatable = o.items.filter((i) => !i.form.some((f) => f.required && f.type === 'attachment'));
  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();

  // ---- HTTP: one keep-alive pool (fetch), JSON in and out.
  const call = async (p: Person, method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await fetch(`${o.url}${path}`, {
      method,
      headers: {
        cookie: p.cookie,
        ...(method === 'POST' ? { 'x-csrf-token': p.csrf, 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 400) throw new HttpError(res.status, text.slice(0, 200));
    return (text ? JSON.parse(text) : null) as Record<string, unknown> | null;
  };
  const randomOf = <T>(set: Set<T> | T[]): T | undefined => {
    const list = Array.isArray(set) ? set : [...set];
    return list.length ? list[r.int(list.length)] : undefined;
  };
  const teamTicket = (a: Agent) => randomOf(teamTickets.get(r.pick(a.teamIds)) ?? new Set<number>());
  /** A ticket closed (rated by its requester) leaves every agent's view. */
  const forget = (id: number) => {
    for (const set of [...teamTickets.values(), ...teamNew.values()]) set.delete(id);
    for (const a of agents) a.own.delete(id);
  };
  /** Someone who has something to do this on (a real person would not try otherwise), else anyone. */
  const eligible = <T>(list: T[], has: (x: T) => boolean) => {
    const some = list.filter(has);
    return some.length ? r.pick(some) : r.pick(list);
  };

  /** One action; returns 'skipped' when the person has nothing to do it on (counted, not timed). */
  const act = async (action: Action): Promise<'ok' | 'skipped'> => {
    if ((AGENT_MIX as readonly (readonly [string, number])[]).some(([k]) => k === action)) {
      const a =
        action === 'transition'
          ? eligible(agents, (x) => x.own.size > 0 || x.teamIds.some((t) => (teamNew.get(t)?.size ?? 0) > 0))
          : r.pick(agents);
      switch (action) {
        case 'browse':
          await call(a, 'GET', '/api/tickets?view=team&sort=-updated&pageSize=20');
          return 'ok';
        case 'viewRequest': {
          const id = teamTicket(a);
          if (!id) return 'skipped';
          await call(a, 'GET', `/api/tickets/${id}`);
          await call(a, 'GET', `/api/timeline/ticket/${id}`);
          return 'ok';
        }
        case 'comment': {
          const id = randomOf(a.own) ?? teamTicket(a);
          if (!id) return 'skipped';
          // 409 here: the requester closed the ticket (rated it) since the agent opened it.
          const comment = call(a, 'POST', `/api/tickets/${id}/comments`, {
            body: r.pick([
              '已远程查看，正在处理。',
              '请提供一下报错截图，谢谢。',
              '已联系厂商，预计明天上午到场。',
              '已更换配件，请再试一下。',
            ]),
            internal: r.next() < 0.3,
          });
          await comment.catch((error: unknown) => {
            if (error instanceof HttpError && error.status === 409) forget(id);
            throw error;
          });
          return 'ok';
        }
        case 'transition': {
          // The page is open (GET, which gives the version), then the next step for this agent.
          const own = r.next() < 0.7 ? randomOf(a.own) : undefined;
          const team = eligible(a.teamIds, (t) => (teamNew.get(t)?.size ?? 0) > 0);
          const id = own ?? randomOf(teamNew.get(team) ?? new Set()) ?? randomOf(a.own);
          if (!id) return 'skipped';
          const t = (await call(a, 'GET', `/api/tickets/${id}`)) as { status: string; version: number; assignee: { id: number } | null };
          const mine = t.assignee?.id === a.userId;
          let step: string;
          let body: Record<string, unknown> = { version: t.version };
          if (t.status === 'new') step = 'claim';
          else if (t.status === 'on_hold' && mine) step = 'resume';
          else if (t.status === 'in_progress' && mine && r.next() < 0.25) {
            step = 'hold';
            body = { ...body, holdReason: 'pending_customer', reason: '等待用户确认时间' };
          } else if (t.status === 'in_progress' && mine) {
            step = 'resolve';
            body = { ...body, solution: '已按知识库文章处理，用户确认恢复正常。', workMinutes: 15 };
          } else {
            a.own.delete(id);
            teamNew.get(team)?.delete(id);
            return 'skipped';
          }
          try {
            const after = (await call(a, 'POST', `/api/tickets/${id}/actions/${step}`, body)) as {
              status: string;
              requester: { id: number } | null;
            } | null;
            for (const set of teamNew.values()) set.delete(id);
            if (!after || ['resolved', 'closed'].includes(after.status)) a.own.delete(id);
            else a.own.add(id);
            const requester = after?.requester ? customerById.get(after.requester.id) : undefined;
            if (after?.status === 'resolved' && requester) {
              requester.open.delete(id);
              requester.rateable.add(id);
            }
          } catch (error) {
            if (error instanceof HttpError && error.status === 409) for (const set of teamNew.values()) set.delete(id);
            throw error;
          }
          return 'ok';
        }
        case 'queueSmall':
          await call(a, 'GET', '/api/tickets?view=team&status=new&status=in_progress&status=on_hold&sort=due&pageSize=20');
          return 'ok';
        case 'queueMedium':
          await call(
            a,
            'GET',
            `/api/tickets?view=team&status=new&status=in_progress&status=on_hold&sort=due&pageSize=50&page=${1 + r.int(2)}`,
          );
          return 'ok';
        case 'reportWorkload':
          await call(a, 'GET', '/api/tickets?view=team&status=in_progress&status=on_hold&sort=-priority&pageSize=100');
          return 'ok';
        case 'reportCreatedResolved':
          await call(a, 'GET', `/api/tickets?view=team&createdFrom=${encodeURIComponent(monthAgo)}&pageSize=1`);
          await call(
            a,
            'GET',
            `/api/tickets?view=team&createdFrom=${encodeURIComponent(monthAgo)}&status=resolved&status=closed&pageSize=1`,
          );
          return 'ok';
        case 'customers':
          await call(a, 'GET', `/api/users?q=${encodeURIComponent(r.pick(surnames))}&pageSize=20`);
          return 'ok';
      }
    }
    const c =
      action === 'commentOwn'
        ? eligible(customers, (x) => x.open.size > 0)
        : action === 'rate'
          ? eligible(customers, (x) => x.rateable.size > 0)
          : r.pick(customers);
    switch (action) {
      case 'portal':
        await call(c, 'GET', '/api/catalog');
        return 'ok';
      case 'myRequests':
        await call(c, 'GET', '/api/tickets?view=requested&pageSize=20');
        return 'ok';
      case 'viewOwn': {
        const id = randomOf(c.tickets);
        if (!id) return 'skipped';
        await call(c, 'GET', `/api/tickets/${id}`);
        await call(c, 'GET', `/api/timeline/ticket/${id}`);
        return 'ok';
      }
      case 'commentOwn': {
        const id = randomOf(c.open);
        if (!id) return 'skipped';
        await call(c, 'POST', `/api/tickets/${id}/comments`, {
          body: r.pick(['请问大概什么时候能处理？', '补充一下：重启后问题依旧。', '好的，谢谢！', '今天下午我都在工位。']),
        });
        return 'ok';
      }
      case 'rate': {
        const id = randomOf(c.rateable);
        if (!id) return 'skipped';
        c.rateable.delete(id);
        forget(id);
        await call(c, 'POST', `/api/tickets/${id}/rating`, {
          stars: r.weighted([
            [5, 60],
            [4, 25],
            [3, 8],
            [2, 4],
            [1, 3],
          ] as const),
          tags: [],
        });
        return 'ok';
      }
      case 'create': {
        const item = r.pick(creatable);
        const title = r.pick(['打印机卡纸', '电脑蓝屏', '邮箱收不到邮件', 'ERP 月结报错', '会议室无线网络连不上', 'VPN 登录失败']);
        const t = (await call(c, 'POST', '/api/tickets', {
          title: `${title}（混合负载）`,
          description: `${title}，影响正常办公。`,
          catalogItemId: item.id,
          formValues: formValuesFor(r, item.form, { id: c.userId, displayName: c.displayName } as never, [1], today),
        })) as { id: number; status: string; team: { id: number } | null };
        c.tickets.push(t.id);
        c.open.add(t.id);
        if (t.team && teamNew.has(t.team.id)) {
          teamTickets.get(t.team.id)?.add(t.id);
          if (t.status === 'new') teamNew.get(t.team.id)?.add(t.id);
        }
        return 'ok';
      }
    }
    return 'skipped';
  };

  // ---- Open loop: action i is due at start + i × interval, whatever happened to the ones before it.
  const interval = 3_600_000 / o.ratePerHour;
  const measureFrom = o.warmupSeconds * 1000;
  const total = Math.floor((measureFrom + o.minutes * 60_000) / interval);
  const latencies = new Map<string, number[]>();
  const counts = new Map<string, { errors: number; conflicts: number }>();
  const errorSamples: string[] = [];
  const conflictCodes: Record<string, number> = {};
  let completed = 0;
  let skipped = 0;
  let errors = 0;
  let conflicts = 0;
  let lateStarts = 0;
  const rss: [number, number][] = [];
  const start = performance.now();
  const sampler = setInterval(() => rss.push([Math.round((performance.now() - start) / 1000), rssMb(o.pid)]), 1000);
  const inFlight = new Set<Promise<void>>();
  try {
    for (let i = 0; i < total; i++) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      else if (wait < -100) lateStarts++;
      const agentSide = r.next() < AGENT_SHARE;
      const action = (agentSide ? r.weighted(AGENT_MIX) : r.weighted(CUSTOMER_MIX)) as Action;
      const counted = due - start >= measureFrom;
      const run = (async () => {
        const c = counts.get(action) ?? { errors: 0, conflicts: 0 };
        counts.set(action, c);
        try {
          const outcome = await act(action);
          if (!counted) return;
          if (outcome === 'skipped') skipped++;
          else {
            completed++;
            const list = latencies.get(action) ?? [];
            list.push(performance.now() - due);
            latencies.set(action, list);
          }
        } catch (error) {
          if (!counted) return;
          // Two agents taking the same ticket: the loser's conditional write finds a changed version.
          if (error instanceof HttpError && error.status === 409) {
            conflicts++;
            c.conflicts++;
            conflictCodes[`${action}: ${error.code}`] = (conflictCodes[`${action}: ${error.code}`] ?? 0) + 1;
            return;
          }
          errors++;
          c.errors++;
          if (errorSamples.length < 10)
            errorSamples.push(`${action}: ${error instanceof HttpError ? `${error.status} ${error.text}` : String(error)}`);
        }
      })();
      inFlight.add(run);
      void run.finally(() => inFlight.delete(run));
    }
    await Promise.all(inFlight);
  } finally {
    clearInterval(sampler);
    await client.query(`DELETE FROM sessions WHERE id_hash = ANY($1)`, [[...people.values()].map((p) => p.idHash)]).catch(() => {});
    await client.end();
  }
  const seconds = (performance.now() - start - measureFrom) / 1000;
  const all: number[] = [];
  const perAction: MixedResult['perAction'] = {};
  for (const [action] of [...AGENT_MIX, ...CUSTOMER_MIX]) {
    const list = (latencies.get(action) ?? []).sort((x, y) => x - y);
    all.push(...list);
    const c = counts.get(action) ?? { errors: 0, conflicts: 0 };
    perAction[action] = {
      n: list.length,
      p50: Math.round(pct(list, 50)),
      p95: Math.round(pct(list, 95)),
      p99: Math.round(pct(list, 99)),
      ...c,
    };
  }
  all.sort((x, y) => x - y);
  return {
    agents: agents.length,
    customers: customers.length,
    scheduled: total,
    completed,
    seconds,
    achievedPerHour: ((completed + conflicts + errors) / seconds) * 3600,
    errors,
    conflicts,
    skipped,
    errorSamples,
    conflictCodes,
    perAction,
    p95: Math.round(pct(all, 95)),
    lateStarts,
    rss: { max: Math.max(0, ...rss.map(([, mb]) => mb)), samples: rss },
  };
}
