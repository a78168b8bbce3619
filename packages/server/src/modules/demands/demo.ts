import type { DemandKind, DemandStatus, TimelineEvent } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { businessDay } from '../../platform/numbering/numbering.js';

/** A small deterministic PRNG (mulberry32), as the other demos use. */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}

// system code, kind, title, background
const TOPICS: [string, DemandKind, string, string][] = [
  ['POS', 'new_feature', 'POS 支持会员积分抵现', '门店反映顾客希望结账时用会员积分抵扣部分金额，目前只能到服务台人工处理，排队时间长。'],
  ['POS', 'change', 'POS 小票增加电子发票二维码', '顾客扫码即可自助开具电子发票，减少门店手工开票工作量。'],
  ['POS', 'report', '门店时段客流与销售对比报表', '店长需要按小时查看客流与销售额，以便安排排班。'],
  ['POS', 'change', 'POS 退货流程增加店长授权', '大额退货需店长刷卡授权，防范退货舞弊。'],
  ['DRP', 'new_feature', 'DRP 门店自动补货建议', '根据近四周销量和安全库存自动生成门店补货建议单，减少人工下单。'],
  ['DRP', 'report', '分销商月度返利计算报表', '财务每月手工计算分销商返利，耗时两天，希望系统自动出具。'],
  ['ERP', 'change', 'ERP 采购订单审批增加金额分级', '采购金额 50 万以上需总经理审批，现有流程只有一级审批。'],
  ['ERP', 'data', 'ERP 物料主数据清洗', '物料编码重复、单位不一致，影响成本核算，需要批量清洗。'],
  ['ERP', 'new_feature', 'ERP 与电子签章平台对接', '采购合同在线签署，合同状态回写 ERP。'],
  ['ERP', 'report', '月末存货跌价准备计算表', '财务月结需要按库龄自动计算存货跌价准备。'],
  ['CRM', 'new_feature', 'CRM 客户拜访记录移动端录入', '客户经理在外拜访时希望用手机记录拜访内容和照片。'],
  ['CRM', 'change', 'CRM 商机阶段增加赢单概率', '销售总监需要按赢单概率加权预测季度业绩。'],
  ['CRM', 'report', '华东大区客户贡献度排名', '按客户统计近 12 个月销售额与毛利，识别重点客户。'],
  ['SCM', 'new_feature', 'SCM 供应商送货预约', '仓库收货高峰拥堵，希望供应商提前预约送货时段。'],
  ['SCM', 'change', 'SCM 入库单支持批次与效期', '食品类商品需要按批次和效期管理，先到期先出库。'],
  ['SRM', 'new_feature', 'SRM 供应商年度绩效评估', '采购部每年手工汇总供应商交期、质量、价格评分，希望系统化。'],
  ['SRM', 'data', '供应商资质证照到期提醒数据初始化', '导入现有供应商的营业执照、许可证到期日。'],
  ['HR', 'new_feature', 'HR 系统员工电子入职', '新员工在手机上填写入职信息、上传证件，减少纸质材料。'],
  ['HR', 'report', '月度人员异动统计报表', '人力资源部每月需统计入职、离职、调岗人数，按部门汇总。'],
  ['HR', 'change', '考勤规则支持门店弹性排班', '门店员工按排班表打卡，现有考勤只支持固定班次。'],
  ['FIN', 'change', '费用报销增加预算占用校验', '报销时自动校验部门预算余额，超预算需要财务总监审批。'],
  ['FIN', 'report', '资金日报自动生成', '出纳每天手工汇总各银行账户余额，希望系统自动出具资金日报。'],
  ['FIN', 'data', '历史凭证附件迁移', '2023 年以前的凭证附件在旧文件服务器上，需要迁移并关联凭证。'],
  ['OA', 'new_feature', 'OA 会议室预约与门禁联动', '预约会议室后自动开通门禁权限，会后自动收回。'],
  ['OA', 'change', 'OA 公文流转增加移动端签批', '领导出差时需在手机上签批公文。'],
  ['MAIL', 'other', '企业邮箱扩容与归档策略调整', '部分管理人员邮箱已满，需要扩容并设置自动归档。'],
];

// requester username → department head who approves (as the org chart says)
const REQUESTERS = [
  'qianhui',
  'fengyi',
  'weiting',
  'jiangtao',
  'yangguang',
  'zhuli',
  'qinfeng',
  'xuli',
  'hejun',
  'shiyu',
  'zhangmin',
  'kongyi',
];
const DEVELOPERS = ['heyu', 'luoxin', 'sunli', 'machao', 'hulin', 'guoqing'];
const TASKS = ['需求细化与原型', '后端接口开发', '前端页面开发', '数据库脚本', '联调测试', '用户培训材料'];

// the mix of states: where each demo demand has got to
const STATES: DemandStatus[] = [
  ...Array<DemandStatus>(8).fill('submitted'),
  ...Array<DemandStatus>(8).fill('accepted'),
  ...Array<DemandStatus>(8).fill('pending_approval'),
  ...Array<DemandStatus>(16).fill('implementing'),
  ...Array<DemandStatus>(7).fill('released'),
  ...Array<DemandStatus>(7).fill('delivered'),
  ...Array<DemandStatus>(18).fill('closed'),
  ...Array<DemandStatus>(6).fill('rejected'),
  ...Array<DemandStatus>(2).fill('cancelled'),
];
const ORDER: DemandStatus[] = ['submitted', 'accepted', 'pending_approval', 'implementing', 'released', 'delivered', 'closed'];

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * ~80 demands over the last six months in every state, written directly with consistent stage times,
 * timelines, tasks, work logs and test rounds. Released and delivered ones have no release rows (the
 * releases demo links some). Fixed cases for the journeys: 张敏's demand waits for 吕萍's approval
 * (on the phone), and one of 张敏's delivered demands waits for her rating.
 */
export async function seedDemandDemo(trx: Transaction<DB>, now = new Date()) {
  const r = rng(20260419);
  const users = new Map((await trx.selectFrom('users').select(['id', 'username', 'department_id']).execute()).map((u) => [u.username, u]));
  const systems = new Map((await trx.selectFrom('it_systems').select(['id', 'code', 'analyst_id']).execute()).map((s) => [s.code, s]));
  const departments = await trx.selectFrom('departments').select(['id', 'path', 'manager_id']).execute();
  if (!users.has('zhangmin') || !systems.has('POS')) return { demands: 0 };
  const headOf = (departmentId: number | null, requesterId: number): number | null => {
    const mine = departments.find((d) => d.id === departmentId);
    if (!mine) return null;
    const above = departments
      .filter((d) => mine.path.startsWith(d.path) && d.path !== '/' && d.manager_id && d.manager_id !== requesterId)
      .sort((a, b) => b.path.length - a.path.length);
    return above[0]?.manager_id ?? null;
  };
  const id = (username: string) => (users.get(username) as { id: number }).id;
  const sequence = new Map<string, number>();
  let count = 0;

  const plan = STATES.map((status, i) => ({ status, i }));
  // the journeys' fixed cases first
  const fixed: { status: DemandStatus; requester: string; topic: number; ageDays: number }[] = [
    { status: 'pending_approval', requester: 'zhangmin', topic: 0, ageDays: 6 },
    { status: 'delivered', requester: 'zhangmin', topic: 1, ageDays: 40 },
  ];
  for (const entry of [
    ...fixed.map((f) => ({ ...f, fixed: true })),
    ...plan.map((p) => ({
      status: p.status,
      requester: r.pick(REQUESTERS),
      topic: Math.floor(r.next() * TOPICS.length),
      ageDays: 3 + Math.floor(r.next() * 175),
      fixed: false,
    })),
  ]) {
    const [code, kind, title, background] = TOPICS[entry.topic] as (typeof TOPICS)[number];
    const system = systems.get(code);
    const requester = users.get(entry.requester);
    if (!system?.analyst_id || !requester) continue;
    const status = entry.status;
    // Later stages need older demands, so that every stage has had time to happen.
    const reach = status === 'rejected' || status === 'cancelled' ? 1 : ORDER.indexOf(status);
    const ageDays = Math.max(entry.ageDays, reach * 14 + 4);
    const created = new Date(now.getTime() - ageDays * DAY + Math.floor(r.next() * 8) * HOUR);
    const day = businessDay(created, 'Asia/Shanghai');
    const n = (sequence.get(day) ?? 0) + 1;
    sequence.set(day, n);
    const number = `XQ${day.replaceAll('-', '')}-${String(n).padStart(4, '0')}`;
    const analyst = system.analyst_id;
    const supervisor = headOf(requester.department_id, requester.id);
    const events: { at: Date; actor: number | null; event: TimelineEvent }[] = [
      { at: created, actor: requester.id, event: { kind: 'created' } },
    ];
    const stage = (from: Date, minDays: number, spread: number) => new Date(from.getTime() + (minDays + r.next() * spread) * DAY);
    const expected = new Date(created.getTime() + (30 + Math.floor(r.next() * 60)) * DAY);
    const values: Record<string, unknown> = {};
    let current = 'submitted' as DemandStatus;
    const move = (to: DemandStatus, at: Date, actor: number | null, reason?: string) => {
      events.push({ at, actor, event: { kind: 'stateChanged', from: current, to, ...(reason ? { reason } : {}) } });
      current = to;
    };
    const ladder = status === 'rejected' || status === 'cancelled' ? 0 : ORDER.indexOf(status);
    let at = created;
    if (status === 'cancelled') move('cancelled', stage(at, 0.1, 1), requester.id);
    if (status === 'rejected' && r.next() < 0.5) {
      at = stage(at, 0.2, 2);
      values.reject_reason = '该需求可通过现有功能实现，已电话沟通操作方法';
      move('rejected', at, analyst, values.reject_reason as string);
    } else if (ladder >= 1 || status === 'rejected') {
      at = stage(at, 0.1, 2.5);
      values.accepted_at = at;
      move('accepted', at, analyst);
    }
    if (ladder >= 2 || (status === 'rejected' && current === 'accepted')) {
      at = stage(at, 1, 6);
      const effort = Math.round((3 + r.next() * 30) * 2) / 2;
      const planned = new Date(at.getTime() + (20 + effort * 1.5) * DAY);
      Object.assign(values, {
        solution: `在${code}系统中实现：${title.replace(/^\S+ /, '')}。方案包括需求细化、开发、测试和上线培训，上线前在测试环境验证。`,
        effort_days: effort,
        planned_date: businessDay(planned, 'Asia/Shanghai'),
        cost: Math.round(effort * 1800),
        evaluated_at: at,
        supervisor_id: supervisor,
      });
      events.push({
        at,
        actor: analyst,
        event: { kind: 'demandEvaluated', effortDays: effort, plannedDate: values.planned_date as string },
      });
      move('pending_approval', at, analyst);
    }
    if (status === 'rejected' && current === 'pending_approval') {
      at = stage(at, 0.5, 3);
      values.reject_reason = '本年度预算已用完，明年一季度再评估';
      move('rejected', at, supervisor, values.reject_reason as string);
    }
    if (ladder >= 3) {
      at = stage(at, 0.3, 4);
      values.approved_at = at;
      move('implementing', at, supervisor);
    }
    if (ladder >= 4) {
      // Most are released by the planned date, some late.
      const planned = new Date(`${values.planned_date as string}T10:00:00+08:00`);
      at = new Date(
        Math.min(
          now.getTime() - (ladder - 3) * 3 * DAY,
          Math.max(at.getTime() + 7 * DAY, planned.getTime() - (r.next() < 0.75 ? 5 : -6) * DAY),
        ),
      );
      values.released_at = at;
      move('released', at, null);
    }
    if (ladder >= 5) {
      // One still waiting for its rating was delivered within the last days: the hourly auto-close
      // (DEMAND_AUTO_CLOSE_DAYS, 7 by default) would otherwise close it as unrated soon after seeding.
      at =
        ladder === 5
          ? new Date(now.getTime() - (1 + r.next() * 4) * DAY)
          : new Date(Math.min(now.getTime() - (ladder - 4) * 8 * DAY, at.getTime() + (1 + r.next() * 4) * DAY));
      values.delivered_at = at;
      move('delivered', at, analyst);
    }
    if (ladder >= 6) {
      at = new Date(Math.min(now.getTime() - DAY, at.getTime() + (1 + r.next() * 5) * DAY));
      const rating = r.next() < 0.08 ? 2 : r.next() < 0.6 ? 5 : 4;
      Object.assign(values, {
        rating,
        rating_comment: rating >= 4 ? '上线后使用顺畅，感谢 IT 的支持' : '上线比计划晚，部分功能还需优化',
        rated_at: at,
        closed_at: at,
      });
      events.push({ at, actor: requester.id, event: { kind: 'rated', stars: rating, comment: values.rating_comment as string } });
      move('closed', at, requester.id);
    }
    const { id: demandId } = await trx
      .insertInto('demands')
      .values({
        number,
        title,
        background,
        system_id: system.id,
        kind,
        status,
        requester_id: requester.id,
        requester_department_id: requester.department_id,
        analyst_id: analyst,
        expected_date: businessDay(expected, 'Asia/Shanghai'),
        progress: ladder >= 4 ? 100 : 0,
        created_at: created,
        updated_at: at,
        ...values,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    count++;
    if (ladder >= 3) await seedImplementation(trx, r, demandId, values.approved_at as Date, ladder >= 4 ? null : now, id, events);
    await trx
      .insertInto('activity')
      .values(
        events.map((e) => {
          const { kind: eventKind, ...payload } = e.event;
          return {
            record_type: 'demand',
            record_id: demandId,
            at: e.at,
            actor_id: e.actor,
            kind: eventKind,
            payload: JSON.stringify(payload),
          };
        }),
      )
      .execute();
  }
  if (sequence.size)
    await trx
      .insertInto('number_sequences')
      .values([...sequence].map(([day, last]) => ({ prefix: 'XQ', day, last })))
      .onConflict((oc) => oc.columns(['prefix', 'day']).doUpdateSet({ last: sql`greatest(number_sequences.last, excluded.last)` }))
      .execute();
  return { demands: count };
}

/** Tasks, work logs and test rounds of an approved demand; still implementing (`until` set) means some tasks open. */
async function seedImplementation(
  trx: Transaction<DB>,
  r: ReturnType<typeof rng>,
  demandId: number,
  approvedAt: Date,
  until: Date | null,
  id: (username: string) => number,
  events: { at: Date; actor: number | null; event: TimelineEvent }[],
) {
  const lead = id('sunli');
  const taskCount = 2 + Math.floor(r.next() * 3);
  const end = until ?? new Date(approvedAt.getTime() + 20 * DAY);
  const span = Math.max(DAY, end.getTime() - approvedAt.getTime());
  let doneHours = 0;
  let totalHours = 0;
  for (let k = 0; k < taskCount; k++) {
    const developer = DEVELOPERS[Math.floor(r.next() * DEVELOPERS.length)] as string;
    const hours = 4 * (2 + Math.floor(r.next() * 8));
    const status = until ? (k === 0 ? 'done' : r.next() < 0.4 ? 'done' : r.next() < 0.6 ? 'doing' : 'todo') : 'done';
    const at = new Date(approvedAt.getTime() + (k + 1) * 2 * HOUR);
    const title = TASKS[k] as string;
    const task = await trx
      .insertInto('demand_tasks')
      .values({
        demand_id: demandId,
        title,
        developer_id: id(developer),
        estimate_hours: hours,
        due_date: businessDay(new Date(approvedAt.getTime() + (7 + k * 5) * DAY), 'Asia/Shanghai'),
        status,
        done_at: status === 'done' ? new Date(Math.min(end.getTime(), at.getTime() + span * 0.6)) : null,
        created_by: lead,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    events.push({ at, actor: lead, event: { kind: 'demandTaskAdded', title, developer: developer, hours } });
    totalHours += hours;
    if (status === 'done') doneHours += hours;
    const logged = status === 'todo' ? 0 : status === 'doing' ? hours / 2 : hours;
    for (let h = 0, day = 0; h < logged; day++) {
      const chunk = Math.min(logged - h, 4 + Math.floor(r.next() * 3));
      const workDate = businessDay(new Date(Math.min(end.getTime(), at.getTime() + (day + 1) * DAY)), 'Asia/Shanghai');
      await trx
        .insertInto('demand_work_logs')
        .values({
          demand_id: demandId,
          task_id: task.id,
          user_id: id(developer),
          work_date: workDate,
          hours: chunk,
          note: `${title}`,
          created_by: id(developer),
        })
        .execute();
      h += chunk;
    }
  }
  // Names in the task events are display names (written as the services write them).
  for (const e of events) {
    if (e.event.kind === 'demandTaskAdded') {
      const row = await trx.selectFrom('users').select('display_name').where('username', '=', e.event.developer).executeTakeFirst();
      if (row) e.event = { ...e.event, developer: row.display_name };
    }
  }
  const rounds = until ? (doneHours / totalHours > 0.5 ? 1 : 0) : 1 + Math.floor(r.next() * 2);
  for (let round = 1; round <= rounds; round++) {
    const cases = 20 + Math.floor(r.next() * 60);
    const last = round === rounds && !until;
    const failed = last ? 0 : Math.floor(cases * (0.05 + r.next() * 0.15));
    const testedOn = new Date(Math.min(end.getTime() - DAY, approvedAt.getTime() + span * (0.6 + round * 0.15)));
    await trx
      .insertInto('demand_tests')
      .values({
        demand_id: demandId,
        round,
        cases_run: cases,
        passed: cases - failed,
        failed,
        defects: failed ? Math.max(1, Math.floor(failed * 0.7)) : 0,
        result: failed ? 'fail' : 'pass',
        tester_id: id('luoxin'),
        tested_on: businessDay(testedOn, 'Asia/Shanghai'),
        note: failed ? '部分边界场景未通过，已提交缺陷' : '回归通过，可以上线',
        created_by: id('luoxin'),
      })
      .execute();
    events.push({
      at: testedOn,
      actor: id('luoxin'),
      event: {
        kind: 'demandTestRegistered',
        round,
        result: failed ? 'fail' : 'pass',
        passed: cases - failed,
        failed,
        defects: failed ? Math.max(1, Math.floor(failed * 0.7)) : 0,
      },
    });
  }
  if (until)
    await trx
      .updateTable('demands')
      .set({ progress: Math.round((100 * doneHours) / totalHours) })
      .where('id', '=', demandId)
      .execute();
}
