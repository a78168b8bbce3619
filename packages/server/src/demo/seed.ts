import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { rebuildTicketRollup } from '../modules/analytics/rollup.js';
import { backfillSlaOutcomes } from '../modules/analytics/sla-outcomes.js';
import { seedAssetDemo } from '../modules/assets/demo.js';
import { seedStocktakeDemo } from '../modules/assets/stocktake/demo.js';
import { seedCatalogDemo } from '../modules/catalog/service.js';
import { seedDemandDemo } from '../modules/demands/demo.js';
import { seedFaultDemo } from '../modules/faults/demo.js';
import { seedIncidentDemo } from '../modules/incidents/demo.js';
import { seedKnowledgeDemo } from '../modules/knowledge/demo.js';
import { seedReleaseDemo } from '../modules/releases/demo.js';
import { seedSparesDemo } from '../modules/spares/demo.js';
import { seedTicketDemo } from '../modules/tickets/demo.js';
import { writeAudit } from '../platform/audit/audit.js';
import { hashPassword } from '../platform/auth/password.js';

export const DEMO_PASSWORD = 'Shuyun@2026';

// code, name, parent code
const DEPARTMENTS: [string, string, string | null][] = [
  ['HQ', '数运示范集团', null],
  ['IT', '信息技术部', 'HQ'],
  ['IT-OPS', '运维组', 'IT'],
  ['IT-APP', '应用开发组', 'IT'],
  ['IT-SD', '服务台', 'IT'],
  ['FIN', '财务部', 'HQ'],
  ['HR', '人力资源部', 'HQ'],
  ['SALES', '销售部', 'HQ'],
  ['SALES-EAST', '华东大区', 'SALES'],
  ['SCM', '供应链中心', 'HQ'],
  ['RETAIL', '零售运营部', 'HQ'],
];

// username, name, department, title, roles, supervisor username
const USERS: [string, string, string, string, string[], string | null][] = [
  ['admin', '系统管理员', 'IT', '系统管理员', ['system_admin'], 'liwei'],
  ['secadmin', '安全管理员', 'IT', '信息安全专员', ['security_admin'], 'liwei'],
  ['auditor', '审计员', 'FIN', '内审专员', ['auditor'], 'zhaomin'],
  ['liwei', '李伟', 'IT', 'IT经理', ['it_manager'], null],
  ['wangfang', '王芳', 'IT-SD', '服务台主管', ['service_desk'], 'liwei'],
  ['chenjing', '陈静', 'IT-SD', '服务台专员', ['service_desk'], 'wangfang'],
  ['yangfan', '杨帆', 'IT-SD', '服务台专员', ['service_desk'], 'wangfang'],
  ['zhangqiang', '张强', 'IT-OPS', '运维组长', ['engineer'], 'liwei'],
  ['liuyang', '刘洋', 'IT-OPS', '网络工程师', ['engineer'], 'zhangqiang'],
  ['huanglei', '黄磊', 'IT-OPS', '系统工程师', ['engineer'], 'zhangqiang'],
  ['zhoujie', '周杰', 'IT-OPS', '桌面工程师', ['engineer'], 'zhangqiang'],
  ['wuhao', '吴昊', 'IT-OPS', '桌面工程师', ['engineer'], 'zhangqiang'],
  ['xuming', '徐明', 'IT-OPS', '数据库工程师', ['engineer'], 'zhangqiang'],
  ['sunli', '孙丽', 'IT-APP', '开发组长', ['engineer', 'project_manager'], 'liwei'],
  ['machao', '马超', 'IT-APP', 'ERP 顾问', ['analyst', 'engineer'], 'sunli'],
  ['hulin', '胡琳', 'IT-APP', 'POS 顾问', ['analyst', 'engineer'], 'sunli'],
  ['guoqing', '郭庆', 'IT-APP', 'CRM 顾问', ['analyst', 'engineer'], 'sunli'],
  ['heyu', '何雨', 'IT-APP', '开发工程师', ['engineer'], 'sunli'],
  ['luoxin', '罗欣', 'IT-APP', '测试工程师', ['engineer'], 'sunli'],
  ['gaofeng', '高峰', 'IT', '项目经理', ['project_manager'], 'liwei'],
  ['linna', '林娜', 'IT', '资产管理员', ['asset_admin'], 'liwei'],
  ['zhengkai', '郑凯', 'IT', '知识管理专员', ['knowledge_reviewer'], 'liwei'],
  ['zhaomin', '赵敏', 'FIN', '财务总监', ['supervisor'], null],
  ['qianhui', '钱慧', 'FIN', '会计', [], 'zhaomin'],
  ['fengyi', '冯怡', 'FIN', '出纳', [], 'zhaomin'],
  ['chuwen', '褚文', 'HR', '人力资源总监', ['supervisor'], null],
  ['weiting', '卫婷', 'HR', '招聘专员', [], 'chuwen'],
  ['jiangtao', '蒋涛', 'HR', '薪酬专员', [], 'chuwen'],
  ['shenbo', '沈波', 'SALES', '销售总监', ['supervisor'], null],
  ['hanxue', '韩雪', 'SALES-EAST', '华东大区经理', ['supervisor'], 'shenbo'],
  ['yangguang', '杨光', 'SALES-EAST', '客户经理', [], 'hanxue'],
  ['zhuli', '朱丽', 'SALES-EAST', '客户经理', [], 'hanxue'],
  ['qinfeng', '秦峰', 'SALES', '销售运营', [], 'shenbo'],
  ['youjia', '尤佳', 'SCM', '供应链总监', ['supervisor'], null],
  ['xuli', '许丽', 'SCM', '采购专员', [], 'youjia'],
  ['hejun', '何军', 'SCM', '仓储主管', [], 'youjia'],
  ['lvping', '吕萍', 'RETAIL', '零售运营总监', ['supervisor'], null],
  ['shiyu', '施雨', 'RETAIL', '门店店长', [], 'lvping'],
  ['zhangmin', '张敏', 'RETAIL', '门店店员', [], 'shiyu'],
  ['kongyi', '孔怡', 'RETAIL', '督导', [], 'lvping'],
];

const TEAMS: [string, string, string, string, string[]][] = [
  ['SD', '服务台', '一线受理、派单与回访', 'wangfang', ['wangfang', 'chenjing', 'yangfan']],
  ['DESKTOP', '桌面支持组', '电脑、打印机、账号与办公软件', 'zhoujie', ['zhoujie', 'wuhao', 'liuyang']],
  ['INFRA', '基础设施组', '服务器、存储、网络与数据库', 'zhangqiang', ['zhangqiang', 'liuyang', 'huanglei', 'xuming']],
  ['APP', '应用支持组', 'ERP、POS、CRM 等业务系统', 'sunli', ['sunli', 'machao', 'hulin', 'guoqing', 'heyu', 'luoxin']],
];

// code, name, domain, owner, analyst, criticality, availability target
const SYSTEMS: [string, string, string, string, string, 'high' | 'medium' | 'low', number][] = [
  ['ERP', 'ERP 企业资源计划', '财务与供应链', 'sunli', 'machao', 'high', 99.9],
  ['POS', 'POS 门店收银', '零售', 'sunli', 'hulin', 'high', 99.95],
  ['CRM', 'CRM 客户关系管理', '营销', 'sunli', 'guoqing', 'medium', 99.5],
  ['DRP', 'DRP 分销管理', '零售', 'sunli', 'hulin', 'medium', 99.5],
  ['SCM', 'SCM 供应链管理', '供应链', 'sunli', 'machao', 'high', 99.9],
  ['SRM', 'SRM 供应商管理', '供应链', 'sunli', 'machao', 'medium', 99.5],
  ['HR', 'HR 人力资源系统', '人力资源', 'sunli', 'guoqing', 'medium', 99.5],
  ['FIN', '财务核算系统', '财务', 'sunli', 'machao', 'high', 99.9],
  ['MAIL', '企业邮箱', '办公协同', 'zhangqiang', 'guoqing', 'high', 99.9],
  ['OA', 'OA 协同办公', '办公协同', 'zhangqiang', 'guoqing', 'medium', 99.5],
  ['NET', '企业网络', '基础设施', 'zhangqiang', 'liuyang', 'high', 99.95],
  ['VPN', 'VPN 远程接入', '基础设施', 'zhangqiang', 'liuyang', 'medium', 99.5],
];

/** Loads the demo company: departments, people in every role, support teams and IT systems. */
export async function seedDemo(db: Database, options: { tickets?: number } = {}) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const deptIds = new Map<string, number>();
    for (const [code, name, parent] of DEPARTMENTS) {
      const parentId = parent ? (deptIds.get(parent) ?? null) : null;
      const parentPath = parentId
        ? (await trx.selectFrom('departments').select('path').where('id', '=', parentId).executeTakeFirstOrThrow()).path
        : '/';
      const { id } = await trx
        .insertInto('departments')
        .values({ name, code, parent_id: parentId, path: parentPath })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('departments')
        .set({ path: `${parentPath}${id}/` })
        .where('id', '=', id)
        .execute();
      deptIds.set(code, id);
    }
    const userIds = new Map<string, number>();
    let n = 0;
    for (const [username, name, dept, title] of USERS) {
      n++;
      const { id } = await trx
        .insertInto('users')
        .values({
          username,
          display_name: name,
          employee_no: `E${String(1000 + n)}`,
          email: `${username}@shuyun-demo.cn`,
          phone: `139${String(10_000_000 + n * 7919).slice(0, 8)}`,
          department_id: deptIds.get(dept) ?? null,
          title,
          password_hash: passwordHash,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      userIds.set(username, id);
    }
    const roles = new Map((await trx.selectFrom('roles').select(['id', 'key']).execute()).map((r) => [r.key, r.id]));
    for (const [username, , , , roleKeys, supervisor] of USERS) {
      const userId = userIds.get(username) as number;
      if (supervisor)
        await trx
          .updateTable('users')
          .set({ supervisor_id: userIds.get(supervisor) })
          .where('id', '=', userId)
          .execute();
      for (const key of ['requester', ...roleKeys]) {
        await trx
          .insertInto('user_roles')
          .values({ user_id: userId, role_id: roles.get(key) as number, scope: null })
          .execute();
      }
    }
    const heads: Record<string, string> = {
      IT: 'liwei',
      'IT-SD': 'wangfang',
      'IT-OPS': 'zhangqiang',
      'IT-APP': 'sunli',
      FIN: 'zhaomin',
      HR: 'chuwen',
      SALES: 'shenbo',
      'SALES-EAST': 'hanxue',
      SCM: 'youjia',
      RETAIL: 'lvping',
    };
    for (const [dept, head] of Object.entries(heads)) {
      await trx
        .updateTable('departments')
        .set({ manager_id: userIds.get(head) })
        .where('id', '=', deptIds.get(dept) as number)
        .execute();
    }
    for (const [code, name, description, lead, members] of TEAMS) {
      const { id } = await trx
        .insertInto('teams')
        .values({ code, name, description, lead_id: userIds.get(lead) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('team_members')
        .values(members.map((m) => ({ team_id: id, user_id: userIds.get(m) as number })))
        .execute();
    }
    for (const [code, name, domain, owner, analyst, criticality, target] of SYSTEMS) {
      await trx
        .insertInto('it_systems')
        .values({
          code,
          name,
          business_domain: domain,
          owner_id: userIds.get(owner),
          analyst_id: userIds.get(analyst),
          criticality,
          availability_target: target,
          description: `${name}（演示数据）`,
        })
        .execute();
    }
    const catalog = await seedCatalogDemo(trx);
    await seedAssignmentRules(trx);
    const tickets = await seedTicketDemo(trx, { count: options.tickets ?? 3000 });
    // The demo year was written directly, not through the ticket services: derive what they would have.
    await backfillSlaOutcomes(trx);
    await rebuildTicketRollup(trx);
    const knowledge = await seedKnowledgeDemo(trx);
    const assets = await seedAssetDemo(trx);
    const spares = await seedSparesDemo(trx);
    // Stocktakes count the asset register's demo assets: seed after them (alone, it brings a few of its own).
    const stocktakes = await seedStocktakeDemo(trx);
    const demands = await seedDemandDemo(trx);
    // Releases bring a few demands of their own and ship the demands demo's released ones: after the demands.
    const releases = await seedReleaseDemo(trx);
    const incidents = await seedIncidentDemo(trx);
    const faults = await seedFaultDemo(trx);
    const summary = {
      departments: DEPARTMENTS.length,
      users: USERS.length,
      teams: TEAMS.length,
      systems: SYSTEMS.length,
      catalogItems: catalog.items,
      tickets: tickets.tickets,
      knowledgeArticles: knowledge.articles,
      assets: assets.assets,
      spareItems: spares.items,
      stocktakes: stocktakes.stocktakes,
      demands: demands.demands,
      releases: releases.releases,
      incidents: incidents.incidents,
      faults: faults.faults,
    };
    await writeAudit(
      trx,
      { actor: null, ip: null, userAgent: 'shuyun seed-demo' },
      { action: 'import', objectType: 'user', actorName: 'seed-demo', after: summary },
    );
    return summary;
  });
}

/** Routing the demo desk uses: keywords to the team that knows them. */
async function seedAssignmentRules(trx: Transaction<DB>) {
  const teams = new Map((await trx.selectFrom('teams').select(['id', 'code']).execute()).map((t) => [t.code, t.id]));
  const rules: [string, string[], string, 'round_robin' | 'least_loaded'][] = [
    ['打印机与电脑', ['打印机', '打印', '电脑', '蓝屏', '显示器', 'printer'], 'DESKTOP', 'round_robin'],
    ['网络与远程接入', ['网络', 'VPN', 'Wi-Fi', 'wifi', '断网'], 'INFRA', 'least_loaded'],
    ['业务系统', ['ERP', 'POS', 'CRM', '收银', '报表'], 'APP', 'least_loaded'],
  ];
  for (const [index, [name, keywords, team, strategy]] of rules.entries()) {
    const teamId = teams.get(team);
    if (teamId) await trx.insertInto('assignment_rules').values({ name, keywords, team_id: teamId, strategy, sort_order: index }).execute();
  }
}
