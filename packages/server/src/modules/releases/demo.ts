import type { TimelineEvent } from '@shuyun/shared';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { nextRecordNumber } from '../../platform/numbering/numbering.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Status = 'draft' | 'pending_approval' | 'approved' | 'rejected' | 'succeeded' | 'failed' | 'accepted' | 'cancelled';

/** One demo release: its system, who asked, when (days from today, local hour), what became of it. */
interface Spec {
  system: string;
  version: string;
  title: string;
  day: number;
  hour: number;
  hours: number;
  status: Status;
  risk: 'high' | 'medium' | 'low';
  /** Demo demands it delivers (keys into DEMANDS). */
  demands?: string[];
  note?: string;
  rolledBack?: boolean;
  reject?: string;
  copyOf?: string;
  key?: string;
}

// key, system, title, requester, status before the releases touch it
const DEMANDS: [string, string, string, string][] = [
  ['d1', 'ERP', '应付账款增加供应商对账单导出', 'qianhui'],
  ['d2', 'ERP', '费用报销单支持电子发票自动验真', 'fengyi'],
  ['d3', 'POS', '门店收银支持数字人民币付款', 'shiyu'],
  ['d4', 'POS', '会员积分抵扣在收银小票上单独列示', 'zhangmin'],
  ['d5', 'CRM', '客户拜访记录增加定位签到', 'yangguang'],
  ['d6', 'CRM', '商机阶段看板按大区汇总', 'hanxue'],
  ['d7', 'SCM', '采购订单到货提醒推送企业微信', 'xuli'],
  ['d8', 'HR', '考勤异常自动提醒本人与主管', 'weiting'],
  ['d9', 'ERP', '月结关账检查清单自动生成', 'qianhui'],
  ['d10', 'POS', '门店日结报表增加退货明细', 'kongyi'],
  ['d11', 'CRM', '客户档案重复检测与合并', 'zhuli'],
  ['d12', 'SCM', '仓库库位调整批量导入', 'hejun'],
  ['d13', 'ERP', '固定资产卡片批量打印标签', 'qianhui'],
  ['d14', 'POS', '收银员交接班现金盘点录入', 'shiyu'],
];

const P = '1. 发布前备份数据库与应用包\n2. 停止相关服务，部署新版本\n3. 执行数据库变更脚本\n4. 冒烟测试核心流程\n5. 恢复服务并观察 30 分钟';
const R = '1. 停止新版本服务\n2. 回滚数据库变更脚本\n3. 重新部署上一版本应用包\n4. 验证核心流程后恢复服务';

// Past months (negative days), this week and upcoming ones; every state appears.
const SPECS: Spec[] = [
  { system: 'ERP', version: 'V3.1.0', title: 'ERP 总账模块季度补丁', day: -172, hour: 22, hours: 3, status: 'accepted', risk: 'medium' },
  { system: 'POS', version: 'V5.4.2', title: 'POS 门店收银安全补丁', day: -165, hour: 23, hours: 2, status: 'accepted', risk: 'low' },
  { system: 'CRM', version: 'V2.8.0', title: 'CRM 线索分配规则优化', day: -158, hour: 21, hours: 2, status: 'accepted', risk: 'low' },
  {
    system: 'MAIL',
    version: '2025.12',
    title: '企业邮箱反垃圾策略升级',
    day: -150,
    hour: 22,
    hours: 2,
    status: 'accepted',
    risk: 'medium',
  },
  { system: 'SCM', version: 'V4.2.0', title: 'SCM 供应链计划引擎升级', day: -141, hour: 20, hours: 4, status: 'cancelled', risk: 'high' },
  {
    system: 'HR',
    version: 'V6.0.3',
    title: 'HR 薪资计算年度个税参数更新',
    day: -133,
    hour: 22,
    hours: 2,
    status: 'accepted',
    risk: 'high',
  },
  {
    system: 'ERP',
    version: 'V3.1.1',
    title: 'ERP 应付模块供应商对账改造',
    day: -124,
    hour: 22,
    hours: 3,
    status: 'accepted',
    risk: 'medium',
    demands: ['d1'],
  },
  {
    system: 'POS',
    version: 'V5.5.0',
    title: 'POS 数字人民币收款上线',
    day: -118,
    hour: 23,
    hours: 3,
    status: 'accepted',
    risk: 'high',
    demands: ['d3'],
  },
  {
    system: 'OA',
    version: 'V8.2',
    title: 'OA 流程引擎升级',
    day: -110,
    hour: 20,
    hours: 3,
    status: 'rejected',
    risk: 'high',
    reject: '与春节前财务封账冲突，请改到节后窗口',
  },
  {
    system: 'CRM',
    version: 'V2.9.0',
    title: 'CRM 拜访签到功能',
    day: -102,
    hour: 21,
    hours: 2,
    status: 'accepted',
    risk: 'medium',
    demands: ['d5'],
  },
  { system: 'FIN', version: 'V2.3.0', title: '财务核算系统报表性能优化', day: -95, hour: 22, hours: 2, status: 'accepted', risk: 'low' },
  {
    system: 'DRP',
    version: 'V1.9.4',
    title: 'DRP 分销补货算法调整',
    day: -88,
    hour: 22,
    hours: 2,
    status: 'failed',
    risk: 'medium',
    note: '补货计算任务超时，业务高峰前未能完成验证',
    rolledBack: true,
  },
  {
    system: 'SCM',
    version: 'V4.2.1',
    title: 'SCM 到货提醒推送企业微信',
    day: -80,
    hour: 21,
    hours: 2,
    status: 'accepted',
    risk: 'low',
    demands: ['d7'],
  },
  {
    system: 'HR',
    version: 'V6.1.0',
    title: 'HR 考勤异常提醒',
    day: -72,
    hour: 22,
    hours: 2,
    status: 'accepted',
    risk: 'medium',
    demands: ['d8'],
  },
  {
    system: 'ERP',
    version: 'V3.2.0',
    title: 'ERP 电子发票验真接入',
    day: -63,
    hour: 22,
    hours: 3,
    status: 'accepted',
    risk: 'high',
    demands: ['d2'],
  },
  { system: 'NET', version: 'FW-9.1', title: '总部防火墙固件升级', day: -55, hour: 1, hours: 3, status: 'accepted', risk: 'high' },
  {
    system: 'POS',
    version: 'V5.5.1',
    title: 'POS 会员积分小票列示',
    day: -47,
    hour: 23,
    hours: 2,
    status: 'succeeded',
    risk: 'medium',
    demands: ['d4'],
  },
  {
    system: 'CRM',
    version: 'V3.0.0',
    title: 'CRM 商机看板与大区汇总',
    day: -38,
    hour: 21,
    hours: 3,
    status: 'succeeded',
    risk: 'medium',
    demands: ['d6'],
  },
  { system: 'VPN', version: 'V7.4', title: 'VPN 网关双因素认证', day: -31, hour: 22, hours: 2, status: 'cancelled', risk: 'medium' },
  {
    key: 'failedErp',
    system: 'ERP',
    version: 'V3.3.0',
    title: 'ERP 月结关账检查清单',
    day: -24,
    hour: 22,
    hours: 3,
    status: 'failed',
    risk: 'high',
    demands: ['d9'],
    note: '数据库变更脚本执行超时，关账检查任务报错，按回滚方案恢复到 V3.2.0',
    rolledBack: true,
  },
  { system: 'FIN', version: 'V2.4.0', title: '财务核算凭证模板调整', day: -17, hour: 22, hours: 2, status: 'succeeded', risk: 'low' },
  {
    system: 'SCM',
    version: 'V4.3.0',
    title: 'SCM 库位批量导入',
    day: -10,
    hour: 21,
    hours: 2,
    status: 'succeeded',
    risk: 'medium',
    demands: ['d12'],
  },
  { system: 'MAIL', version: '2026.05', title: '企业邮箱客户端证书更新', day: -3, hour: 22, hours: 1, status: 'accepted', risk: 'low' },
  // this week and upcoming
  {
    system: 'POS',
    version: 'V5.6.0',
    title: 'POS 日结报表退货明细',
    day: 0,
    hour: 23,
    hours: 2,
    status: 'approved',
    risk: 'medium',
    demands: ['d10'],
  },
  {
    copyOf: 'failedErp',
    system: 'ERP',
    version: 'V3.3.1',
    title: 'ERP 月结关账检查清单（重新发布）',
    day: 3,
    hour: 22,
    hours: 3,
    status: 'approved',
    risk: 'high',
    demands: ['d9'],
  },
  {
    system: 'CRM',
    version: 'V3.1.0',
    title: 'CRM 客户档案查重合并',
    day: 5,
    hour: 21,
    hours: 2,
    status: 'pending_approval',
    risk: 'medium',
    demands: ['d11'],
  },
  {
    system: 'ERP',
    version: 'V3.4.0',
    title: 'ERP 固定资产标签批量打印',
    day: 8,
    hour: 22,
    hours: 2,
    status: 'pending_approval',
    risk: 'high',
    demands: ['d13'],
  },
  { system: 'HR', version: 'V6.2.0', title: 'HR 组织架构同步接口改造', day: 12, hour: 22, hours: 2, status: 'approved', risk: 'low' },
  {
    system: 'POS',
    version: 'V5.7.0',
    title: 'POS 交接班现金盘点',
    day: 16,
    hour: 23,
    hours: 2,
    status: 'draft',
    risk: 'medium',
    demands: ['d14'],
  },
  { system: 'NET', version: 'SW-2026Q3', title: '门店交换机批量固件升级', day: 22, hour: 1, hours: 4, status: 'draft', risk: 'high' },
];

/** Midnight of the business day `offset` days from `now`, plus `hour` (Asia/Shanghai, UTC+8 — no DST). */
function localAt(now: Date, offset: number, hour: number): Date {
  const shanghai = new Date(now.getTime() + 8 * HOUR);
  const midnight = Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate()) - 8 * HOUR;
  return new Date(midnight + offset * DAY + hour * HOUR);
}

const RATED_COMMENT = '新功能已在业务中使用，效果符合预期';

/**
 * The demo releases: ~30 over the last six months and the coming weeks across the demo systems, in
 * every state, with their approval history, results, acceptance records and timelines; a failed ERP
 * release rolled back and re-planned as a copy; two pending for the IT manager (李伟) to approve — on
 * the phone too. It brings its own few demands (implementing / released / delivered, with their tasks
 * and hours) for these releases to include, and then gives the demands module's demo demands that were
 * shipped the releases that shipped them (releaseShippedDemands) — so seed it after the demands.
 */
export async function seedReleaseDemo(trx: Transaction<DB>, options: { now?: Date; timeZone?: string } = {}) {
  const now = options.now ?? new Date();
  const tz = options.timeZone ?? 'Asia/Shanghai';
  const users = new Map((await trx.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const systems = new Map((await trx.selectFrom('it_systems').select(['id', 'code', 'analyst_id']).execute()).map((s) => [s.code, s]));
  const manager = users.get('liwei');
  if (!manager || !systems.size) return { releases: 0, demands: 0 };
  const analystOf = (code: string) => systems.get(code)?.analyst_id ?? users.get('machao') ?? manager;
  const events: { record_type: string; record_id: number; at: Date; actor_id: number | null; kind: string; payload: string }[] = [];
  const event = (type: string, id: number, at: Date, actor: number | null, e: TimelineEvent) => {
    const { kind, ...payload } = e;
    events.push({ record_type: type, record_id: id, at, actor_id: actor, kind, payload: JSON.stringify(payload) });
  };

  // The demands, with their final status decided by the release that carries them.
  const fate = new Map<string, { status: 'implementing' | 'released' | 'delivered'; release?: Date; accepted?: Date }>();
  for (const s of SPECS) {
    const start = localAt(now, s.day, s.hour);
    for (const d of s.demands ?? []) {
      if (s.status === 'accepted') fate.set(d, { status: 'delivered', release: start, accepted: new Date(start.getTime() + 3 * DAY) });
      else if (s.status === 'succeeded') fate.set(d, { status: 'released', release: start });
      else if (!fate.has(d)) fate.set(d, { status: 'implementing' });
    }
  }
  const demandIds = new Map<string, { id: number; requester: number; rated: Date | null }>();
  for (const [key, system, title, requester] of DEMANDS) {
    const sys = systems.get(system);
    const requesterId = users.get(requester);
    if (!sys || !requesterId) continue;
    const f = fate.get(key) ?? { status: 'implementing' as const };
    // Delivered more than a week ago: rated by its requester since (unrated, the hourly auto-close
    // would have closed it after DEMAND_AUTO_CLOSE_DAYS, 7 by default).
    const rated = f.accepted && f.accepted.getTime() < now.getTime() - 7 * DAY ? new Date(f.accepted.getTime() + 2 * DAY) : null;
    const created = new Date((f.release ?? localAt(now, 0, 9)).getTime() - 40 * DAY);
    const number = await nextRecordNumber(trx, 'demand', tz, created);
    const row = await trx
      .insertInto('demands')
      .values({
        number,
        title,
        background: `${title}：业务部门提出，用于提升日常工作效率（演示数据）。`,
        system_id: sys.id,
        kind: 'change',
        status: rated ? 'closed' : f.status,
        requester_id: requesterId,
        analyst_id: sys.analyst_id,
        solution: '在现有模块上扩展，配置化实现',
        effort_days: 5,
        progress: f.status === 'implementing' ? 80 : 100,
        accepted_at: new Date(created.getTime() + DAY),
        evaluated_at: new Date(created.getTime() + 3 * DAY),
        approved_at: new Date(created.getTime() + 5 * DAY),
        released_at: f.release ?? null,
        delivered_at: f.accepted ?? null,
        ...(rated ? { rating: 5, rating_comment: RATED_COMMENT, rated_at: rated, closed_at: rated } : {}),
        version: f.status === 'implementing' ? 1 : f.status === 'released' ? 2 : rated ? 4 : 3,
        created_at: created,
        updated_at: rated ?? f.accepted ?? f.release ?? created,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    demandIds.set(key, { id: row.id, requester: requesterId, rated });
    // Its implementation, as the demands module records it: 80 % of the estimate done.
    const developer = sys.analyst_id ?? manager;
    const [build] = await trx
      .insertInto('demand_tasks')
      .values([
        {
          demand_id: row.id,
          title: '开发与单元测试',
          developer_id: developer,
          estimate_hours: 32,
          status: 'done',
          done_at: new Date(created.getTime() + 15 * DAY),
          created_by: developer,
          created_at: new Date(created.getTime() + 6 * DAY),
        },
        {
          demand_id: row.id,
          title: '用户验收测试支持',
          developer_id: developer,
          estimate_hours: 8,
          status: f.status === 'implementing' ? 'doing' : 'done',
          done_at: f.status === 'implementing' ? null : (f.release ?? null),
          created_by: developer,
          created_at: new Date(created.getTime() + 6 * DAY),
        },
      ])
      .returning('id')
      .execute();
    await trx
      .insertInto('demand_work_logs')
      .values(
        [8, 8, 7.5, 6].map((hours, i) => ({
          demand_id: row.id,
          task_id: build?.id ?? null,
          user_id: developer,
          work_date: new Date(created.getTime() + (8 + i) * DAY + 8 * HOUR).toISOString().slice(0, 10),
          hours,
          note: i === 0 ? '接口设计与开发' : '开发与自测',
          created_by: developer,
          created_at: new Date(created.getTime() + (8 + i) * DAY + 10 * HOUR),
        })),
      )
      .execute();
  }

  const byKey = new Map<string, { id: number; number: string }>();
  let count = 0;
  for (const s of SPECS) {
    const sys = systems.get(s.system);
    if (!sys) continue;
    const requester = analystOf(s.system);
    const start = localAt(now, s.day, s.hour);
    const end = new Date(start.getTime() + s.hours * HOUR);
    const created = new Date(start.getTime() - 9 * DAY);
    const submitted = new Date(created.getTime() + 4 * HOUR);
    const decided = new Date(created.getTime() + 2 * DAY);
    const executed = new Date(end.getTime() - 20 * 60_000);
    const accepted = new Date(start.getTime() + 3 * DAY);
    const past = (d: Date) => (d.getTime() < now.getTime() ? d : now);
    const approved = ['approved', 'succeeded', 'failed', 'accepted'].includes(s.status);
    const executedState = ['succeeded', 'failed', 'accepted'].includes(s.status);
    const number = await nextRecordNumber(trx, 'release', tz, past(created));
    const origin = s.copyOf ? byKey.get(s.copyOf) : undefined;
    const { id } = await trx
      .insertInto('releases')
      .values({
        number,
        title: s.title,
        system_id: sys.id,
        version_label: s.version,
        status: s.status,
        risk: s.risk,
        window_start: start,
        window_end: end,
        plan: P,
        rollback_plan: R,
        requester_id: requester,
        approver_id: approved || s.status === 'rejected' ? manager : null,
        approved_at: approved ? past(decided) : null,
        executed_at: executedState ? executed : null,
        result_note: s.note ?? (executedState ? '按计划完成发布，冒烟测试通过' : null),
        rolled_back: s.rolledBack ?? false,
        accepted_at: s.status === 'accepted' ? accepted : null,
        copied_from_id: origin?.id ?? null,
        // one version per change the release went through
        version:
          1 +
          (s.status === 'draft' ? 0 : 1) +
          (approved || s.status === 'rejected' || s.status === 'cancelled' ? 1 : 0) +
          (executedState ? 1 : 0) +
          (s.status === 'accepted' ? 1 : 0),
        created_at: past(created),
        updated_at: past(s.status === 'accepted' ? accepted : executedState ? executed : decided),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    count++;
    if (s.key) byKey.set(s.key, { id, number });
    const demands = (s.demands ?? []).flatMap((k) =>
      demandIds.has(k) ? [demandIds.get(k) as { id: number; requester: number; rated: Date | null }] : [],
    );
    // A failed release keeps its demands linked (history); they are free again, so its copy includes them too.
    if (demands.length)
      await trx
        .insertInto('release_demands')
        .values(demands.map((d) => ({ release_id: id, demand_id: d.id })))
        .execute();

    event('release', id, past(created), requester, { kind: 'created' });
    if (origin) {
      event('release', id, past(created), requester, { kind: 'releaseCopiedFrom', number: origin.number });
      event('release', origin.id, past(created), requester, { kind: 'releaseCopiedTo', number });
    }
    if (s.status !== 'draft' && !(s.status === 'cancelled' && s.day < -100))
      event('release', id, past(submitted), requester, { kind: 'stateChanged', from: 'draft', to: 'pending_approval' });
    if (approved) {
      await trx
        .insertInto('release_approvals')
        .values({
          release_id: id,
          decision: 'approved',
          comment: '同意，注意提前通知业务部门',
          decided_by: manager,
          decided_at: past(decided),
        })
        .execute();
      event('release', id, past(decided), manager, { kind: 'releaseApproved', comment: '同意，注意提前通知业务部门' });
    }
    if (s.status === 'rejected') {
      await trx
        .insertInto('release_approvals')
        .values({ release_id: id, decision: 'rejected', comment: s.reject ?? '', decided_by: manager, decided_at: past(decided) })
        .execute();
      event('release', id, past(decided), manager, { kind: 'releaseRejected', comment: s.reject ?? '' });
    }
    if (s.status === 'cancelled')
      event('release', id, past(decided), requester, { kind: 'stateChanged', from: 'pending_approval', to: 'cancelled' });
    if (s.status === 'succeeded' || s.status === 'accepted') {
      event('release', id, executed, requester, {
        kind: 'releaseSucceeded',
        note: '按计划完成发布，冒烟测试通过',
        demands: demands.length,
      });
      for (const d of demands)
        event('demand', d.id, executed, requester, { kind: 'demandReleased', releaseNumber: number, version: s.version });
    }
    if (s.status === 'failed')
      event('release', id, executed, requester, { kind: 'releaseFailed', note: s.note ?? '', rolledBack: !!s.rolledBack });
    if (s.status === 'accepted') {
      for (const d of demands) {
        const at = new Date(accepted.getTime() - 4 * HOUR);
        await trx
          .insertInto('release_acceptances')
          .values({
            release_id: id,
            kind: 'requester',
            result: 'passed',
            comment: '功能符合预期，已在日常工作中使用',
            user_id: d.requester,
            created_at: at,
          })
          .execute();
        event('release', id, at, d.requester, { kind: 'releaseRemarked', result: 'passed', comment: '功能符合预期，已在日常工作中使用' });
      }
      await trx
        .insertInto('release_acceptances')
        .values({
          release_id: id,
          kind: 'analyst',
          result: 'passed',
          comment: '业务验证通过，运行稳定',
          user_id: requester,
          created_at: accepted,
        })
        .execute();
      event('release', id, accepted, requester, { kind: 'releaseAccepted', comment: '业务验证通过，运行稳定', demands: demands.length });
      for (const d of demands) {
        event('demand', d.id, accepted, requester, { kind: 'demandDelivered', releaseNumber: number });
        if (d.rated) event('demand', d.id, d.rated, d.requester, { kind: 'rated', stars: 5, comment: RATED_COMMENT });
      }
    }
  }
  count += await releaseShippedDemands(trx, { tz, manager, event, past: (d) => (d.getTime() < now.getTime() ? d : now) });
  for (let i = 0; i < events.length; i += 500)
    await trx
      .insertInto('activity')
      .values(events.slice(i, i + 500))
      .execute();
  return { releases: count, demands: demandIds.size };
}

/**
 * The demands module's demo ships demands (released, delivered, closed) without a release: give them
 * the releases that shipped them — one per system and business day, succeeded, and accepted once every
 * demand in it was delivered — so every shipped demand names its release and the calendar shows it.
 */
async function releaseShippedDemands(
  trx: Transaction<DB>,
  o: {
    tz: string;
    manager: number;
    event: (type: string, id: number, at: Date, actor: number | null, e: TimelineEvent) => void;
    past: (d: Date) => Date;
  },
): Promise<number> {
  const shipped = await trx
    .selectFrom('demands')
    .innerJoin('it_systems', 'it_systems.id', 'demands.system_id')
    .select([
      'demands.id',
      'demands.system_id',
      'demands.analyst_id',
      'demands.requester_id',
      'demands.released_at',
      'demands.delivered_at',
      'it_systems.code',
      'it_systems.name',
    ])
    .where('demands.released_at', 'is not', null)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('release_demands').select('demand_id').whereRef('release_demands.demand_id', '=', 'demands.id'))),
    )
    .orderBy('demands.released_at')
    .execute();
  const groups = new Map<string, typeof shipped>();
  for (const d of shipped) {
    const key = `${d.system_id}:${new Date((d.released_at as Date).getTime() + 8 * HOUR).toISOString().slice(0, 10)}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  let n = 0;
  for (const members of groups.values()) {
    const first = members[0] as (typeof shipped)[number];
    const executed = new Date(Math.max(...members.map((m) => (m.released_at as Date).getTime())));
    const start = new Date(executed.getTime() - HOUR);
    const created = new Date(start.getTime() - 6 * DAY);
    const decided = new Date(start.getTime() - 2 * DAY);
    const deliveredAll = members.every((m) => m.delivered_at);
    const accepted = deliveredAll ? new Date(Math.max(...members.map((m) => (m.delivered_at as Date).getTime()))) : null;
    const requester = first.analyst_id ?? o.manager;
    const version = `V${new Date(executed.getTime() + 8 * HOUR).toISOString().slice(2, 10).replaceAll('-', '.')}`;
    const number = await nextRecordNumber(trx, 'release', o.tz, o.past(created));
    const { id } = await trx
      .insertInto('releases')
      .values({
        number,
        title: `${first.name} ${version} 需求上线`,
        system_id: first.system_id,
        version_label: version,
        status: accepted ? 'accepted' : 'succeeded',
        risk: members.length > 2 ? 'medium' : 'low',
        window_start: start,
        window_end: new Date(start.getTime() + 3 * HOUR),
        plan: P,
        rollback_plan: R,
        requester_id: requester,
        approver_id: o.manager,
        approved_at: o.past(decided),
        executed_at: executed,
        result_note: '按计划完成发布，冒烟测试通过',
        accepted_at: accepted,
        version: accepted ? 5 : 4,
        created_at: o.past(created),
        updated_at: accepted ?? executed,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    n++;
    await trx
      .insertInto('release_demands')
      .values(members.map((m) => ({ release_id: id, demand_id: m.id })))
      .execute();
    await trx
      .insertInto('release_approvals')
      .values({ release_id: id, decision: 'approved', comment: '同意', decided_by: o.manager, decided_at: o.past(decided) })
      .execute();
    o.event('release', id, o.past(created), requester, { kind: 'created' });
    o.event('release', id, o.past(created), requester, { kind: 'stateChanged', from: 'draft', to: 'pending_approval' });
    o.event('release', id, o.past(decided), o.manager, { kind: 'releaseApproved', comment: '同意' });
    o.event('release', id, executed, requester, {
      kind: 'releaseSucceeded',
      note: '按计划完成发布，冒烟测试通过',
      demands: members.length,
    });
    for (const m of members)
      o.event('demand', m.id, m.released_at as Date, requester, { kind: 'demandReleased', releaseNumber: number, version });
    if (accepted) {
      // Each requester's remark first (one per person), then the analyst's acceptance.
      for (const person of new Set(members.map((m) => m.requester_id))) {
        const at = new Date(accepted.getTime() - 2 * HOUR);
        await trx
          .insertInto('release_acceptances')
          .values({ release_id: id, kind: 'requester', result: 'passed', comment: '已验证，符合预期', user_id: person, created_at: at })
          .execute();
        o.event('release', id, at, person, { kind: 'releaseRemarked', result: 'passed', comment: '已验证，符合预期' });
      }
      await trx
        .insertInto('release_acceptances')
        .values({ release_id: id, kind: 'analyst', result: 'passed', comment: '业务验证通过', user_id: requester, created_at: accepted })
        .execute();
      o.event('release', id, accepted, requester, { kind: 'releaseAccepted', comment: '业务验证通过', demands: members.length });
      for (const m of members)
        o.event('demand', m.id, m.delivered_at as Date, requester, { kind: 'demandDelivered', releaseNumber: number });
    }
  }
  return n;
}
