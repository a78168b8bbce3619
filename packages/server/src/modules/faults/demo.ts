import type { TimelineEvent } from '@shuyun/shared';
import { DEFAULT_FAULT_RESPONSE_MINUTES, type FaultCause, type FaultSeverity, formatRecordNumber } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { businessDay } from '../../platform/numbering/numbering.js';

const MIN = 60_000;
const DAY = 86_400_000;
const TZ = 'Asia/Shanghai';

// title, systems, severity, impact, cause, minutes down, team, assignee, root cause, resolution
type Template = [string, string[], FaultSeverity, 'outage' | 'degraded', FaultCause, number, string, string, string, string];
const TEMPLATES: Template[] = [
  ['企业邮箱收发信延迟', ['MAIL'], 'P3', 'degraded', 'capacity', 95, 'INFRA', 'huanglei', '邮件队列磁盘空间不足', '清理队列并扩容 200G'],
  [
    'ERP 月结报表运行超时',
    ['ERP', 'FIN'],
    'P3',
    'degraded',
    'software',
    180,
    'APP',
    'machao',
    '月结 SQL 未走索引',
    '补建索引，报表改为夜间预计算',
  ],
  ['总部三楼无线网络中断', ['NET'], 'P3', 'outage', 'hardware', 8, 'INFRA', 'liuyang', 'AP 电源适配器损坏', '更换 AP 电源'],
  ['VPN 远程接入认证失败', ['VPN'], 'P2', 'outage', 'change', 9, 'INFRA', 'liuyang', '证书更新后未同步到备用网关', '同步证书并重启网关'],
  ['CRM 客户列表加载缓慢', ['CRM'], 'P4', 'degraded', 'software', 240, 'APP', 'guoqing', '全表排序导致慢查询', '增加分页与索引'],
  ['POS 部分门店无法刷卡', ['POS'], 'P2', 'degraded', 'external', 70, 'APP', 'hulin', '银联通道服务商故障', '切换备用收单通道'],
  ['OA 审批流程提交报错', ['OA'], 'P3', 'outage', 'software', 7, 'APP', 'heyu', '新版本表单校验缺陷', '回退表单版本'],
  [
    'SCM 与仓储接口同步中断',
    ['SCM'],
    'P2',
    'degraded',
    'network',
    120,
    'INFRA',
    'zhangqiang',
    '专线运营商割接未通知',
    '临时改走 VPN，协调运营商',
  ],
  [
    '财务核算系统登录异常',
    ['FIN'],
    'P3',
    'outage',
    'security',
    6,
    'INFRA',
    'xuming',
    '账号被暴力破解触发锁定策略',
    '封禁来源 IP，加验证码',
  ],
  ['HR 考勤数据导入失败', ['HR'], 'P4', 'degraded', 'human', 60, 'APP', 'luoxin', '导入模板列顺序被误改', '恢复模板并增加校验'],
  ['DRP 补货单生成缓慢', ['DRP'], 'P3', 'degraded', 'capacity', 150, 'APP', 'hulin', '促销期订单量激增', '增加计算节点'],
  ['SRM 供应商门户无法访问', ['SRM'], 'P3', 'outage', 'network', 9, 'INFRA', 'liuyang', '防火墙策略误删', '恢复策略并加入变更审批'],
  ['ERP 数据库主从延迟告警', ['ERP'], 'P2', 'degraded', 'hardware', 45, 'INFRA', 'xuming', '从库磁盘阵列电池故障', '更换阵列电池'],
  ['企业邮箱反垃圾网关误拦截', ['MAIL'], 'P4', 'degraded', 'unknown', 300, 'INFRA', 'huanglei', '原因待查', '临时加入白名单'],
  ['门店网络间歇性丢包', ['NET', 'POS'], 'P3', 'degraded', 'network', 200, 'INFRA', 'liuyang', '门店路由器固件缺陷', '升级固件'],
];

interface HistoryEntry {
  record: { type: string; id: number };
  actorId: number | null;
  event: TimelineEvent;
  at: Date;
}

/** Timeline entries at their historical moments (the demo writes the past). */
async function history(trx: Transaction<DB>, entries: HistoryEntry[]) {
  if (!entries.length) return;
  await trx
    .insertInto('activity')
    .values(
      entries.map(({ record, actorId, event: { kind, ...payload }, at }) => ({
        record_type: record.type,
        record_id: record.id,
        actor_id: actorId,
        kind,
        payload: JSON.stringify(payload),
        at,
      })),
    )
    .execute();
}

function localParts(at: Date) {
  const [y, m] = businessDay(at, TZ).split('-').map(Number) as [number, number];
  return { y, m };
}

/**
 * The demo faults: about forty over the last twelve months on the demo company's systems, causes
 * varied; a P1 POS outage two months ago with a completed review and corrective actions (one still
 * open and overdue), which makes POS miss its 99.95 % target that month; the other outages are short
 * (≤ 10 min) so every other system meets its target; a few open faults of today (one past its
 * response target). Written directly; the GZ sequence is advanced so later numbers never collide.
 */
export async function seedFaultDemo(trx: Transaction<DB>) {
  const people = await trx.selectFrom('users').select(['id', 'username', 'display_name']).execute();
  const users = new Map(people.map((u) => [u.username, u.id]));
  const names = new Map(people.map((u) => [u.username, u.display_name]));
  const teams = new Map((await trx.selectFrom('teams').select(['id', 'code']).execute()).map((t) => [t.code, t.id]));
  const systems = new Map((await trx.selectFrom('it_systems').select(['id', 'code']).execute()).map((s) => [s.code, s.id]));
  if (!systems.has('POS') || !users.has('liwei')) return { faults: 0 };
  const uid = (name: string) => users.get(name) as number;
  const seq = new Map<string, number>();
  const number = (at: Date) => {
    const day = businessDay(at, TZ);
    const n = (seq.get(day) ?? 0) + 1;
    seq.set(day, n);
    return formatRecordNumber('GZ', day, n);
  };
  const now = Date.now();
  let count = 0;

  async function insert(f: {
    title: string;
    description: string;
    systems: string[];
    severity: FaultSeverity;
    impact: 'outage' | 'degraded';
    cause: FaultCause | null;
    started: Date;
    detectedAfter: number;
    respondedAfter: number | null;
    downMinutes: number | null;
    status: 'new' | 'in_progress' | 'recovered' | 'closed';
    team: string;
    assignee: string | null;
    reporter: string;
    rootCause: string | null;
    resolution: string | null;
    impactUsers?: number;
    impactBusiness?: string;
  }) {
    const detected = new Date(f.started.getTime() + f.detectedAfter * MIN);
    const responded = f.respondedAfter === null ? null : new Date(detected.getTime() + f.respondedAfter * MIN);
    const recovered = f.downMinutes === null ? null : new Date(f.started.getTime() + f.downMinutes * MIN);
    const closed = f.status === 'closed' && recovered ? new Date(recovered.getTime() + 2 * DAY) : null;
    const row = await trx
      .insertInto('faults')
      .values({
        number: number(detected),
        title: f.title,
        description: f.description,
        severity: f.severity,
        status: f.status,
        impact_kind: f.impact,
        impact_users: f.impactUsers ?? null,
        impact_business: f.impactBusiness ?? null,
        cause_category: f.status === 'closed' ? f.cause : null,
        root_cause: f.status === 'closed' ? f.rootCause : null,
        resolution: recovered ? f.resolution : null,
        reporter_id: uid(f.reporter),
        team_id: teams.get(f.team) ?? null,
        assignee_id: f.assignee ? uid(f.assignee) : null,
        started_at: f.started,
        detected_at: detected,
        response_due_at: new Date(detected.getTime() + DEFAULT_FAULT_RESPONSE_MINUTES[f.severity] * MIN),
        responded_at: responded,
        recovered_at: recovered,
        closed_at: closed,
        work_minutes: recovered ? Math.min(480, (f.downMinutes ?? 0) + 30) : 0,
        created_at: detected,
        updated_at: closed ?? recovered ?? responded ?? detected,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('fault_systems')
      .values(f.systems.map((code) => ({ fault_id: row.id, system_id: systems.get(code) as number })))
      .execute();
    const record = { type: 'fault', id: row.id };
    const entries: HistoryEntry[] = [{ record, actorId: uid(f.reporter), event: { kind: 'created' }, at: detected }];
    if (responded)
      entries.push({
        record,
        actorId: f.assignee ? uid(f.assignee) : null,
        event: { kind: 'stateChanged', from: 'new', to: 'in_progress' },
        at: responded,
      });
    if (recovered)
      entries.push({
        record,
        actorId: f.assignee ? uid(f.assignee) : null,
        event: { kind: 'stateChanged', from: 'in_progress', to: 'recovered' },
        at: recovered,
      });
    if (closed)
      entries.push({ record, actorId: uid('liwei'), event: { kind: 'stateChanged', from: 'recovered', to: 'closed' }, at: closed });
    await history(trx, entries);
    count++;
    return row.id;
  }

  // Thirty-six closed faults spread over the last twelve months (three a month), from the templates.
  for (let i = 0; i < 36; i++) {
    const tpl = TEMPLATES[i % TEMPLATES.length] as Template;
    const [title, codes, severity, impact, cause, minutes, team, assignee, rootCause, resolution] = tpl;
    const monthsAgo = 11 - Math.floor(i / 3);
    const started = new Date(now - (monthsAgo * 30 + 3 + (i % 3) * 8) * DAY - ((i * 37) % 600) * MIN);
    await insert({
      title,
      description: `${title}，用户反馈后由监控确认。`,
      systems: codes,
      severity,
      impact,
      cause,
      started,
      detectedAfter: 3 + (i % 7),
      respondedAfter: 5 + ((i * 13) % 40),
      downMinutes: impact === 'outage' ? Math.min(minutes, 10) : minutes,
      status: 'closed',
      team,
      assignee,
      reporter: i % 2 ? 'wangfang' : 'chenjing',
      rootCause,
      resolution,
    });
  }

  // The P1: all stores' tills down for three hours, two months ago — POS misses its target that month.
  const { y, m } = localParts(new Date(now));
  const p1Start = new Date(Date.UTC(y, m - 3, 15, 2, 10));
  const p1 = await insert({
    title: 'POS 门店收银全部中断',
    description: '全国门店 POS 无法结算，收银台报“连接服务器超时”。',
    systems: ['POS', 'DRP'],
    severity: 'P1',
    impact: 'outage',
    cause: 'change',
    started: p1Start,
    detectedAfter: 4,
    respondedAfter: 6,
    downMinutes: 180,
    status: 'closed',
    team: 'APP',
    assignee: 'hulin',
    reporter: 'wangfang',
    rootCause: '数据库连接池参数在例行变更中被误改为 10，交易高峰连接耗尽',
    resolution: '回滚连接池参数并重启 POS 应用集群，门店逐步恢复收银',
    impactUsers: 1200,
    impactBusiness: '约 320 家门店无法收银 3 小时，估计影响销售额 180 万元',
  });
  const reviewAt = new Date(p1Start.getTime() + 3 * DAY);
  await trx
    .insertInto('fault_reviews')
    .values({
      fault_id: p1,
      summary: '例行变更误改数据库连接池参数，交易高峰时连接耗尽，全国门店收银中断 3 小时。',
      narrative: '10:10 门店开始报错；10:14 监控告警；10:20 应用组响应；11:30 定位连接池参数；13:10 回滚参数后全部恢复。',
      analysis: '变更脚本复用了测试环境参数文件；变更评审未核对参数差异；连接池耗尽没有告警。',
      lessons: '生产参数与测试参数分开管理；关键参数变更必须双人复核；连接池使用率纳入监控。',
      completed_at: reviewAt,
      completed_by: uid('liwei'),
      updated_by: uid('liwei'),
      updated_at: reviewAt,
    })
    .execute();
  const actions: [string, string, number, boolean][] = [
    ['生产与测试参数文件分库管理', 'sunli', 14, true],
    ['连接池使用率监控与告警', 'zhangqiang', 30, false],
    ['变更评审增加参数差异核对项', 'liwei', 10, true],
  ];
  for (const [title, owner, dueDays, done] of actions) {
    const due = new Date(reviewAt.getTime() + dueDays * DAY);
    await trx
      .insertInto('fault_actions')
      .values({
        fault_id: p1,
        title,
        owner_id: uid(owner),
        due_date: businessDay(due, TZ),
        status: done ? 'done' : 'open',
        done_note: done ? '已完成并验证' : null,
        done_at: done ? due : null,
        done_by: done ? uid(owner) : null,
        created_by: uid('liwei'),
        created_at: reviewAt,
      })
      .execute();
  }
  await history(trx, [
    ...actions.map(([title, owner, dueDays]) => ({
      record: { type: 'fault', id: p1 },
      actorId: uid('liwei'),
      event: {
        kind: 'faultActionAdded' as const,
        title,
        owner: names.get(owner) ?? owner,
        dueDate: businessDay(new Date(reviewAt.getTime() + dueDays * DAY), TZ),
      },
      at: reviewAt,
    })),
    {
      record: { type: 'fault', id: p1 },
      actorId: uid('liwei'),
      event: { kind: 'faultReviewCompleted', noActionNeeded: false },
      at: reviewAt,
    },
  ]);

  // Today's open faults: one new and already past its response target, one in progress, one recovered awaiting closure.
  const today = (minutesAgo: number) => new Date(now - minutesAgo * MIN);
  await insert({
    title: '企业邮箱附件上传失败',
    description: '多名用户反馈超过 10MB 的附件无法上传。',
    systems: ['MAIL'],
    severity: 'P2',
    impact: 'degraded',
    cause: null,
    started: today(330),
    detectedAfter: 10,
    respondedAfter: null,
    downMinutes: null,
    status: 'new',
    team: 'INFRA',
    assignee: null,
    reporter: 'chenjing',
    rootCause: null,
    resolution: null,
    impactUsers: 60,
  });
  await insert({
    title: 'ERP 采购订单审批卡顿',
    description: '采购订单审批页面打开需要 30 秒以上。',
    systems: ['ERP'],
    severity: 'P3',
    impact: 'degraded',
    cause: null,
    started: today(95),
    detectedAfter: 5,
    respondedAfter: 12,
    downMinutes: null,
    status: 'in_progress',
    team: 'APP',
    assignee: 'machao',
    reporter: 'yangfan',
    rootCause: null,
    resolution: null,
  });
  await insert({
    title: 'VPN 部分用户连接后无法访问内网',
    description: '华东销售团队 VPN 拨入后无法访问 CRM。',
    systems: ['VPN', 'CRM'],
    severity: 'P3',
    impact: 'degraded',
    cause: 'network',
    started: today(600),
    detectedAfter: 15,
    respondedAfter: 8,
    downMinutes: 200,
    status: 'recovered',
    team: 'INFRA',
    assignee: 'liuyang',
    reporter: 'wangfang',
    rootCause: null,
    resolution: '修正 VPN 地址池路由',
  });

  if (seq.size) {
    await trx
      .insertInto('number_sequences')
      .values([...seq].map(([day, last]) => ({ prefix: 'GZ', day, last })))
      .onConflict((oc) => oc.columns(['prefix', 'day']).doUpdateSet({ last: sql`greatest(number_sequences.last, excluded.last)` }))
      .execute();
  }
  return { faults: count };
}
