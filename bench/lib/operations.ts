// IT operations and change at bench scale: faults 故障 with the systems they affect, incidents 事件 (from
// monitoring alerts, by hand, from tickets; some escalated to faults), business demands 需求 through their
// whole flow, and the releases 发布 that deliver them — each record with its timeline as the modules
// write it, loaded with COPY. Deterministic for a seed.
import { NUMBER_PREFIXES } from '@shuyun/shared';
import pg from 'pg';
import { CopyWriter } from './copy.js';
import type { Org, User } from './org.js';
import { rng } from './prng.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Asia/Shanghai has no daylight saving: a business-local day is UTC+8. */
const localDay = (at: number) => new Date(at + 8 * HOUR).toISOString().slice(0, 10);

export interface OperationsOptions {
  url: string;
  org: Org;
  seed: number;
  now: Date;
  years: number;
  incidents: number;
  faults: number;
  demands: number;
  systems: { id: number; code: string; name: string; teamCode: string; ownerId: number | null; analystId: number | null }[];
  /** A sample of tickets (id, created) in time order, for incidents registered from a ticket. */
  tickets: { id: number; at: number }[];
  sessionSql: string[];
}

type Activity = [recordType: string, recordId: number, at: Date, actorId: number | null, kind: string, payload: unknown];
type Level = 'high' | 'medium' | 'low';

/** ITIL impact × urgency → priority, as the incidents module computes it. */
function priorityOf(impact: Level, urgency: Level): string {
  const score = { high: 3, medium: 2, low: 1 };
  const sum = score[impact] + score[urgency];
  return sum >= 6 ? 'P1' : sum === 5 ? 'P2' : sum === 4 ? 'P3' : 'P4';
}

const FAULT_TITLES: Record<string, string[]> = {
  hardware: ['{s} 数据库服务器硬盘故障', '{s} 存储控制器告警导致读写缓慢', '{s} 应用服务器电源模块损坏'],
  software: ['{s} 应用服务内存溢出重启', '{s} 定时任务卡死导致数据未同步', '{s} 升级补丁后接口报错'],
  network: ['{s} 访问超时（核心交换机端口抖动）', '{s} 专线中断，门店无法连接', '{s} DNS 解析异常'],
  change: ['{s} 发布后登录失败', '{s} 配置变更导致服务不可用', '{s} 数据库参数调整后性能下降'],
  capacity: ['{s} 月结期间响应缓慢', '{s} 磁盘空间耗尽', '{s} 连接池耗尽'],
  security: ['{s} 遭受异常登录尝试，账号被锁定', '{s} 证书过期导致访问失败'],
  human: ['{s} 误操作删除配置', '{s} 误重启生产节点'],
  external: ['{s} 云服务商网络故障', '{s} 机房市电中断切换 UPS', '{s} 第三方支付接口不可用'],
  unknown: ['{s} 偶发服务中断', '{s} 间歇性报错'],
};
const CAUSES = [
  ['software', 28],
  ['network', 18],
  ['hardware', 12],
  ['change', 14],
  ['capacity', 10],
  ['external', 7],
  ['human', 5],
  ['security', 3],
  ['unknown', 3],
] as const;
const ROOT_CAUSE: Record<string, string> = {
  hardware: '硬件老化，已更换备件并纳入巡检',
  software: '程序缺陷，已修复并补充监控',
  network: '网络设备端口异常，已更换模块并优化冗余',
  change: '变更未充分验证，已回退并完善发布检查单',
  capacity: '容量规划不足，已扩容并设置水位告警',
  security: '安全策略配置不当，已调整并复核',
  human: '操作不规范，已完善操作手册与复核机制',
  external: '外部服务异常，已与供应商确认并建立应急预案',
  unknown: '未能复现，已加强日志与监控后关闭',
};
const INCIDENT_CATEGORIES = [
  ['service', 25],
  ['performance', 20],
  ['application', 20],
  ['network', 12],
  ['hardware', 8],
  ['security', 7],
  ['data', 5],
  ['other', 3],
] as const;
const ALERTS = [
  ['HostHighCpuLoad', '{s} 主机 CPU 使用率持续超过 90%', 'performance'],
  ['HostOutOfDiskSpace', '{s} 磁盘剩余空间不足 10%', 'hardware'],
  ['HttpProbeFailed', '{s} 健康检查失败', 'service'],
  ['HighErrorRate', '{s} 接口 5xx 错误率超过 5%', 'application'],
  ['SlowResponse', '{s} 平均响应时间超过 3 秒', 'performance'],
  ['PostgresReplicationLag', '{s} 数据库主从延迟超过 60 秒', 'data'],
  ['InterfaceDown', '{s} 上联链路中断', 'network'],
  ['CertificateExpiring', '{s} 证书将在 7 天内过期', 'security'],
] as const;
const MANUAL_INCIDENTS = [
  '{s} 部分用户无法登录',
  '{s} 报表查询超时',
  '{s} 打印服务异常',
  '{s} 数据同步延迟',
  '{s} 页面白屏',
  '{s} 门店反馈交易缓慢',
  '{s} 邮件发送积压',
  '发现可疑钓鱼邮件批量投递',
];
const DEMAND_TITLES = [
  ['new_feature', '{s} 新增{x}功能'],
  ['new_feature', '{s} 支持{x}'],
  ['change', '{s} 调整{x}流程'],
  ['change', '{s} 优化{x}页面'],
  ['report', '{s} 新增{x}报表'],
  ['data', '{s} 批量修正{x}数据'],
  ['other', '{s} {x}权限梳理'],
] as const;
const DEMAND_OBJECTS = [
  '采购订单审批',
  '门店库存',
  '会员积分',
  '供应商对账',
  '费用报销',
  '销售日报',
  '物流签收',
  '生产排程',
  '质检记录',
  '员工入职',
  '合同到期提醒',
  '发票校验',
  '促销价格',
  '退货处理',
  '门店巡检',
  '库存周转',
];
const RATING_COMMENTS = [
  '交付及时，功能符合预期',
  '整体满意，希望文档更完整',
  '上线后稳定运行',
  '沟通顺畅',
  '比预期晚了一周',
  '部分细节需再优化',
];

/** The index of the first of the sorted `times` at or after `t` (binary search). */
function firstAtOrAfter(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function logUniform(next: () => number, lo: number, hi: number) {
  return lo * (hi / lo) ** next();
}

/** Generates and loads the four tables with their timelines; returns counts. */
export async function generateOperations(o: OperationsOptions) {
  const r = rng(o.seed + 11);
  const now = o.now.getTime();
  const start = now - o.years * 365 * DAY;
  const teamByCode = new Map(o.org.teams.map((t) => [t.code, t]));
  const opsTeams = ['INFRA', 'NET', 'DBA', 'SEC', 'COLLAB'].map((c) => teamByCode.get(c)).filter((t) => !!t);
  const itManagers = o.org.users.filter((u) => u.roles.includes('it_manager')).map((u) => u.id);
  const departments = new Map(o.org.departments.map((d) => [d.id, d]));
  const usersById = new Map(o.org.users.map((u) => [u.id, u]));
  const supervisorOf = (u: User): number | null => {
    for (let d = departments.get(u.departmentId); d; d = d.parentId ? departments.get(d.parentId) : undefined) {
      if (d.managerId && d.managerId !== u.id) return d.managerId;
    }
    return null;
  };
  const systemName = new Map(o.systems.map((s) => [s.id, s.name]));
  const ticketTimes = o.tickets.map((t) => t.at);
  const teamOf = (systemId: number) => {
    const s = o.systems.find((x) => x.id === systemId);
    return teamByCode.get(s?.teamCode ?? 'INFRA') ?? opsTeams[0];
  };
  const memberOf = (team: { members: number[] }) => r.pick(team.members.slice(1).length ? team.members.slice(1) : team.members);
  const systemWeights = o.systems.map((s) => [s, s.code === 'ERP' || s.code === 'POS' || s.code === 'MAIL' ? 3 : 1] as const);
  // Moments spread over the years, more recent ones more often (the department grows), in time order.
  const moments = (n: number) =>
    Array.from({ length: n }, () => start + (now - start) * Math.sqrt(r.next()) - r.int(HOUR))
      .filter((t) => t < now - 10 * MIN)
      .sort((a, b) => a - b);
  const numbers = new Map<string, number>();
  const numberOf = (prefix: string, at: number) => {
    const day = localDay(at);
    const key = `${prefix}:${day}`;
    const n = (numbers.get(key) ?? 0) + 1;
    numbers.set(key, n);
    return `${prefix}${day.replaceAll('-', '')}-${String(n).padStart(4, '0')}`;
  };
  const activity = new CopyWriter(o.url, 'activity', ['record_type', 'record_id', 'at', 'actor_id', 'kind', 'payload'], o.sessionSql);
  const act = (row: Activity) => activity.row(row);
  const writers: CopyWriter[] = [activity];
  const writer = (table: string, columns: string[]) => {
    const w = new CopyWriter(o.url, table, columns, o.sessionSql);
    writers.push(w);
    return w;
  };
  const counts: Record<string, Record<string, number>> = { faults: {}, incidents: {}, demands: {}, releases: {} };
  const count = (table: string, status: string) => {
    const c = counts[table] as Record<string, number>;
    c[status] = (c[status] ?? 0) + 1;
  };

  // ---- Faults
  const faults = writer('faults', [
    'id',
    'number',
    'title',
    'description',
    'severity',
    'status',
    'impact_kind',
    'impact_users',
    'impact_business',
    'cause_category',
    'root_cause',
    'resolution',
    'reporter_id',
    'team_id',
    'assignee_id',
    'started_at',
    'detected_at',
    'response_due_at',
    'responded_at',
    'recovered_at',
    'closed_at',
    'known_error',
    'work_minutes',
    'created_at',
    'updated_at',
  ]);
  const faultSystems = writer('fault_systems', ['fault_id', 'system_id']);
  const incidents = writer('incidents', [
    'id',
    'number',
    'title',
    'description',
    'source',
    'category',
    'impact',
    'urgency',
    'priority',
    'status',
    'reporter_id',
    'team_id',
    'assignee_id',
    'system_id',
    'ticket_id',
    'fault_id',
    'alert_fingerprint',
    'alert_labels',
    'occurred_at',
    'responded_at',
    'resolved_at',
    'closed_at',
    'resolution',
    'cause',
    'work_minutes',
    'review_required',
    'reporter_department_id',
    'alert_count',
    'alert_last_at',
    'created_at',
    'updated_at',
  ]);
  const demands = writer('demands', [
    'id',
    'number',
    'title',
    'background',
    'system_id',
    'kind',
    'status',
    'requester_id',
    'requester_department_id',
    'analyst_id',
    'supervisor_id',
    'expected_date',
    'solution',
    'effort_days',
    'planned_date',
    'cost',
    'reject_reason',
    'progress',
    'accepted_at',
    'evaluated_at',
    'approved_at',
    'released_at',
    'delivered_at',
    'closed_at',
    'rating',
    'rating_comment',
    'rated_at',
    'created_at',
    'updated_at',
  ]);
  const releases = writer('releases', [
    'id',
    'number',
    'title',
    'system_id',
    'version_label',
    'status',
    'risk',
    'window_start',
    'window_end',
    'plan',
    'rollback_plan',
    'requester_id',
    'approver_id',
    'approved_at',
    'executed_at',
    'result_note',
    'rolled_back',
    'fault_id',
    'accepted_at',
    'created_at',
    'updated_at',
  ]);
  const releaseDemands = writer('release_demands', ['release_id', 'demand_id']);
  const faultReviews = writer('fault_reviews', [
    'fault_id',
    'summary',
    'narrative',
    'analysis',
    'lessons',
    'no_action_needed',
    'completed_at',
    'completed_by',
    'updated_by',
    'updated_at',
  ]);
  const faultActions = writer('fault_actions', [
    'fault_id',
    'title',
    'owner_id',
    'due_date',
    'status',
    'done_note',
    'done_at',
    'done_by',
    'created_by',
    'created_at',
  ]);
  const faultWork = writer('fault_work_logs', ['fault_id', 'user_id', 'minutes', 'note', 'created_at']);
  const incidentWork = writer('incident_work_logs', ['incident_id', 'user_id', 'minutes', 'note', 'created_at']);
  const incidentReviews = writer('incident_reviews', [
    'incident_id',
    'status',
    'summary',
    'narrative',
    'cause',
    'lessons',
    'completed_at',
    'completed_by',
    'updated_by',
    'created_at',
    'updated_at',
  ]);
  const incidentActions = writer('incident_review_actions', [
    'incident_id',
    'title',
    'owner_id',
    'due_date',
    'done',
    'done_at',
    'created_by',
    'created_at',
  ]);
  const demandTasks = writer('demand_tasks', [
    'demand_id',
    'title',
    'developer_id',
    'estimate_hours',
    'due_date',
    'status',
    'done_at',
    'created_by',
    'created_at',
    'updated_at',
  ]);
  const demandWork = writer('demand_work_logs', ['demand_id', 'user_id', 'work_date', 'hours', 'note', 'created_by', 'created_at']);
  const demandTests = writer('demand_tests', [
    'demand_id',
    'round',
    'cases_run',
    'passed',
    'failed',
    'defects',
    'result',
    'tester_id',
    'tested_on',
    'created_by',
    'created_at',
  ]);
  const releaseApprovals = writer('release_approvals', ['release_id', 'decision', 'comment', 'decided_by', 'decided_at']);
  const releaseAcceptances = writer('release_acceptances', ['release_id', 'kind', 'result', 'comment', 'user_id', 'created_at']);

  try {
    for (const w of writers) await w.open();
    const TARGET_HOURS: Record<string, number> = { P1: 1, P2: 4, P3: 8, P4: 24 };
    const faultTimes: number[] = [];
    const faultNumbers: string[] = [];
    let id = 0;
    for (const startedAt of moments(o.faults)) {
      id++;
      const severity = r.weighted([
        ['P1', 2],
        ['P2', 10],
        ['P3', 38],
        ['P4', 50],
      ] as const);
      const outage = r.next() < { P1: 0.9, P2: 0.6, P3: 0.25, P4: 0.1 }[severity];
      const cause = r.weighted(CAUSES);
      const system = r.weighted(systemWeights);
      const team = teamOf(system.id) ?? opsTeams[0];
      if (!team) throw new Error('no IT team in the org');
      const reporter = memberOf(r.pick(opsTeams) ?? team);
      const assignee = memberOf(team);
      const detected = startedAt + Math.round(logUniform(r.next, 1, severity === 'P1' ? 15 : 60)) * MIN;
      const due = detected + (TARGET_HOURS[severity] as number) * HOUR;
      const late = r.next() < 0.08;
      const responded = late ? due + r.int(3 * HOUR) : detected + Math.round(r.next() * (due - detected) * 0.8);
      const durationMin = { P1: [20, 180], P2: [15, 240], P3: [10, 480], P4: [5, 1440] }[severity] as [number, number];
      const recovered = Math.max(responded + 5 * MIN, startedAt + Math.round(logUniform(r.next, durationMin[0], durationMin[1])) * MIN);
      const closed = recovered + (1 + r.int(10)) * DAY;
      const cancelled = r.next() < 0.015;
      let status: string;
      if (cancelled) status = 'cancelled';
      else if (closed < now) status = 'closed';
      else if (recovered < now) status = 'recovered';
      else if (responded < now) status = 'in_progress';
      else status = 'new';
      count('faults', status);
      const sysName = systemName.get(system.id) ?? '';
      const title = r.pick(FAULT_TITLES[cause] ?? ['{s} 故障']).replace('{s}', sysName);
      const users = outage ? 50 + r.int(severity === 'P1' ? 3000 : 500) : r.int(80);
      const done = status === 'closed';
      const number = numberOf(NUMBER_PREFIXES.fault, detected);
      const at = (t: number) => new Date(Math.min(t, now - MIN));
      await faults.row([
        id,
        number,
        title,
        `${at(startedAt).toISOString().slice(0, 16)} 起 ${title}，影响${outage ? '业务中断' : '部分功能使用'}。`,
        severity,
        status,
        outage ? 'outage' : 'degraded',
        users,
        outage ? `${sysName} 业务中断，约 ${users} 人受影响` : `${sysName} 部分功能缓慢`,
        status === 'new' || status === 'cancelled' ? null : cause,
        done ? ROOT_CAUSE[cause] : null,
        status === 'recovered' || done ? '已恢复服务，持续观察' : null,
        reporter,
        team.id,
        status === 'new' ? null : assignee,
        at(startedAt),
        at(detected),
        at(due),
        status === 'new' || cancelled ? null : at(responded),
        status === 'recovered' || done ? at(recovered) : null,
        done ? at(closed) : null,
        done && r.next() < 0.1,
        status === 'new' ? 0 : 30 + r.int(600),
        at(detected),
        at(done ? closed : Math.min(now - MIN, recovered)),
      ]);
      await faultSystems.row([id, system.id]);
      if (r.next() < 0.25) {
        const other = r.weighted(systemWeights);
        if (other.id !== system.id) await faultSystems.row([id, other.id]);
      }
      await act(['fault', id, at(detected), reporter, 'created', {}]);
      if (status !== 'new' && !cancelled) {
        await act(['fault', id, at(responded), assignee, 'stateChanged', { from: 'new', to: 'in_progress' }]);
        if (r.next() < 0.6)
          await act(['fault', id, at(responded + 10 * MIN), assignee, 'commented', { body: '已定位影响范围，正在处理', internal: true }]);
      }
      if (status === 'recovered' || done)
        await act(['fault', id, at(recovered), assignee, 'stateChanged', { from: 'in_progress', to: 'recovered' }]);
      if (done) await act(['fault', id, at(closed), assignee, 'stateChanged', { from: 'recovered', to: 'closed' }]);
      if (cancelled)
        await act([
          'fault',
          id,
          at(detected + 20 * MIN),
          r.pick(itManagers),
          'stateChanged',
          { from: 'new', to: 'cancelled', reason: '误报' },
        ]);
      if (status !== 'new' && !cancelled) {
        const minutes = 20 + r.int(600);
        await faultWork.row([id, assignee, minutes, '故障定位与恢复', at(responded + minutes * MIN)]);
      }
      // P1/P2 faults are reviewed with corrective actions tracked to completion before they close.
      if ((severity === 'P1' || severity === 'P2') && done) {
        const reviewed = recovered + Math.min(closed - recovered - HOUR, 2 * DAY);
        await faultReviews.row([
          id,
          `${title}（${severity}），影响约 ${users} 人`,
          '发现 → 响应 → 定位 → 恢复 → 复盘',
          ROOT_CAUSE[cause],
          '加强监控与变更管理，完善应急演练',
          false,
          at(reviewed),
          assignee,
          assignee,
          at(reviewed),
        ]);
        for (let k = 0; k < 1 + r.int(3); k++) {
          const due = reviewed + (7 + r.int(30)) * DAY;
          const finished = due < now && r.next() < 0.85;
          await faultActions.row([
            id,
            r.pick(['更换老化硬件并纳入巡检', '补充监控与告警', '完善发布检查单', '扩容并设置水位告警', '组织应急演练']),
            memberOf(team),
            localDay(due),
            finished ? 'done' : 'open',
            finished ? '已完成并验证' : null,
            finished ? at(due - r.int(5) * DAY) : null,
            finished ? assignee : null,
            assignee,
            at(reviewed),
          ]);
        }
        await act(['fault', id, at(reviewed), assignee, 'faultReviewCompleted', {}]);
      }
      faultTimes.push(detected);
      faultNumbers.push(number);
    }
    const faultCount = id;

    // ---- Incidents
    id = 0;
    for (const occurred of moments(o.incidents)) {
      id++;
      const source = r.weighted([
        ['alert', 55],
        ['manual', 30],
        ['ticket', 15],
      ] as const);
      const system = r.weighted(systemWeights);
      const sysName = systemName.get(system.id) ?? '';
      const team = teamOf(system.id) ?? opsTeams[0];
      if (!team) throw new Error('no IT team in the org');
      const alert = r.pick(ALERTS);
      const category = source === 'alert' ? alert[2] : r.weighted(INCIDENT_CATEGORIES);
      const impact = r.weighted([
        ['high', 10],
        ['medium', 40],
        ['low', 50],
      ] as const);
      const urgency = r.weighted([
        ['high', 15],
        ['medium', 45],
        ['low', 40],
      ] as const);
      const priority = priorityOf(impact, urgency);
      const assignee = memberOf(team);
      const reporter = source === 'alert' ? null : memberOf(r.pick(opsTeams) ?? team);
      const responded = occurred + Math.round(logUniform(r.next, 2, priority === 'P1' ? 15 : 90)) * MIN;
      const resolved = responded + Math.round(logUniform(r.next, 10, priority === 'P1' ? 240 : 2880)) * MIN;
      const closed = resolved + (1 + r.int(3)) * DAY;
      const cancelled = source !== 'alert' && r.next() < 0.02;
      let status: string;
      if (cancelled) status = 'cancelled';
      else if (closed < now) status = 'closed';
      else if (resolved < now) status = 'resolved';
      else if (responded < now) status = r.next() < 0.15 ? 'on_hold' : 'in_progress';
      else status = 'new';
      count('incidents', status);
      // About one in thirty, the more severe more often, became a fault registered around the same time.
      let faultId: number | null = null;
      if (faultCount && r.next() < (priority === 'P1' ? 0.5 : priority === 'P2' ? 0.15 : 0.01)) {
        faultId = Math.min(faultCount, firstAtOrAfter(faultTimes, occurred) + 1);
      }
      let ticketId: number | null = null;
      if (source === 'ticket' && o.tickets.length) {
        ticketId = o.tickets[Math.max(0, firstAtOrAfter(ticketTimes, occurred) - 1)]?.id ?? null;
      }
      const title = source === 'alert' ? alert[1].replace('{s}', sysName) : r.pick(MANUAL_INCIDENTS).replace('{s}', sysName);
      const at = (t: number) => new Date(Math.min(t, now - MIN));
      const done = status === 'closed' || status === 'resolved';
      await incidents.row([
        id,
        numberOf(NUMBER_PREFIXES.incident, occurred),
        title,
        source === 'alert' ? `Alertmanager 告警 ${alert[0]}：${title}` : `${title}，请尽快排查。`,
        source,
        category,
        impact,
        urgency,
        priority,
        status,
        reporter,
        team.id,
        status === 'new' ? null : assignee,
        system.id,
        ticketId,
        faultId,
        source === 'alert' ? (id * 2_654_435_761).toString(16).padStart(16, '0').slice(-16) : null,
        source === 'alert'
          ? {
              alertname: alert[0],
              severity: priority <= 'P2' ? 'critical' : 'warning',
              system: system.code,
              instance: `${system.code.toLowerCase()}-app-0${1 + r.int(4)}:9100`,
            }
          : null,
        at(occurred),
        status === 'new' || cancelled ? null : at(responded),
        done ? at(resolved) : null,
        status === 'closed' ? at(closed) : null,
        done ? (source === 'alert' ? '告警已恢复' : '已处理，业务恢复正常') : null,
        done ? r.pick(['配置问题', '资源不足', '程序缺陷', '网络抖动', '外部依赖']) : null,
        status === 'new' ? 0 : 10 + r.int(240),
        priority === 'P1' || priority === 'P2',
        reporter ? (usersById.get(reporter)?.departmentId ?? null) : null,
        source === 'alert' ? 1 + (r.next() < 0.3 ? r.int(12) : 0) : 0,
        source === 'alert' ? at(occurred + r.int(30) * MIN) : null,
        at(occurred),
        at(status === 'closed' ? closed : Math.min(resolved, now - MIN)),
      ]);
      await act(
        source === 'alert'
          ? [
              'incident',
              id,
              at(occurred),
              null,
              'incidentFromAlert',
              { alertname: alert[0], severity: priority <= 'P2' ? 'critical' : 'warning' },
            ]
          : ['incident', id, at(occurred), reporter, 'created', {}],
      );
      if (status !== 'new' && !cancelled) {
        const minutes = 10 + r.int(240);
        await incidentWork.row([id, assignee, minutes, '排查与处理', at(responded + minutes * MIN)]);
        await act(['incident', id, at(responded + minutes * MIN), assignee, 'workLogged', { minutes, note: '排查与处理' }]);
      }
      // The review 复盘 of a significant incident: completed before it closed, a draft while it is resolved.
      if ((priority === 'P1' || priority === 'P2') && (status === 'closed' || status === 'resolved')) {
        const completed = status === 'closed';
        const reviewed = completed ? resolved + Math.min(closed - resolved - HOUR, 20 * HOUR) : Math.min(now - MIN, resolved + HOUR);
        await incidentReviews.row([
          id,
          completed ? 'completed' : 'draft',
          `${title}，影响${impact === 'high' ? '大范围' : '部分'}用户`,
          '告警触发 → 值班工程师响应 → 定位原因 → 处置恢复 → 观察确认',
          r.pick(['配置变更未评审', '容量不足', '依赖服务故障', '程序缺陷']),
          '完善监控阈值与应急预案，变更前充分验证',
          completed ? at(reviewed) : null,
          completed ? assignee : null,
          assignee,
          at(resolved + HOUR),
          at(reviewed),
        ]);
        for (let k = 0; k < 1 + r.int(2); k++) {
          const due = reviewed + (7 + r.int(21)) * DAY;
          const finished = due < now && r.next() < 0.9;
          await incidentActions.row([
            id,
            r.pick(['补充监控告警规则', '更新应急预案', '增加容量水位巡检', '完善变更检查单']),
            memberOf(team),
            localDay(due),
            finished,
            finished ? at(due - r.int(5) * DAY) : null,
            assignee,
            at(reviewed),
          ]);
        }
        if (completed) await act(['incident', id, at(reviewed), assignee, 'incidentReviewCompleted', {}]);
      }
      if (status !== 'new' && !cancelled)
        await act(['incident', id, at(responded), assignee, 'stateChanged', { from: 'new', to: 'in_progress' }]);
      if (done) await act(['incident', id, at(resolved), assignee, 'stateChanged', { from: 'in_progress', to: 'resolved' }]);
      if (status === 'closed') await act(['incident', id, at(closed), assignee, 'stateChanged', { from: 'resolved', to: 'closed' }]);
      if (cancelled) await act(['incident', id, at(occurred + 15 * MIN), reporter, 'stateChanged', { from: 'new', to: 'cancelled' }]);
      if (faultId)
        await act(['incident', id, at(responded + 5 * MIN), assignee, 'escalatedToFault', { faultNumber: faultNumbers[faultId - 1] }]);
    }
    counts.incidentsTotal = { all: id };

    // ---- Demands, then the releases that shipped them (grouped per system and week)
    const requesters = o.org.requesters;
    id = 0;
    type Shipped = { id: number; systemId: number; released: number; delivered: number | null; requester: number; analyst: number };
    const shipped: Shipped[] = [];
    const upcoming: { id: number; systemId: number; planned: number; analyst: number }[] = [];
    for (const created of moments(o.demands)) {
      id++;
      const system = r.weighted(systemWeights);
      const sysName = systemName.get(system.id) ?? '';
      const requester = r.skewed(requesters);
      const analyst = system.analystId ?? memberOf(teamOf(system.id) ?? (opsTeams[0] as { members: number[] }));
      const supervisor = supervisorOf(requester);
      const [kind, pattern] = r.pick(DEMAND_TITLES);
      const title = pattern.replace('{s}', sysName).replace('{x}', r.pick(DEMAND_OBJECTS));
      const expected = created + (14 + r.int(76)) * DAY;
      const accepted = created + Math.round(logUniform(r.next, 2, 96)) * HOUR;
      const evaluated = accepted + Math.round(logUniform(r.next, 12, 240)) * HOUR;
      const approved = evaluated + Math.round(logUniform(r.next, 2, 120)) * HOUR;
      const effort = Math.round(logUniform(r.next, 0.5, 60) * 2) / 2;
      const planned = approved + Math.round(effort * 1.6 + 3) * DAY;
      const released = approved + Math.round(effort * (1.2 + r.next()) + 2) * DAY;
      const delivered = released + (1 + r.int(6)) * DAY;
      const rated = delivered + (1 + r.int(6)) * DAY;
      const rejectedByAnalyst = r.next() < 0.07;
      const rejectedBySupervisor = !rejectedByAnalyst && r.next() < 0.05;
      const cancelledEarly = !rejectedByAnalyst && !rejectedBySupervisor && r.next() < 0.03;
      let status: string;
      if (cancelledEarly && accepted < now) status = 'cancelled';
      else if (accepted > now) status = 'submitted';
      else if (rejectedByAnalyst) status = 'rejected';
      else if (evaluated > now) status = 'accepted';
      else if (approved > now) status = 'pending_approval';
      else if (rejectedBySupervisor) status = 'rejected';
      else if (released > now) status = 'implementing';
      else if (delivered > now) status = 'released';
      else if (rated > now) status = 'delivered';
      else status = 'closed';
      count('demands', status);
      const reached = (s: string) =>
        ['accepted', 'pending_approval', 'implementing', 'released', 'delivered', 'closed'].indexOf(status) >=
        ['accepted', 'pending_approval', 'implementing', 'released', 'delivered', 'closed'].indexOf(s);
      const inFlow = !['submitted', 'rejected', 'cancelled'].includes(status);
      const isRated = status === 'closed' && r.next() < 0.72;
      const rating = isRated
        ? r.weighted([
            [5, 45],
            [4, 35],
            [3, 12],
            [2, 5],
            [1, 3],
          ] as const)
        : null;
      const at = (t: number) => new Date(Math.min(t, now - MIN));
      const day = (t: number) => localDay(t);
      const wasRejected = status === 'rejected';
      const evaluatedOnce = (inFlow && reached('pending_approval')) || rejectedBySupervisor;
      await demands.row([
        id,
        numberOf(NUMBER_PREFIXES.demand, created),
        title,
        `业务背景：${requester.displayName} 所在部门提出「${title}」，以提升工作效率。期望 ${day(expected)} 前上线。`,
        system.id,
        kind,
        status,
        requester.id,
        requester.departmentId,
        analyst,
        evaluatedOnce ? supervisor : null,
        day(expected),
        evaluatedOnce ? `方案：在 ${sysName} 中实现，预计 ${effort} 人天，分 ${1 + r.int(3)} 个迭代交付。` : null,
        evaluatedOnce ? effort : null,
        evaluatedOnce ? day(planned) : null,
        evaluatedOnce ? effort * 1500 : null,
        wasRejected ? (rejectedByAnalyst ? '与现有功能重复，建议使用已有报表' : '本季度预算不足，暂缓') : null,
        reached('released') && inFlow
          ? 100
          : status === 'implementing'
            ? Math.min(90, Math.round(((now - approved) / (released - approved)) * 100))
            : 0,
        (inFlow || rejectedBySupervisor) && accepted < now ? at(accepted) : null,
        evaluatedOnce ? at(evaluated) : null,
        inFlow && reached('implementing') ? at(approved) : null,
        inFlow && reached('released') ? at(released) : null,
        inFlow && reached('delivered') ? at(delivered) : null,
        status === 'closed' ? at(rated) : null,
        rating,
        rating ? r.pick(RATING_COMMENTS) : null,
        rating ? at(rated) : null,
        at(created),
        at(Math.min(now - MIN, status === 'closed' ? rated : created)),
      ]);
      await act(['demand', id, at(created), requester.id, 'created', {}]);
      const step = async (t: number, actor: number | null, from: string, to: string, reason?: string) =>
        act(['demand', id, at(t), actor, 'stateChanged', reason ? { from, to, reason } : { from, to }]);
      if (status === 'cancelled') await step(accepted, requester.id, 'submitted', 'cancelled');
      if (rejectedByAnalyst && status === 'rejected') await step(accepted, analyst, 'submitted', 'rejected', '与现有功能重复');
      if ((inFlow || rejectedBySupervisor) && accepted < now) await step(accepted, analyst, 'submitted', 'accepted');
      if (evaluatedOnce) {
        await act(['demand', id, at(evaluated), analyst, 'demandEvaluated', { effortDays: effort, plannedDate: day(planned) }]);
        await step(evaluated, analyst, 'accepted', 'pending_approval');
      }
      // Implementation 实现: tasks for developers of the system's team, their hours, test rounds.
      if (inFlow && reached('implementing')) {
        const team = teamOf(system.id) ?? (opsTeams[0] as { members: number[] });
        const end = Math.min(released, now);
        const tasks = Math.max(1, Math.min(4, Math.round(effort / 8) + 1));
        for (let k = 0; k < tasks; k++) {
          const developer = memberOf(team);
          const hours = Math.max(2, Math.round((effort * 8) / tasks));
          const due = approved + ((k + 1) / tasks) * (released - approved);
          const finished = reached('released') || due < now;
          const doneAt = approved + ((k + 1) / (tasks + 0.5)) * (end - approved);
          await demandTasks.row([
            id,
            k === 0 ? '需求分析与设计' : k === tasks - 1 ? '联调与上线准备' : `功能开发（${k}）`,
            developer,
            hours,
            day(due),
            finished ? 'done' : approved + (k / tasks) * (released - approved) < now ? 'doing' : 'todo',
            finished ? at(doneAt) : null,
            analyst,
            at(approved + HOUR),
            at(finished ? doneAt : approved + HOUR),
          ]);
          for (let w = 0; w < Math.min(6, Math.ceil(hours / 8)); w++) {
            const t = approved + ((k + (w + 1) / 7) / tasks) * (end - approved);
            if (t < now) await demandWork.row([id, developer, day(t), Math.min(8, hours), '开发与自测', developer, at(t)]);
          }
        }
        if (reached('released')) {
          const rounds = r.next() < 0.3 ? 2 : 1;
          for (let round = 1; round <= rounds; round++) {
            const cases = 10 + r.int(60);
            const fail = round < rounds ? 1 + r.int(5) : 0;
            const t = released - (rounds - round + 1) * DAY;
            await demandTests.row([id, round, cases, cases - fail, fail, fail, fail ? 'fail' : 'pass', analyst, day(t), analyst, at(t)]);
          }
        }
      }
      if (rejectedBySupervisor && status === 'rejected') await step(approved, supervisor, 'pending_approval', 'rejected', '预算不足');
      if (inFlow && reached('implementing')) await step(approved, supervisor, 'pending_approval', 'implementing');
      if (inFlow && reached('released'))
        shipped.push({
          id,
          systemId: system.id,
          released,
          delivered: reached('delivered') ? delivered : null,
          requester: requester.id,
          analyst,
        });
      if (status === 'closed') {
        if (rating) await act(['demand', id, at(rated), requester.id, 'rated', { stars: rating }]);
        await step(rated, rating ? requester.id : null, 'delivered', 'closed');
      }
      if (status === 'implementing' && released - now < 21 * DAY) upcoming.push({ id, systemId: system.id, planned: released, analyst });
    }
    const demandCount = id;

    // Releases: the shipped demands of one system in one week go out together, in an evening window.
    const groups = new Map<string, Shipped[]>();
    for (const d of shipped) {
      const key = `${d.systemId}:${Math.floor(d.released / (7 * DAY))}`;
      groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    id = 0;
    const versions = new Map<number, number>();
    const at = (t: number) => new Date(Math.min(t, now - MIN));
    const writeRelease = async (
      systemId: number,
      windowStart: number,
      status: string,
      members: { id: number; requester?: number; delivered?: number | null }[],
      analyst: number,
      opts: { failed?: boolean } = {},
    ) => {
      id++;
      const v = (versions.get(systemId) ?? 0) + 1;
      versions.set(systemId, v);
      const version = `v${2 + Math.floor(v / 40)}.${Math.floor(v / 8) % 5}.${v % 8}`;
      const sysName = systemName.get(systemId) ?? '';
      const owner = o.systems.find((s) => s.id === systemId)?.ownerId ?? r.pick(itManagers);
      const approver = r.pick(itManagers.length ? itManagers : [owner ?? analyst]);
      const created = windowStart - (2 + r.int(5)) * DAY;
      const approvedAt = windowStart - (1 + r.int(24)) * HOUR;
      const executed = windowStart + (30 + r.int(120)) * MIN;
      const accepted = Math.max(...members.map((m) => m.delivered ?? 0), 0);
      const risk = r.weighted([
        ['low', 55],
        ['medium', 35],
        ['high', 10],
      ] as const);
      count('releases', status);
      const hasRun = ['succeeded', 'failed', 'accepted'].includes(status);
      const hasApproval = hasRun || status === 'approved';
      const number = numberOf(NUMBER_PREFIXES.release, created);
      await releases.row([
        id,
        number,
        `${sysName} ${version} 版本发布`,
        systemId,
        version,
        status,
        risk,
        new Date(windowStart),
        new Date(windowStart + 3 * HOUR),
        '1. 停止应用服务 2. 备份数据库 3. 部署新版本 4. 冒烟测试 5. 恢复服务',
        '回退至上一版本安装包并恢复数据库备份，预计 30 分钟',
        analyst,
        hasApproval ? approver : null,
        hasApproval ? at(approvedAt) : null,
        hasRun ? at(executed) : null,
        hasRun ? (opts.failed ? '数据库脚本执行失败，已回退' : '发布成功，冒烟测试通过') : null,
        !!opts.failed,
        null,
        status === 'accepted' && accepted ? at(accepted) : null,
        at(created),
        at(Math.min(now - MIN, status === 'accepted' && accepted ? accepted : hasRun ? executed : created)),
      ]);
      for (const m of members) await releaseDemands.row([id, m.id]);
      await act(['release', id, at(created), analyst, 'created', {}]);
      if (status !== 'draft')
        await act(['release', id, at(created + HOUR), analyst, 'stateChanged', { from: 'draft', to: 'pending_approval' }]);
      if (hasApproval) {
        await releaseApprovals.row([id, 'approved', '同意，注意提前通知业务部门', approver, at(approvedAt)]);
        await act(['release', id, at(approvedAt), approver, 'releaseApproved', { comment: '同意，注意提前通知业务部门' }]);
      }
      if (hasRun)
        await act(
          opts.failed
            ? ['release', id, at(executed), analyst, 'releaseFailed', { note: '数据库脚本执行失败，已回退', rolledBack: true }]
            : ['release', id, at(executed), analyst, 'releaseSucceeded', { note: '发布成功，冒烟测试通过', demands: members.length }],
        );
      if (status === 'accepted' && accepted) {
        for (const person of new Set(members.map((m) => m.requester).filter((x): x is number => !!x))) {
          await releaseAcceptances.row([id, 'requester', 'passed', '功能符合预期', person, at(accepted - 2 * HOUR)]);
          await act(['release', id, at(accepted - 2 * HOUR), person, 'releaseRemarked', { result: 'passed', comment: '功能符合预期' }]);
        }
        await releaseAcceptances.row([id, 'analyst', 'passed', '业务验证通过，运行稳定', analyst, at(accepted)]);
        await act([
          'release',
          id,
          at(accepted),
          analyst,
          'releaseAccepted',
          { comment: '业务验证通过，运行稳定', demands: members.length },
        ]);
      }
      return { number, version };
    };
    for (const members of [...groups.values()].sort((a, b) => (a[0]?.released ?? 0) - (b[0]?.released ?? 0))) {
      const first = members[0] as Shipped;
      const windowStart = Math.max(...members.map((m) => m.released));
      // One release in twenty-five failed first and was rolled back; the next evening's went through.
      if (r.next() < 0.04) await writeRelease(first.systemId, windowStart - DAY, 'failed', members, first.analyst, { failed: true });
      const allDelivered = members.every((m) => m.delivered);
      const { number, version } = await writeRelease(
        first.systemId,
        windowStart,
        allDelivered ? 'accepted' : 'succeeded',
        members,
        first.analyst,
      );
      for (const m of members) {
        await act(['demand', m.id, at(windowStart + HOUR), first.analyst, 'demandReleased', { releaseNumber: number, version }]);
        if (m.delivered) await act(['demand', m.id, at(m.delivered), first.analyst, 'demandDelivered', { releaseNumber: number }]);
      }
    }
    // What is coming: implementing demands due in the next three weeks, in releases waiting for approval or approved.
    const coming = new Map<number, typeof upcoming>();
    for (const d of upcoming) coming.set(d.systemId, [...(coming.get(d.systemId) ?? []), d]);
    for (const [systemId, members] of coming) {
      // 20:00 business time on the day the first of them is due (tomorrow at the earliest)
      const due = Math.max(now + DAY, Math.min(...members.map((m) => m.planned)));
      const windowStart = Math.floor((due + 8 * HOUR) / DAY) * DAY - 8 * HOUR + 20 * HOUR;
      const status = r.weighted([
        ['approved', 40],
        ['pending_approval', 40],
        ['draft', 20],
      ] as const);
      await writeRelease(systemId, windowStart, status, members.slice(0, 6), members[0]?.analyst as number);
    }
    counts.totals = { faults: faultCount, incidents: counts.incidentsTotal?.all ?? 0, demands: demandCount, releases: id };
    delete counts.incidentsTotal;
    for (const w of writers) await w.close();
  } catch (error) {
    for (const w of writers) await w.abort();
    throw error;
  }

  // Numbers made from now on continue after the generated ones; identities after the generated ids.
  const client = new pg.Client({ connectionString: o.url, application_name: 'bench-generate' });
  await client.connect();
  try {
    const entries = [...numbers.entries()].map(([k, n]) => [...k.split(':'), n] as [string, string, number]);
    for (let i = 0; i < entries.length; i += 1000) {
      const chunk = entries.slice(i, i + 1000);
      await client.query(
        `INSERT INTO number_sequences (prefix, day, last) SELECT p, d::date, n FROM unnest($1::text[], $2::text[], $3::int[]) AS x(p, d, n)
         ON CONFLICT (prefix, day) DO UPDATE SET last = greatest(number_sequences.last, excluded.last)`,
        [chunk.map((c) => c[0]), chunk.map((c) => c[1]), chunk.map((c) => c[2])],
      );
    }
    for (const table of ['faults', 'incidents', 'demands', 'releases']) {
      await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), greatest(1, (SELECT max(id) FROM ${table})))`);
    }
  } finally {
    await client.end();
  }
  return { ...counts, timeline: activity.rows };
}

/** Removes the four modules' rows (and their timelines) from an existing dataset. */
export async function clearOperations(url: string) {
  const client = new pg.Client({ connectionString: url, application_name: 'bench-generate' });
  await client.connect();
  try {
    await client.query(`DELETE FROM activity WHERE record_type IN ('incident', 'fault', 'demand', 'release')`);
    await client.query(
      `DELETE FROM record_links WHERE from_type IN ('incident', 'fault', 'demand', 'release') OR to_type IN ('incident', 'fault', 'demand', 'release')`,
    );
    await client.query('TRUNCATE release_demands, releases, demands, incidents, fault_systems, faults RESTART IDENTITY CASCADE');
    await client.query(`DELETE FROM number_sequences WHERE prefix IN ('SJ', 'GZ', 'XQ', 'FB')`);
  } finally {
    await client.end();
  }
}
