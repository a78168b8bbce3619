import {
  formatRecordNumber,
  type IncidentCategory,
  type IncidentLevel,
  incidentPriority,
  reviewRequiredFor,
  type TimelineEvent,
} from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { businessDay } from '../../platform/numbering/numbering.js';

/** mulberry32, as the other demos use. */
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

const MIN = 60_000;
const DAY = 86_400_000;

interface Template {
  title: string;
  category: IncidentCategory;
  system: string;
  impact: IncidentLevel;
  urgency: IncidentLevel;
  team: string;
  engineers: string[];
  resolution: string;
  cause: string;
  /** A monitoring alert: its alertname and severity (critical/warning/info). */
  alert?: { name: string; severity: 'critical' | 'warning' | 'info'; instance: string };
}

// Realistic events in the demo company's systems, each with who usually handles it.
const TEMPLATES: Template[] = [
  {
    title: 'ERP 订单接口响应超过 5 秒',
    category: 'performance',
    system: 'ERP',
    impact: 'medium',
    urgency: 'high',
    team: 'APP',
    engineers: ['machao', 'heyu'],
    resolution: '清理过期会话并重建订单表索引，接口恢复到 300 毫秒以内',
    cause: '订单表索引碎片过多，慢查询堆积',
    alert: { name: 'ErpApiHighLatency', severity: 'warning', instance: 'erp-app-01:9100' },
  },
  {
    title: 'POS 门店收银无法刷卡支付',
    category: 'service',
    system: 'POS',
    impact: 'high',
    urgency: 'high',
    team: 'APP',
    engineers: ['hulin', 'heyu'],
    resolution: '切换到备用支付通道，联系收单机构恢复主通道',
    cause: '收单机构证书到期未及时更新',
  },
  {
    title: '核心交换机端口 CRC 错误激增',
    category: 'network',
    system: 'NET',
    impact: 'medium',
    urgency: 'medium',
    team: 'INFRA',
    engineers: ['liuyang'],
    resolution: '更换光模块和跳线，端口错误计数归零',
    cause: '光模块老化',
    alert: { name: 'SwitchPortCrcErrors', severity: 'warning', instance: 'core-sw-01' },
  },
  {
    title: '企业邮箱外发邮件队列积压',
    category: 'service',
    system: 'MAIL',
    impact: 'medium',
    urgency: 'medium',
    team: 'INFRA',
    engineers: ['huanglei', 'zhangqiang'],
    resolution: '清理被退信的群发任务，恢复外发队列',
    cause: '某部门群发邮件触发对端限流',
    alert: { name: 'MailQueueBacklog', severity: 'warning', instance: 'mail-mta-02' },
  },
  {
    title: '数据库服务器磁盘使用率超过 90%',
    category: 'hardware',
    system: 'FIN',
    impact: 'medium',
    urgency: 'medium',
    team: 'INFRA',
    engineers: ['xuming'],
    resolution: '归档三年前的凭证附件并扩容数据盘 500 GB',
    cause: '归档作业停止运行两个月',
    alert: { name: 'NodeFilesystemAlmostFull', severity: 'warning', instance: 'fin-db-01:9100' },
  },
  {
    title: 'VPN 远程接入频繁掉线',
    category: 'network',
    system: 'VPN',
    impact: 'medium',
    urgency: 'low',
    team: 'INFRA',
    engineers: ['liuyang'],
    resolution: '调整 VPN 网关会话保持时间并升级客户端',
    cause: '网关会话超时配置过短',
  },
  {
    title: 'CRM 客户列表页打开空白',
    category: 'application',
    system: 'CRM',
    impact: 'low',
    urgency: 'medium',
    team: 'APP',
    engineers: ['guoqing'],
    resolution: '回滚前端静态资源版本，清理 CDN 缓存',
    cause: '前端发布遗漏一个脚本文件',
  },
  {
    title: '检测到异常登录：财务账号异地登录',
    category: 'security',
    system: 'FIN',
    impact: 'high',
    urgency: 'medium',
    team: 'INFRA',
    engineers: ['zhangqiang'],
    resolution: '冻结账号、重置密码并开启二次认证，排查无数据泄露',
    cause: '员工在钓鱼网站输入了密码',
    alert: { name: 'SuspiciousLoginGeo', severity: 'critical', instance: 'siem-01' },
  },
  {
    title: 'SCM 与仓储系统库存同步延迟',
    category: 'data',
    system: 'SCM',
    impact: 'medium',
    urgency: 'medium',
    team: 'APP',
    engineers: ['machao'],
    resolution: '重启消息消费者并补发积压的 1,200 条库存消息',
    cause: '消息消费者内存溢出后未自动拉起',
    alert: { name: 'KafkaConsumerLagHigh', severity: 'warning', instance: 'scm-mq-01' },
  },
  {
    title: 'OA 审批流程提交报错',
    category: 'application',
    system: 'OA',
    impact: 'low',
    urgency: 'low',
    team: 'APP',
    engineers: ['heyu', 'luoxin'],
    resolution: '修复表单字段长度校验并发布补丁',
    cause: '新增字段长度超过数据库定义',
  },
  {
    title: 'HR 系统考勤数据未按时导入',
    category: 'data',
    system: 'HR',
    impact: 'low',
    urgency: 'medium',
    team: 'APP',
    engineers: ['guoqing'],
    resolution: '手工补跑考勤导入任务，增加失败告警',
    cause: '考勤机厂商接口变更',
  },
  {
    title: '机房 UPS 电池自检失败',
    category: 'hardware',
    system: 'NET',
    impact: 'high',
    urgency: 'low',
    team: 'INFRA',
    engineers: ['zhangqiang', 'huanglei'],
    resolution: '更换两组老化电池，自检通过',
    cause: '电池超过使用年限',
    alert: { name: 'UpsBatteryTestFailed', severity: 'critical', instance: 'ups-dc-01' },
  },
  {
    title: 'DRP 分销补货单生成失败',
    category: 'application',
    system: 'DRP',
    impact: 'medium',
    urgency: 'medium',
    team: 'APP',
    engineers: ['hulin'],
    resolution: '修正门店主数据中的空值，重新生成补货单',
    cause: '新开门店主数据缺少配送中心',
  },
  {
    title: '办公网无线信号弱、频繁断开',
    category: 'network',
    system: 'NET',
    impact: 'low',
    urgency: 'medium',
    team: 'DESKTOP',
    engineers: ['liuyang', 'zhoujie'],
    resolution: '调整 AP 信道并在会议室新增一台 AP',
    cause: '相邻 AP 同信道干扰',
  },
  {
    title: 'SRM 供应商门户证书即将过期',
    category: 'security',
    system: 'SRM',
    impact: 'low',
    urgency: 'low',
    team: 'INFRA',
    engineers: ['huanglei'],
    resolution: '续签并部署新证书',
    cause: '证书到期提醒未覆盖该域名',
    alert: { name: 'SslCertExpiringSoon', severity: 'info', instance: 'srm-web-01' },
  },
];

const TICKET_TEMPLATES = [1, 5, 6, 9, 10, 13]; // the kinds of event users report first through a ticket

/**
 * The demo incidents: ~60 over the last 90 days across the demo company's systems — some from
 * monitoring alerts (fingerprints, labels, repeats), some from tickets (linked both ways), a P1 with a
 * completed review and action items, a P2 waiting for its review, a few open ones with demo engineers.
 * Written directly with their timelines; the SJ number sequences are advanced past them.
 */
export async function seedIncidentDemo(
  trx: Transaction<DB>,
  options: { now?: Date; seed?: number; timeZone?: string; count?: number } = {},
) {
  const now = options.now ?? new Date();
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const r = rng(options.seed ?? 20260302);
  const users = new Map(
    (await trx.selectFrom('users').select(['id', 'username', 'display_name', 'department_id']).execute()).map((u) => [u.username, u]),
  );
  const teams = new Map((await trx.selectFrom('teams').select(['id', 'code', 'name']).execute()).map((t) => [t.code, t]));
  const systems = new Map((await trx.selectFrom('it_systems').select(['id', 'code']).execute()).map((s) => [s.code, s.id]));
  const tickets = await trx
    .selectFrom('tickets')
    .select(['id', 'number'])
    .where('status', 'in', ['closed', 'resolved'])
    .orderBy('id', 'desc')
    .limit(40)
    .execute();
  const user = (name: string) => users.get(name) ?? users.get('liwei') ?? [...users.values()][0];
  const reporters = ['wangfang', 'chenjing', 'yangfan'];
  const count = options.count ?? 60;

  // Specific ones the screens need, then random ones; newest last.
  interface Plan {
    template: Template;
    daysAgo: number;
    status: 'new' | 'in_progress' | 'on_hold' | 'resolved' | 'closed' | 'cancelled';
    impact?: IncidentLevel;
    urgency?: IncidentLevel;
    fromTicket?: boolean;
    review?: 'completed' | 'draft';
  }
  const pinned: Plan[] = [
    { template: TEMPLATES[1] as Template, daysAgo: 21, status: 'closed', review: 'completed' },
    { template: TEMPLATES[3] as Template, daysAgo: 3, status: 'resolved', impact: 'high', urgency: 'medium', review: 'draft' },
    { template: TEMPLATES[0] as Template, daysAgo: 0.1, status: 'in_progress' },
    { template: TEMPLATES[7] as Template, daysAgo: 0.3, status: 'new' },
    { template: TEMPLATES[5] as Template, daysAgo: 1, status: 'on_hold' },
    { template: TEMPLATES[2] as Template, daysAgo: 0.05, status: 'new' },
    { template: TEMPLATES[12] as Template, daysAgo: 1.5, status: 'in_progress', fromTicket: true },
    { template: TEMPLATES[13] as Template, daysAgo: 0.6, status: 'in_progress', fromTicket: true },
  ];
  const plans: Plan[] = [...pinned];
  while (plans.length < count) {
    const template = r.pick(TEMPLATES);
    const daysAgo = 2 + r.next() * 88;
    const roll = r.next();
    plans.push({
      template,
      daysAgo,
      status: roll < 0.06 ? 'cancelled' : daysAgo < 6 && roll < 0.4 ? 'resolved' : 'closed',
      fromTicket: !template.alert && TICKET_TEMPLATES.includes(TEMPLATES.indexOf(template)) && r.next() < 0.6,
    });
  }
  plans.sort((a, b) => b.daysAgo - a.daysAgo);

  const seqByDay = new Map<string, number>();
  let ticketCursor = 0;
  let created = 0;
  for (const [index, plan] of plans.entries()) {
    const t = plan.template;
    const occurred = new Date(now.getTime() - plan.daysAgo * DAY - Math.floor(r.next() * 60) * MIN);
    const day = businessDay(occurred, timeZone);
    const seq = (seqByDay.get(day) ?? 0) + 1;
    seqByDay.set(day, seq);
    const number = formatRecordNumber('SJ', day, seq);
    const impact = plan.impact ?? t.impact;
    const urgency = plan.urgency ?? t.urgency;
    const priority = incidentPriority(impact, urgency);
    const team = teams.get(t.team);
    const engineer = user(r.pick(t.engineers));
    const reporterName = r.pick(reporters);
    const reporter = user(reporterName);
    const ticket = plan.fromTicket && !t.alert ? tickets[ticketCursor++ % Math.max(tickets.length, 1)] : undefined;
    const source = t.alert ? 'alert' : ticket ? 'ticket' : 'manual';
    const unassigned = plan.status === 'new' && index % 2 === 1;
    const assignee = unassigned ? null : engineer;
    // responded within 3–40 min (P1 faster), resolved after 0.5–30 h
    const respondMin = priority === 'P1' ? 3 + r.next() * 8 : 5 + r.next() * 35;
    const resolveMin = (priority === 'P1' ? 40 : priority === 'P2' ? 120 : 240) + r.next() * (priority === 'P4' ? 1800 : 600);
    const responded = plan.status === 'new' ? null : new Date(occurred.getTime() + respondMin * MIN);
    const finished = ['resolved', 'closed'].includes(plan.status);
    const resolved = finished ? new Date(Math.min(occurred.getTime() + resolveMin * MIN, now.getTime() - 10 * MIN)) : null;
    const closed =
      plan.status === 'closed'
        ? new Date(Math.min((resolved as Date).getTime() + (4 + r.next() * 40) * 60 * MIN, now.getTime() - 5 * MIN))
        : plan.status === 'cancelled'
          ? new Date(occurred.getTime() + 30 * MIN)
          : null;
    const fingerprint = t.alert
      ? `${(index * 2654435761).toString(16).padStart(8, '0').slice(-8)}${Math.floor(r.next() * 0xffffffff)
          .toString(16)
          .padStart(8, '0')}`
      : null;
    const labels = t.alert
      ? { alertname: t.alert.name, severity: t.alert.severity, instance: t.alert.instance, job: t.system.toLowerCase(), system: t.system }
      : null;
    const alertCount = t.alert ? 1 + Math.floor(r.next() * 6) : 0;
    const workMinutes = finished || plan.status === 'closed' ? 30 + Math.floor(r.next() * 8) * 15 : plan.status === 'new' ? 0 : 30;
    const row = await trx
      .insertInto('incidents')
      .values({
        number,
        title: t.title,
        description: t.alert
          ? `监控告警 ${t.alert.name} 触发（${t.alert.instance}）。\n\nalertname=${t.alert.name}\nseverity=${t.alert.severity}\ninstance=${t.alert.instance}\nsystem=${t.system}`
          : `${reporter?.display_name ?? ''}接到多名用户反映：${t.title}。`,
        source,
        category: t.category,
        impact,
        urgency,
        priority,
        status: plan.status,
        reporter_id: t.alert ? null : (reporter?.id ?? null),
        reporter_department_id: t.alert ? null : (reporter?.department_id ?? null),
        team_id: team?.id ?? null,
        assignee_id: assignee?.id ?? null,
        system_id: systems.get(t.system) ?? null,
        ticket_id: ticket?.id ?? null,
        alert_fingerprint: fingerprint,
        alert_labels: labels ? JSON.stringify(labels) : null,
        alert_count: alertCount,
        alert_last_at: t.alert ? new Date(occurred.getTime() + (alertCount - 1) * 5 * MIN) : null,
        occurred_at: occurred,
        responded_at: responded,
        resolved_at: resolved,
        closed_at: closed,
        resolution: finished ? t.resolution : null,
        cause: finished ? t.cause : null,
        work_minutes: workMinutes,
        review_required: reviewRequiredFor(priority),
        created_at: occurred,
        updated_at: closed ?? resolved ?? responded ?? occurred,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    created++;

    // The timeline, as the services would have written it.
    const entries: { at: Date; actor: number | null; event: TimelineEvent; internal?: boolean }[] = [];
    const systemActor = null;
    if (t.alert)
      entries.push({
        at: occurred,
        actor: systemActor,
        event: { kind: 'incidentFromAlert', alertname: t.alert.name, severity: t.alert.severity },
      });
    else if (ticket)
      entries.push({ at: occurred, actor: reporter?.id ?? null, event: { kind: 'incidentFromTicket', ticketNumber: ticket.number } });
    else entries.push({ at: occurred, actor: reporter?.id ?? null, event: { kind: 'created' } });
    entries.push({ at: new Date(occurred.getTime() + MIN), actor: reporter?.id ?? null, event: { kind: 'assigned', toTeam: team?.name } });
    for (let i = 1; i < alertCount; i++) {
      entries.push({ at: new Date(occurred.getTime() + i * 5 * MIN), actor: null, event: { kind: 'incidentAlertRepeated', count: i + 1 } });
    }
    if (responded && assignee) {
      entries.push({ at: responded, actor: assignee.id, event: { kind: 'stateChanged', from: 'new', to: 'in_progress' } });
      entries.push({ at: responded, actor: assignee.id, event: { kind: 'assigned', toUser: assignee.display_name } });
      entries.push({
        at: new Date(responded.getTime() + 10 * MIN),
        actor: assignee.id,
        event: { kind: 'commented', body: `已定位到${t.system}相关服务，正在处理。`, internal: true },
        internal: true,
      });
    }
    if (plan.status === 'on_hold' && assignee && responded) {
      entries.push({
        at: new Date(responded.getTime() + 30 * MIN),
        actor: assignee.id,
        event: { kind: 'stateChanged', from: 'in_progress', to: 'on_hold', reason: '等待运营商排查线路' },
      });
    }
    if (resolved && assignee) {
      entries.push({ at: resolved, actor: assignee.id, event: { kind: 'workLogged', minutes: workMinutes } });
      entries.push({ at: resolved, actor: assignee.id, event: { kind: 'stateChanged', from: 'in_progress', to: 'resolved' } });
      await trx
        .insertInto('incident_work_logs')
        .values({ incident_id: row.id, user_id: assignee.id, minutes: workMinutes, note: t.resolution, created_at: resolved })
        .execute();
    }
    if (plan.status === 'closed' && closed) {
      entries.push({ at: closed, actor: user('wangfang')?.id ?? null, event: { kind: 'stateChanged', from: 'resolved', to: 'closed' } });
    }
    if (plan.status === 'cancelled' && closed) {
      entries.push({
        at: closed,
        actor: user('wangfang')?.id ?? null,
        event: { kind: 'stateChanged', from: 'new', to: 'cancelled', reason: '与其他事件重复登记' },
      });
    }
    if (ticket) {
      await trx
        .insertInto('record_links')
        .values({
          from_type: 'incident',
          from_id: row.id,
          to_type: 'ticket',
          to_id: ticket.id,
          created_by: reporter?.id ?? null,
          created_at: occurred,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await trx
        .insertInto('activity')
        .values({
          record_type: 'ticket',
          record_id: ticket.id,
          at: occurred,
          actor_id: reporter?.id ?? null,
          kind: 'incidentRegistered',
          payload: JSON.stringify({ incidentNumber: number }),
        })
        .execute();
    }

    // Reviews: every closed P1/P2 has a completed one; the pinned P2 waits for its review (a draft).
    const needsReview = reviewRequiredFor(priority) && (plan.status === 'closed' || plan.review);
    if (needsReview && assignee) {
      const completed = plan.review !== 'draft';
      const reviewAt = new Date((resolved ?? occurred).getTime() + 2 * 60 * MIN);
      await trx
        .insertInto('incident_reviews')
        .values({
          incident_id: row.id,
          status: completed ? 'completed' : 'draft',
          summary: `${day} ${t.title}，影响${t.system}相关业务约 ${Math.round(resolveMin)} 分钟。`,
          narrative: completed
            ? `发生：${localHm(occurred, timeZone)}\n响应：${localHm(responded ?? occurred, timeZone)}\n恢复：${localHm(resolved ?? occurred, timeZone)}`
            : '',
          cause: completed ? t.cause : '',
          lessons: completed ? '监控覆盖和到期提醒需要纳入月度巡检清单；应急预案需每季度演练。' : '',
          completed_at: completed ? reviewAt : null,
          completed_by: completed ? assignee.id : null,
          updated_by: assignee.id,
          created_at: reviewAt,
          updated_at: reviewAt,
        })
        .execute();
      if (completed) {
        entries.push({ at: reviewAt, actor: assignee.id, event: { kind: 'incidentReviewCompleted' } });
        const owners = plan.review === 'completed' ? ['huanglei', 'hulin'] : [assignee.username ?? 'zhangqiang'];
        for (const [i, ownerName] of owners.entries()) {
          const owner = user(ownerName);
          if (!owner) continue;
          const due = new Date(reviewAt.getTime() + (i === 0 ? 30 : 10) * DAY);
          const done = plan.review === 'completed' ? i === 1 : due.getTime() < now.getTime();
          const title = i === 0 ? '建立证书与密钥到期统一台账，提前 30 天提醒' : '收银备用支付通道每月切换演练';
          await trx
            .insertInto('incident_review_actions')
            .values({
              incident_id: row.id,
              title: plan.review === 'completed' ? title : `落实复盘改进：${t.cause}`,
              owner_id: owner.id,
              due_date: businessDay(due, timeZone),
              done,
              done_at: done ? new Date(Math.min(due.getTime(), now.getTime() - DAY)) : null,
              created_by: assignee.id,
              created_at: reviewAt,
            })
            .execute();
        }
      } else {
        entries.push({ at: reviewAt, actor: assignee.id, event: { kind: 'incidentReviewSaved' } });
      }
    }
    entries.sort((a, b) => a.at.getTime() - b.at.getTime());
    await trx
      .insertInto('activity')
      .values(
        entries.map((e) => {
          const { kind, ...payload } = e.event;
          return {
            record_type: 'incident',
            record_id: row.id,
            at: e.at,
            actor_id: e.actor,
            kind,
            payload: JSON.stringify(payload),
            internal: e.internal ?? false,
          };
        }),
      )
      .execute();
  }

  // Numbers handed out later must not collide with the demo's.
  if (seqByDay.size) {
    await trx
      .insertInto('number_sequences')
      .values([...seqByDay].map(([day, last]) => ({ prefix: 'SJ', day, last })))
      .onConflict((oc) => oc.columns(['prefix', 'day']).doUpdateSet({ last: sql`greatest(number_sequences.last, excluded.last)` }))
      .execute();
  }
  // Alerts go to the infrastructure team unless an admin chooses otherwise.
  await trx
    .updateTable('incident_settings')
    .set({ default_team_id: teams.get('INFRA')?.id ?? null })
    .where('id', '=', 1)
    .execute();
  return { incidents: created };
}

function localHm(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}
