import type { BuiltinRoleKey } from '@shuyun/shared';
import { GIVEN, SURNAMES, TITLES } from './names.js';
import type { Rng } from './prng.js';

export type Region = 'east' | 'north' | 'south' | 'central' | 'west';
type Kind = keyof typeof TITLES | 'it';

// code, name, parent, region, share of the staff, kind. HR, IT and RETAIL are the codes the demo
// catalogue's department-only items name; SD, DESKTOP, INFRA and APP the team codes it routes to.
const DEPARTMENTS: [string, string, string | null, Region, number, Kind][] = [
  ['HQ', '数运集团', null, 'east', 2, 'staff'],
  ['IT', '信息技术部', 'HQ', 'east', 0, 'it'],
  ['IT-SD', '服务台', 'IT', 'east', 0, 'it'],
  ['IT-OPS', '运维部', 'IT', 'east', 0, 'it'],
  ['IT-APP', '应用开发部', 'IT', 'east', 0, 'it'],
  ['IT-SEC', '信息安全部', 'IT', 'east', 0, 'it'],
  ['FIN', '财务部', 'HQ', 'east', 4, 'staff'],
  ['HR', '人力资源部', 'HQ', 'east', 3, 'staff'],
  ['ADMIN', '行政部', 'HQ', 'east', 2, 'staff'],
  ['LEGAL', '法务部', 'HQ', 'east', 1, 'staff'],
  ['MKT', '市场部', 'HQ', 'east', 3, 'staff'],
  ['QA', '质量管理部', 'HQ', 'central', 2, 'staff'],
  ['CS', '客服中心', 'HQ', 'central', 5, 'staff'],
  ['SALES', '销售部', 'HQ', 'east', 1, 'sales'],
  ['SALES-EAST', '华东大区', 'SALES', 'east', 6, 'sales'],
  ['SALES-NORTH', '华北大区', 'SALES', 'north', 5, 'sales'],
  ['SALES-SOUTH', '华南大区', 'SALES', 'south', 5, 'sales'],
  ['SALES-CENTRAL', '华中大区', 'SALES', 'central', 4, 'sales'],
  ['SALES-WEST', '西南大区', 'SALES', 'west', 4, 'sales'],
  ['SCM', '供应链中心', 'HQ', 'east', 1, 'staff'],
  ['SCM-PUR', '采购部', 'SCM', 'east', 3, 'staff'],
  ['SCM-LOG', '物流部', 'SCM', 'central', 4, 'staff'],
  ['SCM-WH', '仓储部', 'SCM', 'central', 4, 'staff'],
  ['RETAIL', '零售运营部', 'HQ', 'east', 2, 'retail'],
  ['RETAIL-SH', '上海门店', 'RETAIL', 'east', 8, 'retail'],
  ['RETAIL-HZ', '杭州门店', 'RETAIL', 'east', 5, 'retail'],
  ['RETAIL-BJ', '北京门店', 'RETAIL', 'north', 7, 'retail'],
  ['RETAIL-TJ', '天津门店', 'RETAIL', 'north', 4, 'retail'],
  ['RETAIL-GZ', '广州门店', 'RETAIL', 'south', 6, 'retail'],
  ['RETAIL-SZ', '深圳门店', 'RETAIL', 'south', 6, 'retail'],
  ['RETAIL-WH', '武汉门店', 'RETAIL', 'central', 5, 'retail'],
  ['RETAIL-CD', '成都门店', 'RETAIL', 'west', 5, 'retail'],
  ['RETAIL-CQ', '重庆门店', 'RETAIL', 'west', 4, 'retail'],
  ['MFG', '生产制造中心', 'HQ', 'central', 1, 'factory'],
  ['MFG-SZ', '苏州工厂', 'MFG', 'east', 8, 'factory'],
  ['MFG-WH', '武汉工厂', 'MFG', 'central', 7, 'factory'],
  ['RD', '研发中心', 'HQ', 'east', 1, 'rd'],
  ['RD-PROD', '产品部', 'RD', 'east', 3, 'rd'],
  ['RD-DEV1', '研发一部', 'RD', 'east', 5, 'rd'],
  ['RD-DEV2', '研发二部', 'RD', 'east', 5, 'rd'],
  ['RD-TEST', '测试部', 'RD', 'east', 3, 'rd'],
];

// code, name, description, department, people at 5,000 staff, role of its members, regions served.
// 500 people handle tickets at 5,000 staff: the mixed workload has 500 agents.
export const TEAMS: [string, string, string, string, number, BuiltinRoleKey, Region[]][] = [
  ['SD', '服务台', '一线受理、派单与回访', 'IT-SD', 72, 'service_desk', []],
  ['DESKTOP', '桌面支持组（华东）', '华东区电脑、打印机、外设', 'IT-OPS', 70, 'engineer', ['east']],
  ['DESKTOP-N', '桌面支持组（华北）', '华北区电脑、打印机、外设', 'IT-OPS', 45, 'engineer', ['north']],
  ['DESKTOP-S', '桌面支持组（华南）', '华南区电脑、打印机、外设', 'IT-OPS', 45, 'engineer', ['south']],
  ['DESKTOP-C', '桌面支持组（华中西南）', '华中、西南区电脑、打印机、外设', 'IT-OPS', 45, 'engineer', ['central', 'west']],
  ['INFRA', '基础设施组', '服务器、存储与虚拟化', 'IT-OPS', 35, 'engineer', []],
  ['NET', '网络组', '有线、无线网络与 VPN', 'IT-OPS', 30, 'engineer', []],
  ['DBA', '数据库组', '数据库运维与数据修复', 'IT-OPS', 16, 'engineer', []],
  ['SEC', '信息安全组', '账号安全、病毒与安全事件', 'IT-SEC', 16, 'engineer', []],
  ['COLLAB', '邮件与协同组', '企业邮箱、OA 与企业微信', 'IT-OPS', 20, 'engineer', []],
  ['APP', '应用支持组', '业务系统一线支持', 'IT-APP', 26, 'engineer', []],
  ['ERP', 'ERP 组', 'ERP、SCM、SRM 与财务系统', 'IT-APP', 30, 'engineer', []],
  ['POS', '零售系统组', 'POS 收银与 DRP 分销', 'IT-APP', 30, 'engineer', []],
  ['CRM', 'CRM 与报表组', 'CRM 与经营报表', 'IT-APP', 20, 'engineer', []],
];

// code, name, domain, criticality, availability target, team that owns it
export const SYSTEMS: [string, string, string, 'high' | 'medium' | 'low', number, string][] = [
  ['ERP', 'ERP 企业资源计划', '财务与供应链', 'high', 99.9, 'ERP'],
  ['POS', 'POS 门店收银', '零售', 'high', 99.95, 'POS'],
  ['CRM', 'CRM 客户关系管理', '营销', 'medium', 99.5, 'CRM'],
  ['DRP', 'DRP 分销管理', '零售', 'medium', 99.5, 'POS'],
  ['SCM', 'SCM 供应链管理', '供应链', 'high', 99.9, 'ERP'],
  ['SRM', 'SRM 供应商管理', '供应链', 'medium', 99.5, 'ERP'],
  ['WMS', 'WMS 仓储管理', '供应链', 'high', 99.9, 'ERP'],
  ['MES', 'MES 制造执行', '生产制造', 'high', 99.9, 'APP'],
  ['PLM', 'PLM 产品生命周期', '研发', 'medium', 99.5, 'APP'],
  ['HR', 'HR 人力资源系统', '人力资源', 'medium', 99.5, 'APP'],
  ['FIN', '财务核算系统', '财务', 'high', 99.9, 'ERP'],
  ['BI', 'BI 经营分析', '经营管理', 'medium', 99.5, 'CRM'],
  ['MAIL', '企业邮箱', '办公协同', 'high', 99.9, 'COLLAB'],
  ['OA', 'OA 协同办公', '办公协同', 'medium', 99.5, 'COLLAB'],
  ['WECOM', '企业微信', '办公协同', 'medium', 99.5, 'COLLAB'],
  ['NET', '企业网络', '基础设施', 'high', 99.95, 'NET'],
  ['VPN', 'VPN 远程接入', '基础设施', 'medium', 99.5, 'NET'],
  ['AD', '域控与统一认证', '基础设施', 'high', 99.95, 'SEC'],
];

export interface Department {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  path: string;
  region: Region;
  kind: Kind;
  managerId: number | null;
}
export interface User {
  id: number;
  username: string;
  displayName: string;
  employeeNo: string;
  email: string;
  phone: string;
  departmentId: number;
  supervisorId: number | null;
  title: string;
  roles: BuiltinRoleKey[];
  region: Region;
}
export interface Team {
  id: number;
  code: string;
  name: string;
  description: string;
  leadId: number;
  members: number[];
  regions: Region[];
}

export interface Org {
  departments: Department[];
  users: User[];
  teams: Team[];
  /** People outside IT who only request. */
  requesters: User[];
}

/** Departments, people (with supervisors, titles and roles) and IT's support teams for `userCount` staff. */
export function buildOrg(r: Rng, userCount: number): Org {
  const departments: Department[] = [];
  const byCode = new Map<string, Department>();
  for (const [code, name, parent, region, , kind] of DEPARTMENTS) {
    const id = departments.length + 1;
    const p = parent ? byCode.get(parent) : undefined;
    const d: Department = { id, code, name, parentId: p?.id ?? null, path: `${p?.path ?? '/'}${id}/`, region, kind, managerId: null };
    departments.push(d);
    byCode.set(code, d);
  }

  const taken = new Set<string>();
  const users: User[] = [];
  const scale = userCount / 5000;
  const newUser = (dept: Department, title: string, roles: BuiltinRoleKey[], region = dept.region): User => {
    const [sn, snPy] = r.weighted(SURNAMES.map(([s, p, w]) => [[s, p] as const, w] as const));
    const one = r.next() < 0.35;
    const g1 = r.pick(GIVEN);
    const g2 = r.pick(GIVEN);
    const displayName = one ? sn + g1[0] : sn + g1[0] + g2[0];
    const base = one ? snPy + g1[1] : snPy + g1[1] + g2[1];
    let username = base;
    for (let n = 2; taken.has(username); n++) username = `${base}${n}`;
    taken.add(username);
    const id = users.length + 1;
    const u: User = {
      id,
      username,
      displayName,
      employeeNo: `E${String(100000 + id)}`,
      email: `${username}@shuyun-bench.cn`,
      phone: `1${r.pick(['3', '5', '8'])}${String(100_000_000 + ((id * 7_919_337) % 900_000_000)).slice(0, 9)}`,
      departmentId: dept.id,
      supervisorId: null,
      title,
      roles,
      region,
    };
    users.push(u);
    return u;
  };

  // IT: a director, managers, the three separated administrators, then the teams.
  const it = byCode.get('IT') as Department;
  const director = newUser(it, 'IT总监', ['it_manager']);
  it.managerId = director.id;
  for (const [code, title] of [
    ['IT-SD', '服务台经理'],
    ['IT-OPS', '运维经理'],
    ['IT-APP', '应用开发经理'],
    ['IT-SEC', '信息安全经理'],
  ] as const) {
    const d = byCode.get(code) as Department;
    const m = newUser(d, title, ['it_manager']);
    m.supervisorId = director.id;
    d.managerId = m.id;
  }
  for (const [title, role] of [
    ['系统管理员', 'system_admin'],
    ['安全管理员', 'security_admin'],
  ] as const) {
    const u = newUser(it, title, [role]);
    u.supervisorId = director.id;
  }
  const teams: Team[] = [];
  for (const [code, name, description, deptCode, size, role, regions] of TEAMS) {
    const d = byCode.get(deptCode) as Department;
    const n = Math.max(3, Math.round(size * scale));
    const members: number[] = [];
    for (let i = 0; i < n; i++) {
      const lead = i === 0;
      const roles: BuiltinRoleKey[] = d.code === 'IT-APP' && (lead || i % 4 === 1) ? ['analyst', 'engineer'] : [role];
      const title = lead
        ? `${name.replace(/（.*）/, '')}组长`
        : role === 'service_desk'
          ? '服务台专员'
          : d.code === 'IT-APP'
            ? '应用工程师'
            : '运维工程师';
      const u = newUser(d, title, roles, regions[0] ?? d.region);
      u.supervisorId = lead ? d.managerId : (members[0] ?? null);
      members.push(u.id);
    }
    teams.push({ id: teams.length + 1, code, name, description, leadId: members[0] as number, members, regions });
  }

  // Everyone else, spread over the business departments by their share; the first is the head.
  const business = DEPARTMENTS.filter(([, , , , share]) => share > 0);
  const totalShare = business.reduce((s, [, , , , share]) => s + share, 0);
  const remaining = Math.max(business.length * 2, userCount - users.length);
  const requesters: User[] = [];
  let placed = 0;
  for (const [index, [code, , , , share, kind]] of business.entries()) {
    const d = byCode.get(code) as Department;
    const n = index === business.length - 1 ? Math.max(2, remaining - placed) : Math.max(2, Math.round((remaining * share) / totalShare));
    placed += n;
    const parent = d.parentId ? departments[d.parentId - 1] : undefined;
    for (let i = 0; i < n; i++) {
      const head = i === 0;
      const title = head ? `${d.name}负责人` : r.pick(TITLES[kind as keyof typeof TITLES] ?? TITLES.staff);
      const roles: BuiltinRoleKey[] = head ? ['supervisor'] : [];
      if (!head && code === 'FIN' && i === 1) roles.push('auditor');
      const u = newUser(d, title, roles);
      if (head) d.managerId = u.id;
      u.supervisorId = head ? (parent?.managerId ?? null) : d.managerId;
      requesters.push(u);
    }
  }
  // The head office reports to no one; top-level heads report to the head office's head.
  const hq = byCode.get('HQ') as Department;
  for (const d of departments) if (d.parentId === hq.id && d.managerId) users[d.managerId - 1]!.supervisorId ??= hq.managerId;
  return { departments, users, teams, requesters };
}
