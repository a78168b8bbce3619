import { type FormField, formatRecordNumber, type Priority } from '@shuyun/shared';
import { addWorkingMs, localIntervalsOf, localToInstant } from '../../packages/server/src/modules/sla/calendar.js';
import type { LoadedCalendar, SlaEvent, SlaPolicy } from '../../packages/server/src/modules/sla/service.js';
import { computeSla } from '../../packages/server/src/modules/sla/service.js';
import { DEMO_COMMENTS, DEMO_TITLES } from '../../packages/server/src/modules/tickets/demo-titles.js';
import { slaStateOf } from '../../packages/server/src/modules/tickets/sla.js';
import type { Org, Region, Team, User } from './org.js';
import type { Rng } from './prng.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface CatalogItem {
  id: number;
  code: string;
  name: string;
  default_priority: Priority;
  approval_required: boolean;
  form: FormField[];
  visibility: string;
  visible_department_ids: number[];
}

export interface TicketOut {
  ticket: unknown[];
  sla: [at: Date, kind: string, priority: string | null][];
  activity: [at: Date, actor: number | null, kind: string, payload: Record<string, unknown>, internal: boolean][];
  workLog: [userId: number, minutes: number, note: string, workedOn: string, createdAt: Date] | null;
  followup: [ownerId: number, status: string, note: string | null, createdAt: Date, doneAt: Date | null] | null;
}

export const TICKET_COLUMNS = [
  'id',
  'number',
  'title',
  'description',
  'catalog_item_id',
  'form_values',
  'status',
  'priority',
  'channel',
  'requester_id',
  'requester_department_id',
  'created_by',
  'approver_ids',
  'team_id',
  'assignee_id',
  'system_id',
  'sla_policy_id',
  'response_due_at',
  'resolution_due_at',
  'responded_at',
  'resolved_at',
  'closed_at',
  'sla_state',
  'sla_warned_at',
  'sla_breached_at',
  'escalation_level',
  'hold_reason',
  'solution',
  'resolution_category',
  'transfer_count',
  'reopen_count',
  'work_minutes',
  'rating',
  'rating_tags',
  'rating_comment',
  'rating_state',
  'rated_at',
  'merged_into_id',
  'version',
  'created_at',
  'updated_at',
] as const;

// How often each catalogue item is asked for (by item code); anything unlisted weighs 2.
const ITEM_WEIGHTS: Record<string, number> = {
  'ACC-PASSWORD': 16,
  'DEV-REPAIR': 14,
  'DEV-PRINTER': 9,
  'NET-FAULT': 9,
  'MAIL-FAULT': 7,
  'APP-ERP': 7,
  'APP-POS': 6,
  'OTHER-ASK': 6,
  'ACC-PERMISSION': 5,
  'DEV-PERIPHERAL': 4,
  'APP-CRM': 3,
  'APP-REPORT': 2,
  'NET-VPN': 3,
  'ACC-ONBOARD': 3,
  'ACC-OFFBOARD': 2,
  'DEV-NEW-PC': 2,
  'NET-GUEST-WIFI': 1,
  'MAIL-GROUP': 1,
};

const PLACES = ['三楼', '五楼东区', '二号会议室', '前台', '财务室', '仓库办公室', '研发楼 A 座', '门店收银台', '总经理办公室', '培训教室'];
const URGENT = ['【紧急】', '【加急】', ''];
const DETAILS = [
  '影响正常办公，麻烦尽快处理，谢谢！',
  '今天上午开始出现，重启后仍然不行。',
  '同事也遇到同样的问题。',
  '联系电话：分机 8',
  '下午有重要会议，希望尽快解决。',
  '已经尝试过重新登录，没有效果。',
  '附件为报错截图。',
  '问题偶尔出现，时好时坏。',
];
const RESOLUTION_CATEGORIES = ['硬件更换', '软件配置', '账号权限', '网络调整', '用户培训', '厂商处理', '数据修复', '其他'];
const RATING_TAGS = ['响应快', '专业', '态度好', '解决彻底', '等待久', '沟通不畅'];
const REQUESTER_REPLIES = ['好的，谢谢', '方便，随时可以远程', '资产编号贴在机箱侧面', '问题还在，麻烦再看一下', '已经恢复了，谢谢'];

/** Values for an item's form that its validation accepts (types, options, bounds). */
export function formValuesFor(r: Rng, form: readonly FormField[], requester: User, systemIds: number[], day: string) {
  const out: Record<string, unknown> = {};
  for (const f of form) {
    if (!f.required && r.next() < 0.5) continue;
    switch (f.type) {
      case 'text':
      case 'textarea':
        out[f.key] = f.key.includes('name') ? requester.displayName : r.pick(PLACES);
        break;
      case 'asset':
        out[f.key] = `ZC-${String(1 + r.int(99_999)).padStart(6, '0')}`;
        break;
      case 'number':
        out[f.key] = Math.max(f.min ?? 1, Math.min(f.max ?? 10, 1 + r.int(3)));
        break;
      case 'select':
        if (f.options?.length) out[f.key] = r.pick(f.options).value;
        break;
      case 'multiselect':
        if (f.options?.length) out[f.key] = [r.pick(f.options).value];
        break;
      case 'date':
        out[f.key] = day;
        break;
      case 'user':
        out[f.key] = requester.id;
        break;
      case 'system':
        if (systemIds.length) out[f.key] = r.pick(systemIds);
        break;
      case 'attachment':
        break;
    }
  }
  return out;
}

export interface GeneratorContext {
  r: Rng;
  org: Org;
  items: CatalogItem[];
  teamsByCode: Map<string, Team>;
  systemsByCode: Map<string, number>;
  policy: SlaPolicy;
  calendar: LoadedCalendar;
  now: Date;
  timeZone: string;
  /** How many settled tickets still to check against the engine run up to `now`. */
  verifySla?: number;
}

/** Which team a request goes to: by item, and for desk-side work by the requester's region. */
function teamFor(ctx: GeneratorContext, code: string, region: Region): Team {
  const t = (c: string) => ctx.teamsByCode.get(c) as Team;
  if (code.startsWith('DEV-')) {
    for (const team of ctx.teamsByCode.values()) if (team.code.startsWith('DESKTOP') && team.regions.includes(region)) return team;
    return t('DESKTOP');
  }
  if (code.startsWith('NET-')) return t('NET');
  if (code.startsWith('MAIL-')) return t('COLLAB');
  if (code === 'APP-ERP') return t('ERP');
  if (code === 'APP-POS') return t('POS');
  if (code === 'APP-CRM' || code === 'APP-REPORT') return t('CRM');
  if (code.startsWith('APP-')) return t('APP');
  return t('SD');
}

function systemFor(ctx: GeneratorContext, code: string): number | null {
  const s = (c: string) => ctx.systemsByCode.get(c) ?? null;
  if (code === 'APP-ERP') return s(ctx.r.pick(['ERP', 'ERP', 'SCM', 'FIN', 'WMS', 'SRM']));
  if (code === 'APP-POS') return s(ctx.r.pick(['POS', 'POS', 'DRP']));
  if (code === 'APP-CRM') return s('CRM');
  if (code === 'APP-REPORT') return s('BI');
  if (code === 'MAIL-FAULT') return s(ctx.r.pick(['MAIL', 'MAIL', 'OA', 'WECOM']));
  if (code === 'NET-FAULT') return s('NET');
  if (code === 'NET-VPN') return s('VPN');
  if (code === 'ACC-PASSWORD') return s(ctx.r.pick(['AD', 'AD', 'ERP', 'MAIL', 'OA']));
  return null;
}

/** Working days and weekend days of the span, each with its share of the tickets (the desk grew over the years). */
export function dayPlan(ctx: GeneratorContext, years: number, total: number) {
  const tz = ctx.timeZone;
  const end = ctx.now.getTime();
  const start = end - years * 365 * DAY;
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
  const days: { date: string; working: boolean; weight: number; count: number }[] = [];
  let date = fmt.format(new Date(start));
  const last = fmt.format(new Date(end));
  for (let i = 0; ; i++) {
    const intervals = localIntervalsOf(ctx.calendar, date);
    const working = intervals.length > 0;
    const dow = new Date(`${date}T12:00:00Z`).getUTCDay();
    const growth = 0.55 + 0.9 * (i / (years * 365));
    const weekday = working ? ([0, 1.25, 1.05, 1, 1, 0.85, 0][dow] ?? 1) || 1 : 0.06;
    days.push({ date, working, weight: growth * weekday * (0.85 + 0.3 * ctx.r.next()), count: 0 });
    if (date === last) break;
    const next = new Date(`${date}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    date = next.toISOString().slice(0, 10);
  }
  // Today is only partly over.
  const lastDay = days[days.length - 1];
  if (lastDay) lastDay.weight *= 0.5;
  const sum = days.reduce((s, d) => s + d.weight, 0);
  let given = 0;
  const rest: [number, number][] = [];
  for (const [i, d] of days.entries()) {
    const exact = (d.weight / sum) * total;
    d.count = Math.floor(exact);
    given += d.count;
    rest.push([i, exact - d.count]);
  }
  rest.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  for (let k = 0; given < total; k++, given++) (days[rest[k % rest.length]?.[0] as number] as (typeof days)[number]).count++;
  return days;
}

/** Creation instants for one day's tickets, in order, inside working hours (weekends: 8:00–22:00). */
export function creationTimes(ctx: GeneratorContext, date: string, working: boolean, count: number): Date[] {
  const tz = ctx.timeZone;
  const spans = (working ? localIntervalsOf(ctx.calendar, date) : [[480, 1320] as const]).map(
    ([s, e]) => [localToInstant(tz, date, s), localToInstant(tz, date, e)] as const,
  );
  const length = spans.reduce((s, [a, b]) => s + (b - a), 0);
  const nowMs = ctx.now.getTime();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    let x = ctx.r.next() * length;
    let t = 0;
    for (const [a, b] of spans) {
      if (x < b - a) {
        t = a + x;
        break;
      }
      x -= b - a;
    }
    if (t >= nowMs) t = nowMs - (1 + ctx.r.next() * 180) * MINUTE;
    out.push(Math.floor(t));
  }
  return out.sort((a, b) => a - b).map((t) => new Date(t));
}

/**
 * One ticket's whole life up to `now`: routing, approval, acceptance, transfers, comments, holds,
 * work logged, resolution, reopening, confirmation and rating or auto-close — with its SLA history
 * computed by the real engine (so late ones are breached) and its timeline.
 */
export function makeTicket(ctx: GeneratorContext, id: number, day: string, seq: number, created: Date): TicketOut {
  const { r, org, now } = ctx;
  const requester = r.skewed(org.requesters.length > 0 && r.next() < 0.93 ? org.requesters : org.users, 1.3);
  let item = r.weighted(ctx.items.map((i) => [i, ITEM_WEIGHTS[i.code] ?? 2] as const));
  if (item.visibility === 'departments' && !item.visible_department_ids.includes(requester.departmentId)) {
    item = ctx.items.find((i) => i.code === 'OTHER-ASK') ?? item;
  }
  const priority: Priority = r.weighted<Priority>([
    ['P1', 2],
    ['P2', 10],
    ['P3', 70],
    ['P4', 18],
  ]);
  const base = r.pick(DEMO_TITLES[item.name] ?? [item.name]);
  const title = r.next() < 0.3 ? `${r.pick(URGENT)}${r.pick(PLACES)}${base}` : base;
  const detail = r.pick(DETAILS);
  const description = `${base}。${detail}${detail.endsWith('8') ? String(100 + r.int(900)) : ''}`;
  const systemId = systemFor(ctx, item.code);
  const team = teamFor(ctx, item.code, requester.region);
  const members = team.members;
  const channel = r.weighted([
    ['pc', 55],
    ['mobile', 30],
    ['email', 10],
    ['agent', 5],
  ] as const);

  const sla: TicketOut['sla'] = [[created, 'started', priority]];
  const activity: TicketOut['activity'] = [[created, requester.id, 'created', {}, false]];
  let status = 'new';
  let approverIds: number[] = [];
  let assignee: number | null = null;
  let teamId = team.id;
  let cursor = created.getTime();
  const ageMinutes = (now.getTime() - cursor) / MINUTE;
  const t: Record<string, unknown> = {
    responded_at: null,
    resolved_at: null,
    closed_at: null,
    hold_reason: null,
    solution: null,
    resolution_category: null,
    transfer_count: 0,
    reopen_count: 0,
    work_minutes: 0,
    rating: null,
    rating_tags: '{}',
    rating_comment: null,
    rating_state: 'pending',
    rated_at: null,
    updated_at: created,
  };
  let workLog: TicketOut['workLog'] = null;
  let followup: TicketOut['followup'] = null;
  let version = 1;
  const at = (ms: number) => new Date(Math.min(ms, now.getTime() - 1000));
  const past = (ms: number) => ms < now.getTime();

  let open = true;
  if (item.approval_required && requester.supervisorId) {
    approverIds = [requester.supervisorId];
    status = 'pending_approval';
    sla.push([created, 'paused', null]);
    const decided = addWorkingMs(ctx.calendar, cursor, (20 + r.next() * 600) * MINUTE);
    if (past(decided)) {
      version++;
      if (r.next() < 0.04) {
        status = 'rejected';
        Object.assign(t, { closed_at: new Date(decided), updated_at: new Date(decided) });
        sla.push([new Date(decided), 'stopped', null]);
        activity.push([
          new Date(decided),
          requester.supervisorId,
          'stateChanged',
          { from: 'pending_approval', to: 'rejected', reason: '不符合申请条件' },
          false,
        ]);
        open = false;
      } else {
        status = 'new';
        sla.push([new Date(decided), 'resumed', null]);
        activity.push([new Date(decided), requester.supervisorId, 'stateChanged', { from: 'pending_approval', to: 'new' }, false]);
        cursor = decided;
        t.updated_at = new Date(decided);
      }
    } else open = false;
  }
  if (status === 'new' && open) {
    if (team.code !== 'SD') {
      activity.push([
        created,
        null,
        'autoAssigned',
        { rule: team.name, matched: [item.name], strategy: 'none', toTeam: String(team.id) },
        false,
      ]);
    }
    if (r.next() < 0.02 && ageMinutes > 60) {
      status = 'cancelled';
      const c = new Date(cursor + 15 * MINUTE);
      Object.assign(t, { closed_at: c, updated_at: c });
      sla.push([c, 'stopped', null]);
      activity.push([c, requester.id, 'stateChanged', { from: 'new', to: 'cancelled', reason: '问题已自行解决' }, false]);
      version++;
    } else {
      const fast = r.next() < 0.9;
      const responded = addWorkingMs(ctx.calendar, cursor, (fast ? 3 + r.next() * 40 : 60 + r.next() * 600) * MINUTE);
      if (past(responded) && members.length) {
        assignee = r.skewed(members, 1.2);
        status = 'in_progress';
        version++;
        t.responded_at = new Date(responded);
        t.updated_at = new Date(responded);
        sla.push([new Date(responded), 'responded', null]);
        activity.push([new Date(responded), assignee, 'stateChanged', { from: 'new', to: 'in_progress' }, false]);
        cursor = responded;
        if (r.next() < 0.1) {
          const others = [...ctx.teamsByCode.values()].filter((x) => x.id !== team.id && x.code !== 'SD');
          const other = r.pick(others);
          const to = r.skewed(other.members, 1.2);
          cursor += (10 + r.next() * 60) * MINUTE;
          if (past(cursor)) {
            activity.push([
              at(cursor),
              assignee,
              'transferred',
              { reason: '需要其他服务组处理', fromUser: String(assignee), toUser: String(to), toTeam: String(other.id) },
              false,
            ]);
            teamId = other.id;
            assignee = to;
            t.transfer_count = 1;
            version++;
          }
        }
        if (r.next() < 0.4 && past(cursor + 10 * MINUTE)) {
          cursor += 10 * MINUTE;
          activity.push([at(cursor), assignee, 'commented', { body: r.pick(DEMO_COMMENTS.public), internal: false }, false]);
          if (r.next() < 0.5 && past(cursor + 15 * MINUTE)) {
            cursor += 15 * MINUTE;
            activity.push([at(cursor), requester.id, 'commented', { body: r.pick(REQUESTER_REPLIES), internal: false }, false]);
          }
        }
        if (r.next() < 0.15 && past(cursor + 20 * MINUTE)) {
          cursor += 20 * MINUTE;
          activity.push([at(cursor), assignee, 'commented', { body: r.pick(DEMO_COMMENTS.internal), internal: true }, true]);
        }
        if (r.next() < 0.07 && past(cursor + 40 * MINUTE)) {
          const held = cursor + 40 * MINUTE;
          const reason = r.weighted([
            ['pending_customer', 6],
            ['pending_vendor', 3],
            ['pending_change', 1],
          ] as const);
          sla.push([new Date(held), 'paused', null]);
          activity.push([new Date(held), assignee, 'stateChanged', { from: 'in_progress', to: 'on_hold', reason: '等待用户反馈' }, false]);
          version++;
          const back = held + (60 + r.next() * 2880) * MINUTE;
          if (past(back)) {
            sla.push([new Date(back), 'resumed', null]);
            activity.push([new Date(back), assignee, 'stateChanged', { from: 'on_hold', to: 'in_progress' }, false]);
            version++;
            cursor = back;
          } else {
            status = 'on_hold';
            t.hold_reason = reason;
            t.updated_at = new Date(held);
          }
        }
        const resolveMinutes = (r.next() < 0.85 ? 20 + r.next() * 420 : 600 + r.next() * 3000) * (priority === 'P1' ? 0.3 : 1);
        let resolved = addWorkingMs(ctx.calendar, cursor, resolveMinutes * MINUTE);
        if (status === 'in_progress' && past(resolved)) {
          const minutes = Math.round(10 + r.next() * 150);
          const solution = r.pick(DEMO_COMMENTS.solutions);
          status = 'resolved';
          version++;
          workLog = [assignee, minutes, solution, day, new Date(resolved)];
          activity.push([new Date(resolved), assignee, 'workLogged', { minutes }, false]);
          activity.push([new Date(resolved), assignee, 'stateChanged', { from: 'in_progress', to: 'resolved' }, false]);
          sla.push([new Date(resolved), 'resolved', null], [new Date(resolved), 'paused', null]);
          Object.assign(t, {
            resolved_at: new Date(resolved),
            solution,
            resolution_category: r.pick(RESOLUTION_CATEGORIES),
            work_minutes: minutes,
            updated_at: new Date(resolved),
          });
          // Now and then the requester says it is not fixed: reopened, resolved again later.
          const reopened = resolved + (30 + r.next() * 600) * MINUTE;
          if (r.next() < 0.03 && past(reopened)) {
            activity.push([
              new Date(reopened),
              requester.id,
              'stateChanged',
              { from: 'resolved', to: 'in_progress', reason: '问题仍未解决' },
              false,
            ]);
            sla.push([new Date(reopened), 'reopened', null]);
            t.reopen_count = 1;
            version++;
            const again = addWorkingMs(ctx.calendar, reopened, (30 + r.next() * 240) * MINUTE);
            if (past(again)) {
              activity.push([new Date(again), assignee, 'stateChanged', { from: 'in_progress', to: 'resolved' }, false]);
              sla.push([new Date(again), 'resolved', null], [new Date(again), 'paused', null]);
              Object.assign(t, { resolved_at: new Date(again), updated_at: new Date(again) });
              version++;
              resolved = again;
            } else {
              status = 'in_progress';
              Object.assign(t, { resolved_at: null, solution: null, resolution_category: null, updated_at: new Date(reopened) });
            }
          }
          const confirmed = resolved + (20 + r.next() * 2880) * MINUTE;
          const autoClosed = resolved + 7 * DAY;
          if (status === 'resolved' && past(confirmed) && r.next() < 0.7) {
            const stars = r.weighted([
              [5, 55],
              [4, 25],
              [3, 10],
              [2, 6],
              [1, 4],
            ] as const);
            const comment = r.next() < 0.4 ? r.pick(DEMO_COMMENTS.ratingComments) : null;
            const tags = r.next() < 0.5 ? [stars >= 4 ? r.pick(RATING_TAGS.slice(0, 4)) : r.pick(RATING_TAGS.slice(4))] : [];
            status = 'closed';
            version++;
            const c = new Date(confirmed);
            Object.assign(t, {
              closed_at: c,
              rating: stars,
              rating_tags: `{${tags.join(',')}}`,
              rating_state: 'rated',
              rated_at: c,
              rating_comment: comment,
              updated_at: c,
            });
            sla.push([c, 'stopped', null]);
            activity.push([c, requester.id, 'stateChanged', { from: 'resolved', to: 'closed' }, false]);
            activity.push([c, requester.id, 'rated', comment ? { stars, comment } : { stars }, false]);
            if (stars <= 2) {
              const done = confirmed + (60 + r.next() * 2880) * MINUTE;
              const lead = (ctx.org.teams.find((x) => x.id === teamId) as Team).leadId;
              followup = past(done) ? [lead, 'done', '已电话回访，用户表示理解', c, new Date(done)] : [lead, 'open', null, c, null];
            }
          } else if (status === 'resolved' && past(autoClosed)) {
            status = 'closed';
            version++;
            const c = new Date(autoClosed);
            Object.assign(t, { closed_at: c, rating_state: 'notRated', updated_at: c });
            sla.push([c, 'stopped', null]);
            activity.push([c, null, 'autoClosed', { days: 7 }, false]);
          }
        }
      }
    }
  }

  const events: SlaEvent[] = sla.map(([a, kind, p]) => ({
    at: a,
    kind: kind as SlaEvent['kind'],
    ...(p ? { priority: p as Priority } : {}),
  }));
  // A ticket whose history ends with 'stopped' has no clock left that moves: its SLA as of just after
  // that event is its SLA as of now, and the engine does not have to walk the days up to today.
  const lastEvent = sla[sla.length - 1];
  const settledAt = lastEvent?.[1] === 'stopped' ? new Date(lastEvent[0].getTime() + 1000) : now;
  const slaInput = { targets: ctx.policy.targets, warnRatio: ctx.policy.warnRatio, calendar: ctx.calendar, events };
  const result = computeSla({ ...slaInput, now: settledAt });
  if (settledAt !== now && ctx.verifySla && ctx.verifySla > 0) {
    ctx.verifySla--;
    const full = computeSla({ ...slaInput, now });
    const key = (x: typeof result) =>
      JSON.stringify([
        slaStateOf(x, now),
        x.response.status,
        x.resolution.status,
        x.response.dueAt,
        x.resolution.dueAt,
        x.response.breachedAt,
        x.resolution.breachedAt,
        x.resolution.warningAt,
      ]);
    if (key(full) !== key(result))
      throw new Error(`settled SLA differs from the SLA as of now for ticket ${id}: ${key(result)} vs ${key(full)}`);
  }
  const breachedAt = result.response.breachedAt ?? result.resolution.breachedAt ?? null;
  const warnedAt = result.resolution.warningAt && result.resolution.warningAt <= now ? result.resolution.warningAt : null;
  if (breachedAt) {
    const clock = result.response.breachedAt ? 'response' : 'resolution';
    activity.push([breachedAt, null, 'slaBreached', { clock }, false]);
    activity.push([breachedAt, null, 'escalated', { level: 1 }, false]);
    activity.sort((a, b) => a[0].getTime() - b[0].getTime());
  }
  const dueOf = (c: typeof result.response) => (c.status === 'met' || c.status === 'stopped' ? null : c.dueAt);
  const formValues = formValuesFor(r, item.form, requester, systemId ? [systemId] : [], day);
  const ticket = [
    id,
    formatRecordNumber('GD', day, seq),
    title,
    description,
    item.id,
    formValues,
    status,
    priority,
    channel,
    requester.id,
    requester.departmentId,
    requester.id,
    `{${approverIds.join(',')}}`,
    teamId,
    assignee,
    systemId,
    ctx.policy.id,
    dueOf(result.response),
    dueOf(result.resolution),
    t.responded_at,
    t.resolved_at,
    t.closed_at,
    slaStateOf(result, now),
    warnedAt,
    breachedAt,
    breachedAt ? 1 : 0,
    t.hold_reason,
    t.solution,
    t.resolution_category,
    t.transfer_count,
    t.reopen_count,
    t.work_minutes,
    t.rating,
    t.rating_tags,
    t.rating_comment,
    t.rating_state,
    t.rated_at,
    null,
    version,
    created,
    t.updated_at,
  ];
  return { ticket, sla, activity, workLog, followup };
}
