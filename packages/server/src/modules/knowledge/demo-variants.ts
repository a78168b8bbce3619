/**
 * More usage contexts for the demo knowledge base at benchmark scale (`seedKnowledgeDemo({ articles })`):
 * sites × departments, with the environment an article was verified on, so that ten thousand articles
 * have varied titles and bodies rather than ten thousand copies of a few hundred.
 */
export const SITES = [
  '上海总部',
  '北京分公司',
  '广州分公司',
  '深圳分公司',
  '成都分公司',
  '武汉分公司',
  '杭州分公司',
  '南京分公司',
  '西安分公司',
  '重庆分公司',
  '苏州工厂',
  '天津工厂',
  '长沙门店',
  '青岛门店',
  '厦门门店',
  '沈阳门店',
];
export const DEPARTMENTS = [
  '财务部',
  '人力资源部',
  '销售部',
  '采购部',
  '仓储物流部',
  '研发中心',
  '客服中心',
  '市场部',
  '法务部',
  '行政部',
  '生产部',
  '质量部',
];
export const ENVIRONMENTS = [
  'Windows 11 23H2',
  'Windows 10 22H2',
  'macOS 14',
  '统信 UOS 20',
  'iOS 17',
  '安卓 14',
  'Office 2021',
  'Office 365',
  'WPS 2023',
  'Chrome 120',
  'Edge 120',
  '企业微信 4.1',
  '钉钉 7.5',
  'ERP 客户端 9.3',
  'POS 终端 5.2',
  'Outlook 2019',
];
const NOTES = [
  '{site}的共享设备出现此问题时，请先联系{site} IT 驻场工程师。',
  '{dept}同事如遇多人同时出现此问题，请由部门 IT 联络人统一报修，便于一次处理。',
  '{dept}月末结账期间请优先按本文自助处理，避免排队等待。',
  '处理前请保存正在编辑的文件，部分步骤需要重新登录或重启。',
  '如涉及客户数据，请勿将截图发到外部群聊，按信息安全制度处理。',
  '外出或居家时如无法按本文操作，可拨打服务台电话 8000 远程协助。',
  '本文根据{site}近期的工单整理，其他地点同样适用。',
];

export interface Variant {
  /** Shown in the title and the 适用场景 line, e.g. 成都分公司财务部. */
  context: string;
  /** The title for a base title. */
  title: (base: string) => string;
  notes: string[];
}

/** The j-th variant of the base title number `base`: distinct contexts for j < SITES × DEPARTMENTS. */
export function variantOf(base: number, j: number): Variant {
  const combos = SITES.length * DEPARTMENTS.length;
  // 53 is coprime with the number of combinations: j ↦ index is a bijection, each base its own start.
  const index = (base * 37 + j * 53) % combos;
  const site = SITES[index % SITES.length] as string;
  const dept = DEPARTMENTS[Math.floor(index / SITES.length)] as string;
  const env = ENVIRONMENTS[(base + j) % ENVIRONMENTS.length] as string;
  const context = `${site}${dept}`;
  const fill = (t: string) => t.replaceAll('{site}', site).replaceAll('{dept}', dept);
  const notes = [`已验证环境：${env}。`, fill(NOTES[(base * 3 + j) % NOTES.length] as string)];
  const form = j % 3;
  return {
    context,
    title: (b) => (form === 0 ? `${b}（${context}）` : form === 1 ? `${site}${dept}：${b}` : `${b}（${site}，${env}）`),
    notes,
  };
}

/** How many distinct variants a base title can have. */
export const MAX_VARIANTS = SITES.length * DEPARTMENTS.length;
