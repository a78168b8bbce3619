import type { FormField, LocalizedText, Priority } from '@shuyun/shared';

// The demo company's service catalogue: what an enterprise IT desk in China typically offers.

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'en-US': en });
type Extra = Partial<Omit<FormField, 'key' | 'type' | 'label'>>;
const f = (key: string, type: FormField['type'], zh: string, en: string, extra: Extra = {}): FormField => ({
  key,
  type,
  label: t(zh, en),
  required: false,
  ...extra,
});
const options = (...list: [string, string, string][]) => list.map(([value, zh, en]) => ({ value, label: t(zh, en) }));
const req = { required: true };

export interface DemoItem {
  code: string;
  name: LocalizedText;
  description: LocalizedText;
  keywords: string[];
  priority: Priority;
  team: string;
  approval?: boolean;
  price?: number;
  /** Department codes that may request it (with their sub-departments); everyone when absent. */
  departments?: string[];
  form: FormField[];
}

export interface DemoCategory {
  code: string;
  name: LocalizedText;
  icon: string;
  items: DemoItem[];
  children?: DemoCategory[];
}

const photos = f('photos', 'attachment', '照片或截图', 'Photos or screenshots', {
  help: t('手机可直接拍照上传', 'On a phone you can take a photo directly'),
});

export const DEMO_CATALOG: DemoCategory[] = [
  {
    code: 'ACCOUNT',
    name: t('账号与权限', 'Accounts and access'),
    icon: 'idcard',
    items: [
      {
        code: 'ACC-ONBOARD',
        name: t('新员工账号开通', 'New joiner accounts'),
        description: t(
          '为新入职员工开通域账号、企业邮箱、企业微信及业务系统账号。请在员工**入职前 3 个工作日**提交。',
          'Domain, mail, WeCom and business-system accounts for a new employee. Please submit **3 working days before** the start date.',
        ),
        keywords: ['入职', '新员工', '账号', '开户', 'onboarding'],
        priority: 'P3',
        team: 'SD',
        departments: ['HR', 'IT'],
        form: [
          f('employee_name', 'text', '员工姓名', 'Employee name', { ...req, maxLength: 40 }),
          f('department', 'text', '所属部门', 'Department', req),
          f('start_date', 'date', '入职日期', 'Start date', req),
          f('accounts', 'multiselect', '需要开通的账号', 'Accounts needed', {
            ...req,
            options: options(
              ['domain', '域账号', 'Domain account'],
              ['mail', '企业邮箱', 'Mailbox'],
              ['wecom', '企业微信', 'WeCom'],
              ['erp', 'ERP', 'ERP'],
              ['crm', 'CRM', 'CRM'],
              ['vpn', 'VPN', 'VPN'],
            ),
          }),
          f('supervisor', 'user', '直属上级', 'Line manager', req),
          f('notes', 'textarea', '备注', 'Notes'),
        ],
      },
      {
        code: 'ACC-PASSWORD',
        name: t('密码重置', 'Password reset'),
        description: t(
          '忘记密码或账号被锁定时申请重置。服务台会通过您登记的手机号核实身份。',
          'For a forgotten password or a locked account. The service desk verifies your identity by your registered mobile number.',
        ),
        keywords: ['密码', '忘记密码', '锁定', '解锁', '账号', 'password'],
        priority: 'P3',
        team: 'SD',
        form: [
          f('account_type', 'select', '账号类型', 'Account type', {
            ...req,
            options: options(
              ['domain', '域账号（电脑登录）', 'Domain (computer sign-in)'],
              ['mail', '企业邮箱', 'Mailbox'],
              ['erp', 'ERP', 'ERP'],
              ['other', '其他系统', 'Other system'],
            ),
          }),
          f('system', 'system', '所属系统', 'System', { help: t('选择“其他系统”时请指明', 'Name it when you chose “Other system”') }),
          f('locked', 'select', '账号是否已锁定', 'Is the account locked?', {
            options: options(['yes', '是', 'Yes'], ['no', '否', 'No'], ['unknown', '不确定', 'Not sure']),
          }),
        ],
      },
      {
        code: 'ACC-PERMISSION',
        name: t('系统权限申请', 'System access request'),
        description: t(
          '申请业务系统的功能权限或数据权限，需**直属上级审批**后由系统管理员开通。',
          'Functional or data access to a business system; needs **your manager’s approval** before the system administrator grants it.',
        ),
        keywords: ['权限', '授权', '角色', '账号', 'access'],
        priority: 'P3',
        team: 'APP',
        approval: true,
        form: [
          f('system', 'system', '应用系统', 'IT system', req),
          f('role', 'text', '所需权限或角色', 'Access or role needed', { ...req, maxLength: 100 }),
          f('reason', 'textarea', '申请原因', 'Reason', req),
          f('valid_until', 'date', '使用截止日期', 'Needed until', { help: t('长期使用可不填', 'Leave empty for permanent access') }),
        ],
      },
      {
        code: 'ACC-OFFBOARD',
        name: t('离职账号注销', 'Leaver account removal'),
        description: t(
          '员工离职时停用其全部账号并回收权限，邮件可转交给指定同事。',
          'Disables all accounts of a leaver and removes their access; mail can be handed over to a colleague.',
        ),
        keywords: ['离职', '注销', '停用', '账号', 'offboarding'],
        priority: 'P2',
        team: 'SD',
        departments: ['HR', 'IT'],
        form: [
          f('employee', 'user', '离职员工', 'Leaver', req),
          f('last_day', 'date', '最后工作日', 'Last working day', req),
          f('mail_to', 'user', '邮件转交给', 'Hand mail over to'),
          f('notes', 'textarea', '备注', 'Notes'),
        ],
      },
    ],
  },
  {
    code: 'DEVICE',
    name: t('电脑与外设', 'Computers and peripherals'),
    icon: 'laptop',
    items: [
      {
        code: 'DEV-REPAIR',
        name: t('电脑故障报修', 'Computer repair'),
        description: t(
          '电脑无法开机、蓝屏、运行缓慢或硬件损坏。资产编号贴在电脑底部（如 ZC-000123）。',
          'A computer that will not start, crashes, is slow or has broken hardware. The asset tag is on its underside (e.g. ZC-000123).',
        ),
        keywords: ['电脑', '笔记本', '蓝屏', '死机', '开不了机', '报修', 'laptop', 'pc'],
        priority: 'P3',
        team: 'DESKTOP',
        form: [
          f('asset', 'asset', '资产编号', 'Asset tag', { ...req, placeholder: t('如 ZC-000123', 'e.g. ZC-000123') }),
          f('symptom', 'select', '故障现象', 'Symptom', {
            ...req,
            options: options(
              ['no_power', '无法开机', 'Does not start'],
              ['bsod', '蓝屏或死机', 'Blue screen or freezes'],
              ['slow', '运行缓慢', 'Slow'],
              ['display', '屏幕显示异常', 'Display problem'],
              ['keyboard', '键盘或触控板失灵', 'Keyboard or touchpad fails'],
              ['other', '其他', 'Other'],
            ),
          }),
          f('details', 'textarea', '详细描述', 'Details', {
            ...req,
            placeholder: t('何时开始、是否有报错提示', 'When it started, any error message'),
          }),
          photos,
        ],
      },
      {
        code: 'DEV-NEW-PC',
        name: t('新电脑申领', 'New computer'),
        description: t(
          '申领标准办公电脑，需**直属上级审批**；费用按部门分摊（标准办公本 ¥6,500）。',
          'A standard office computer; needs **your manager’s approval**. Charged to your department (standard laptop ¥6,500).',
        ),
        keywords: ['电脑', '笔记本', '申领', '领用', '新电脑', 'laptop'],
        priority: 'P4',
        team: 'DESKTOP',
        approval: true,
        price: 6500,
        form: [
          f('user', 'user', '使用人', 'User', req),
          f('model', 'select', '机型', 'Model', {
            ...req,
            options: options(
              ['standard', '标准办公本（14 英寸）', 'Standard laptop (14")'],
              ['performance', '高性能笔记本（设计/开发）', 'Performance laptop (design/development)'],
              ['desktop', '台式机', 'Desktop'],
            ),
          }),
          f('reason', 'textarea', '用途说明', 'Purpose', req),
          f('needed_by', 'date', '期望到货日期', 'Needed by'),
        ],
      },
      {
        code: 'DEV-PRINTER',
        name: t('打印机故障', 'Printer problem'),
        description: t('打印机卡纸、无法打印、打印质量差或缺粉。', 'Paper jams, nothing prints, poor print quality or toner out.'),
        keywords: ['打印', '打印机', '卡纸', '复印', '扫描', '缺粉', 'printer'],
        priority: 'P3',
        team: 'DESKTOP',
        form: [
          f('location', 'text', '打印机位置', 'Printer location', {
            ...req,
            placeholder: t('如 3 楼东侧茶水间旁', 'e.g. 3rd floor, east, by the pantry'),
          }),
          f('asset', 'asset', '打印机资产编号', 'Printer asset tag'),
          f('symptom', 'select', '故障现象', 'Symptom', {
            ...req,
            options: options(
              ['jam', '卡纸', 'Paper jam'],
              ['no_print', '无法打印', 'Nothing prints'],
              ['quality', '打印质量差', 'Poor quality'],
              ['toner', '缺粉或缺墨', 'Toner or ink out'],
              ['other', '其他', 'Other'],
            ),
          }),
          photos,
        ],
      },
      {
        code: 'DEV-PERIPHERAL',
        name: t('外设申领', 'Peripherals'),
        description: t(
          '鼠标、键盘、显示器、耳机、扩展坞等外设的申领与更换。',
          'Mice, keyboards, monitors, headsets, docks: new or replacement.',
        ),
        keywords: ['外设', '鼠标', '键盘', '显示器', '耳机', '扩展坞', 'monitor'],
        priority: 'P4',
        team: 'DESKTOP',
        price: 150,
        form: [
          f('kinds', 'multiselect', '外设类型', 'Peripherals', {
            ...req,
            options: options(
              ['mouse', '鼠标', 'Mouse'],
              ['keyboard', '键盘', 'Keyboard'],
              ['monitor', '显示器', 'Monitor'],
              ['headset', '耳机', 'Headset'],
              ['dock', '扩展坞', 'Dock'],
            ),
          }),
          f('quantity', 'number', '数量', 'Quantity', { ...req, min: 1, max: 10 }),
          f('reason', 'textarea', '说明', 'Notes'),
        ],
      },
    ],
  },
  {
    code: 'NETWORK',
    name: t('网络与远程', 'Network and remote access'),
    icon: 'wifi',
    items: [
      {
        code: 'NET-FAULT',
        name: t('网络故障', 'Network problem'),
        description: t(
          '无法上网、网速慢、网络时断时续。影响多人时请选择影响范围，便于优先处理。',
          'No connection, slow or dropping network. Say how many people are affected so we can prioritise.',
        ),
        keywords: ['网络', '上网', '断网', '网速慢', '网线', 'wifi', 'network'],
        priority: 'P2',
        team: 'INFRA',
        form: [
          f('scope', 'select', '影响范围', 'Who is affected', {
            ...req,
            options: options(
              ['me', '仅我自己', 'Only me'],
              ['department', '本部门', 'My department'],
              ['floor', '整层楼', 'The whole floor'],
              ['site', '整个办公区或门店', 'The whole site or store'],
            ),
          }),
          f('location', 'text', '位置', 'Location', req),
          f('details', 'textarea', '故障现象', 'What happens', req),
          f('since', 'date', '开始日期', 'Since'),
        ],
      },
      {
        code: 'NET-VPN',
        name: t('VPN 开通', 'VPN access'),
        description: t(
          '出差或居家办公需要访问公司内网系统时申请，需**直属上级审批**。',
          'For reaching internal systems while travelling or working from home; needs **your manager’s approval**.',
        ),
        keywords: ['VPN', '远程', '远程办公', '居家办公', '出差', 'remote'],
        priority: 'P3',
        team: 'INFRA',
        approval: true,
        form: [
          f('until', 'date', '使用截止日期', 'Needed until', req),
          f('system', 'system', '需访问的系统', 'System to reach'),
          f('reason', 'textarea', '申请原因', 'Reason', req),
        ],
      },
      {
        code: 'NET-GUEST-WIFI',
        name: t('Wi-Fi 访客账号', 'Guest Wi-Fi account'),
        description: t(
          '为来访客户或供应商开通临时 Wi-Fi 账号，最长 7 天。',
          'A temporary Wi-Fi account for a visiting customer or supplier, up to 7 days.',
        ),
        keywords: ['wifi', '无线', '访客', '上网', 'guest'],
        priority: 'P4',
        team: 'SD',
        form: [
          f('guest_name', 'text', '访客姓名', 'Guest name', { ...req, maxLength: 40 }),
          f('company', 'text', '访客单位', 'Guest company'),
          f('date', 'date', '使用日期', 'From', req),
          f('days', 'number', '使用天数', 'Days', { ...req, min: 1, max: 7 }),
        ],
      },
    ],
  },
  {
    code: 'COLLAB',
    name: t('邮件与协同', 'Mail and collaboration'),
    icon: 'mail',
    items: [
      {
        code: 'MAIL-FAULT',
        name: t('邮箱故障', 'Mail problem'),
        description: t(
          '无法收发邮件、无法登录邮箱或邮箱空间已满。',
          'Cannot send or receive mail, cannot sign in, or the mailbox is full.',
        ),
        keywords: ['邮箱', '邮件', '收不到', '发不出', 'outlook', 'mail'],
        priority: 'P3',
        team: 'INFRA',
        form: [
          f('symptom', 'select', '故障现象', 'Symptom', {
            ...req,
            options: options(
              ['receive', '无法收信', 'Cannot receive'],
              ['send', '无法发信', 'Cannot send'],
              ['login', '无法登录', 'Cannot sign in'],
              ['full', '邮箱已满', 'Mailbox full'],
              ['other', '其他', 'Other'],
            ),
          }),
          f('client', 'select', '使用的客户端', 'Mail client', {
            options: options(['outlook', 'Outlook', 'Outlook'], ['web', '网页版', 'Web'], ['mobile', '手机客户端', 'Phone app']),
          }),
          f('details', 'textarea', '详细描述', 'Details'),
          photos,
        ],
      },
      {
        code: 'MAIL-GROUP',
        name: t('邮件组/共享邮箱申请', 'Mail group or shared mailbox'),
        description: t('新建邮件组或共享邮箱，或调整其成员。', 'A new mail group or shared mailbox, or changes to its members.'),
        keywords: ['邮件组', '共享邮箱', '邮箱', '群组', 'distribution list'],
        priority: 'P4',
        team: 'SD',
        form: [
          f('kind', 'select', '申请类型', 'Type', {
            ...req,
            options: options(
              ['group', '邮件组', 'Mail group'],
              ['shared', '共享邮箱', 'Shared mailbox'],
              ['members', '调整成员', 'Change members'],
            ),
          }),
          f('address', 'text', '邮箱地址或名称', 'Address or name', { ...req, maxLength: 100 }),
          f('owner', 'user', '负责人', 'Owner', req),
          f('members', 'textarea', '成员', 'Members', { help: t('每行一位同事的姓名或邮箱', 'One colleague’s name or address per line') }),
        ],
      },
    ],
  },
  {
    code: 'BUSINESS',
    name: t('业务系统', 'Business systems'),
    icon: 'appstore',
    items: [],
    children: [
      {
        code: 'BIZ-ERP',
        name: t('ERP 与供应链', 'ERP and supply chain'),
        icon: 'database',
        items: [
          {
            code: 'APP-ERP',
            name: t('ERP 问题', 'ERP problem'),
            description: t(
              'ERP 系统报错、单据无法保存或过账、数据不一致等问题。',
              'ERP errors, documents that will not save or post, inconsistent data.',
            ),
            keywords: ['ERP', '单据', '过账', '库存', '财务', '采购'],
            priority: 'P2',
            team: 'APP',
            form: [
              f('module', 'select', '模块', 'Module', {
                ...req,
                options: options(
                  ['gl', '总账', 'General ledger'],
                  ['ar', '应收', 'Receivables'],
                  ['ap', '应付', 'Payables'],
                  ['po', '采购', 'Purchasing'],
                  ['inv', '库存', 'Inventory'],
                  ['so', '销售', 'Sales'],
                ),
              }),
              f('document_no', 'text', '单据号', 'Document number', { maxLength: 40 }),
              f('details', 'textarea', '问题描述', 'Description', req),
              photos,
            ],
          },
        ],
      },
      {
        code: 'BIZ-RETAIL',
        name: t('门店零售', 'Retail stores'),
        icon: 'shop',
        items: [
          {
            code: 'APP-POS',
            name: t('POS 收银问题', 'POS till problem'),
            description: t(
              '门店收银机无法收款、扫码失败、小票打印异常或数据未上传。**影响营业请直接拨打服务台热线。**',
              'A till that cannot take payment, fails to scan, misprints receipts or does not upload. **If the store cannot trade, call the service desk.**',
            ),
            keywords: ['POS', '收银', '门店', '扫码', '小票', '支付'],
            priority: 'P1',
            team: 'APP',
            departments: ['RETAIL', 'IT'],
            form: [
              f('store', 'text', '门店名称', 'Store', req),
              f('till', 'asset', '收银机编号', 'Till asset tag'),
              f('problem', 'select', '问题类型', 'Problem', {
                ...req,
                options: options(
                  ['payment', '无法收款', 'Cannot take payment'],
                  ['scan', '扫码失败', 'Scanning fails'],
                  ['receipt', '小票打印异常', 'Receipt printing'],
                  ['sync', '数据未上传', 'Data not uploaded'],
                  ['other', '其他', 'Other'],
                ),
              }),
              f('details', 'textarea', '问题描述', 'Description'),
              photos,
            ],
          },
        ],
      },
      {
        code: 'BIZ-SALES',
        name: t('营销与报表', 'Sales and reporting'),
        icon: 'bar-chart',
        items: [
          {
            code: 'APP-CRM',
            name: t('CRM 问题', 'CRM problem'),
            description: t(
              'CRM 客户、商机、合同数据或功能使用问题。',
              'Questions or faults with CRM customers, opportunities, contracts or features.',
            ),
            keywords: ['CRM', '客户', '商机', '合同', '销售'],
            priority: 'P3',
            team: 'APP',
            form: [f('function', 'text', '功能菜单', 'Menu or function'), f('details', 'textarea', '问题描述', 'Description', req), photos],
          },
          {
            code: 'APP-REPORT',
            name: t('报表需求', 'Report request'),
            description: t(
              '新增或调整业务报表。复杂需求将转为需求单评估。',
              'A new or changed business report. Larger requests become a demand for assessment.',
            ),
            keywords: ['报表', '数据', '统计', '导出', 'report'],
            priority: 'P4',
            team: 'APP',
            form: [
              f('report_name', 'text', '报表名称', 'Report name', { ...req, maxLength: 60 }),
              f('source', 'system', '数据来源系统', 'Source system', req),
              f('details', 'textarea', '需求说明', 'What is needed', {
                ...req,
                placeholder: t('字段、筛选条件、更新频率', 'Columns, filters, refresh frequency'),
              }),
              f('due', 'date', '期望完成日期', 'Wanted by'),
            ],
          },
        ],
      },
    ],
  },
  {
    code: 'OTHER',
    name: t('其他', 'Other'),
    icon: 'question-circle',
    items: [
      {
        code: 'OTHER-ASK',
        name: t('其他 IT 咨询', 'Other IT question'),
        description: t(
          '找不到合适的服务项时，在这里提问，服务台会为您处理或转交。',
          'When nothing else fits, ask here; the service desk will handle or route it.',
        ),
        keywords: ['咨询', '其他', '问题', 'question'],
        priority: 'P4',
        team: 'SD',
        form: [f('question', 'textarea', '咨询内容', 'Your question', req), photos],
      },
    ],
  },
];
