import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestContext } from '../../test/harness.js';
import { setupTestApp } from '../../test/harness.js';
import { type ArticleInput, type KnowledgeFixture, knowledgeBase, publish } from './test-fixtures.js';

let t: TestContext;
let f: KnowledgeFixture;
let requester: ApiClient;
let engineer: ApiClient;
const ids: Record<string, number> = {};
const id = (key: string): number => ids[key] as number;

/** A fixed corpus: the expected results below are about these articles only. */
function corpus(k: KnowledgeFixture): Record<string, ArticleInput> {
  const c = k.categories;
  return {
    vpn809: {
      title: 'VPN 连接失败，提示错误 809',
      categoryId: c.network,
      type: 'known_error',
      symptom: '<p>在家连接公司 VPN 时，客户端提示“错误 809：无法建立连接”。</p>',
      cause: '<p>家用路由器或运营商拦截了 UDP 500/4500 端口。</p>',
      workaround: '<p>改用手机热点连接。</p>',
      fix: '<p>在路由器中开启 IPSec 穿透，或改用 SSL VPN 客户端。</p>',
      tags: ['VPN', '远程办公'],
      systemIds: [k.systems.vpn],
    },
    vpnHowTo: {
      title: '如何在家里连接公司 VPN',
      categoryId: c.network,
      body: '<ol><li>下载并安装 VPN 客户端</li><li>输入域账号和密码</li><li>连接成功后即可访问内网系统</li></ol>',
      tags: ['VPN'],
      systemIds: [k.systems.vpn],
    },
    vpnShare: {
      title: 'VPN 连上以后打不开共享盘',
      categoryId: c.network,
      type: 'known_error',
      symptom: '<p>VPN 已经连上，但访问 \\\\fileserver 共享盘提示找不到网络路径。</p>',
      fix: '<p>使用服务器 IP 地址访问，或在 VPN 设置中启用 DNS。</p>',
      tags: ['VPN', '共享盘'],
    },
    wifi: {
      title: '无线网络 Wi-Fi 经常掉线',
      categoryId: c.network,
      body: '<p>笔记本连接公司无线网络后频繁断开，请更新无线网卡驱动并关闭省电模式。</p>',
      tags: ['Wi-Fi'],
    },
    paperJam: {
      title: '三楼打印机频繁卡纸的处理方法',
      categoryId: c.printers,
      body: '<ol><li>打开打印机前盖</li><li>顺着进纸方向取出卡住的纸张</li><li>检查纸盒里的纸是否受潮</li></ol>',
      tags: ['打印机', '卡纸'],
    },
    blackLines: {
      title: '打印机打印出来有黑条',
      categoryId: c.printers,
      type: 'known_error',
      symptom: '<p>打印的文件上有竖向黑条。</p>',
      cause: '<p>硒鼓老化或定影组件脏污。</p>',
      fix: '<p>更换硒鼓。</p>',
      tags: ['打印机'],
    },
    error11b: {
      title: '共享打印机无法连接，错误 0x0000011b',
      categoryId: c.printers,
      type: 'known_error',
      symptom: '<p>添加网络共享打印机时提示操作失败，错误 0x0000011b。</p>',
      fix: '<p>在打印服务器上安装最新补丁，客户端改用 TCP/IP 端口连接。</p>',
      tags: ['打印机'],
    },
    addPrinter: {
      title: '如何添加网络打印机',
      categoryId: c.printers,
      body: '<p>打开“设置 → 设备 → 打印机”，点击“添加打印机”，输入打印机 IP 地址。</p>',
    },
    copier: {
      title: '复印机卡纸了怎么办',
      categoryId: c.printers,
      type: 'faq',
      body: '<p>复印机提示卡纸时，按面板提示打开侧门，取出纸张后关上侧门即可。</p>',
      tags: ['卡纸'],
    },
    erpPassword: {
      title: 'ERP 登录提示用户名或密码错误',
      categoryId: c.erp,
      type: 'known_error',
      symptom: '<p>登录 ERP 时提示用户名或密码错误，但密码确认无误。</p>',
      cause: '<p>连续输错 5 次后账号被锁定。</p>',
      fix: '<p>在自助服务台解锁账号，或联系服务台重置 ERP 密码。</p>',
      tags: ['ERP', '登录'],
      systemIds: [k.systems.erp],
    },
    erpSlow: {
      title: 'ERP 系统登录很慢',
      categoryId: c.erp,
      type: 'known_error',
      symptom: '<p>打开 ERP 登录页面后要等待一分钟以上。</p>',
      fix: '<p>清理浏览器缓存，并使用推荐的 Chrome 浏览器。</p>',
      tags: ['ERP'],
      systemIds: [k.systems.erp],
    },
    erpApproval: {
      title: 'ERP 采购订单无法审批',
      categoryId: c.erp,
      body: '<p>检查审批流配置与审批人权限。</p>',
      tags: ['ERP', '采购'],
      systemIds: [k.systems.erp],
    },
    erpAccess: {
      title: '如何申请 ERP 查询权限',
      categoryId: c.accounts,
      type: 'faq',
      body: '<p>在服务目录中提交“系统权限申请”，主管审批后开通。</p>',
      tags: ['权限'],
    },
    password: {
      title: '域账号密码过期如何修改',
      categoryId: c.accounts,
      type: 'faq',
      body: '<p>按 Ctrl+Alt+Del 选择“更改密码”。修改后电脑、邮箱和 VPN 都要使用新密码登录。</p>',
    },
    oa: {
      title: 'OA 页面打不开',
      categoryId: c.accounts,
      body: '<p>请清理浏览器缓存；如果同时打不开共享盘，请检查网络连接。</p>',
    },
    outlook: {
      title: 'Outlook 收不到邮件',
      categoryId: c.mail,
      type: 'known_error',
      symptom: '<p>Outlook 长时间没有新邮件。</p>',
      fix: '<p>检查是否处于脱机工作模式，并重建 OST 文件。</p>',
      tags: ['邮件', 'Outlook'],
      systemIds: [k.systems.mail],
    },
    mailbox: {
      title: '邮箱容量已满怎么清理',
      categoryId: c.mail,
      type: 'faq',
      body: '<p>删除大附件邮件并清空已删除邮件。</p>',
      tags: ['邮件'],
    },
    cashDrawer: {
      title: 'POS 收银机无法打开钱箱',
      categoryId: c.pos,
      type: 'known_error',
      symptom: '<p>收银完成后钱箱不弹出。</p>',
      fix: '<p>检查钱箱连接线并在 POS 设置中启用钱箱。</p>',
      tags: ['POS'],
    },
    scanner: {
      title: 'POS 扫码枪不识别条码',
      categoryId: c.pos,
      body: '<p>重新插拔扫码枪并扫描设置条码恢复出厂设置。</p>',
      tags: ['POS'],
    },
    vpnGateway: {
      title: 'VPN 网关证书更新步骤（内部）',
      categoryId: c.network,
      body: '<p>证书过期会导致所有用户 VPN 连接失败。登录防火墙管理界面导入新证书。</p>',
      tags: ['VPN', '证书'],
      audience: 'it_staff',
    },
    erpDb: {
      title: 'ERP 数据库账号登录失败排查（内部）',
      categoryId: c.erp,
      body: '<p>检查数据库监听与 ERP 服务账号。</p>',
      tags: ['ERP', '数据库'],
      audience: 'it_staff',
    },
  };
}

beforeAll(async () => {
  t = await setupTestApp();
  f = await knowledgeBase(t);
  const writer = await t.login(f.engineerA);
  const reviewer = await t.login(f.reviewer);
  const networkReviewer = await t.login(f.networkReviewer);
  for (const [key, input] of Object.entries(corpus(f))) {
    ids[key] = await publish(writer, input.categoryId === f.categories.network ? networkReviewer : reviewer, input);
  }
  requester = await t.login(f.requester);
  engineer = await t.login(f.engineerB);
});
afterAll(() => t.close());

const search = async (api: ApiClient, q: string, extra = '') => {
  const res = await api.get(`/api/knowledge/search?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode).toBe(200);
  return res.json() as { items: { id: number; titleHighlight: string; snippet: string }[]; total: number; mode: string };
};
const idsOf = (r: { items: { id: number }[] }) => r.items.map((i) => i.id);

describe('Chinese search over a fixed corpus', () => {
  it('finds the VPN 809 known error first for "VPN 连接失败"', async () => {
    const r = await search(requester, 'VPN 连接失败');
    expect(r.mode).toBe('all');
    expect(r.items[0]?.id).toBe(ids.vpn809);
    expect(r.items[0]?.titleHighlight).toBe('<mark>VPN</mark> <mark>连接失败</mark>，提示错误 809');
    expect(idsOf(r)).not.toContain(ids.vpnGateway);
    expect(idsOf(r)).not.toContain(ids.cashDrawer);
  });

  it('finds the paper-jam how-to first for "打印机 卡纸", and not the copier', async () => {
    const r = await search(requester, '打印机 卡纸');
    expect(r.items[0]?.id).toBe(ids.paperJam);
    expect(idsOf(r)).not.toContain(ids.copier);
    expect(r.items[0]?.snippet).toContain('<mark>');
    // The same words typed as a sentence.
    expect((await search(requester, '打印机卡纸了怎么办')).items[0]?.id).toBe(ids.paperJam);
  });

  it('finds the ERP login errors first for "ERP 登录"', async () => {
    const r = await search(requester, 'ERP 登录');
    expect(idsOf(r).slice(0, 2).sort()).toEqual([ids.erpPassword, ids.erpSlow].sort());
    expect(idsOf(r)).not.toContain(ids.erpDb);
    expect(idsOf(r)).not.toContain(ids.outlook);
  });

  it('ranks a title match over a body match', async () => {
    const r = await search(requester, '共享盘');
    expect(idsOf(r)).toEqual(expect.arrayContaining([ids.vpnShare, ids.oa]));
    expect(idsOf(r).indexOf(id('vpnShare'))).toBeLessThan(idsOf(r).indexOf(id('oa')));
  });

  it('finds error codes and article numbers by trigram', async () => {
    const r = await search(requester, '11b');
    expect(idsOf(r)).toEqual([ids.error11b]);
    expect(r.items[0]?.titleHighlight).toContain('<mark>11b</mark>');
    const number = (await requester.get(`/api/knowledge/articles/${ids.outlook}`)).json().number as string;
    expect(idsOf(await search(requester, number.slice(-9)))).toContain(ids.outlook);
  });

  it('falls back to any word when no article has them all', async () => {
    const r = await search(requester, 'Outlook 钱箱');
    expect(r.mode).toBe('any');
    expect(idsOf(r)).toEqual(expect.arrayContaining([ids.outlook, ids.cashDrawer]));
  });

  it('filters by category (and below), type, system and tag', async () => {
    const apps = await search(requester, '', `&categoryId=${f.categories.apps}`);
    expect(apps.mode).toBe('browse');
    expect(idsOf(apps).sort()).toEqual([ids.erpPassword, ids.erpSlow, ids.erpApproval, ids.cashDrawer, ids.scanner].sort());
    const knownErrors = await search(requester, 'VPN', '&type=known_error');
    expect(idsOf(knownErrors).sort()).toEqual([ids.vpn809, ids.vpnShare].sort());
    const bySystem = await search(requester, '', `&systemId=${f.systems.erp}`);
    expect(idsOf(bySystem).sort()).toEqual([ids.erpPassword, ids.erpSlow, ids.erpApproval].sort());
    const byTag = await search(requester, '', `&tag=${encodeURIComponent('卡纸')}`);
    expect(idsOf(byTag).sort()).toEqual([ids.paperJam, ids.copier].sort());
  });

  it('suggests the best few while someone types, the last Latin word as a prefix', async () => {
    const res = await requester.get(`/api/knowledge/suggest?q=${encodeURIComponent('连不上 vp')}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: number }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(5);
    expect(items.map((i) => i.id)).toContain(ids.vpn809);
    const typed = (await requester.get(`/api/knowledge/suggest?q=${encodeURIComponent('三楼的打印机又卡纸了')}`)).json();
    expect(typed.items[0].id).toBe(ids.paperJam);
  });

  it('does not suggest articles that share only one word with a longer problem description', async () => {
    // Nothing has all these words; the VPN article shares two (VPN, 809), the Wi-Fi one only 无线.
    const text = '会议室 投影仪 无线 投屏 VPN 809';
    const items = (await requester.get(`/api/knowledge/suggest?q=${encodeURIComponent(text)}`)).json().items as { id: number }[];
    expect(items.map((i) => i.id)).toContain(ids.vpn809);
    expect(items.map((i) => i.id)).not.toContain(ids.wifi);
    // With two words, one shared word is still a useful suggestion.
    const short = (await requester.get(`/api/knowledge/suggest?q=${encodeURIComponent('无线 投影仪')}`)).json().items as { id: number }[];
    expect(short.map((i) => i.id)).toContain(ids.wifi);
  });
});

describe('IT-only articles', () => {
  it('are found by IT staff', async () => {
    expect(idsOf(await search(engineer, 'VPN 连接失败'))).toContain(ids.vpnGateway);
    expect(idsOf(await search(engineer, 'ERP 登录'))).toContain(ids.erpDb);
  });

  it('never show to a requester: search, suggestions, counts, tags, by id', async () => {
    expect((await search(requester, '网关证书')).total).toBe(0);
    const suggest = (await requester.get(`/api/knowledge/suggest?q=${encodeURIComponent('VPN 网关证书')}`)).json();
    expect(suggest.items.map((i: { id: number }) => i.id)).not.toContain(ids.vpnGateway);
    const all = await search(requester, '', '&pageSize=100');
    expect(all.total).toBe(19);
    expect(idsOf(all)).not.toContain(ids.vpnGateway);
    const home = (await requester.get('/api/knowledge/home')).json();
    expect(home.counts.published).toBe(19);
    const network = home.categories.find((c: { id: number }) => c.id === f.categories.network);
    expect(network.count).toBe(4);
    const apps = home.categories.find((c: { id: number }) => c.id === f.categories.apps);
    expect(apps.count).toBe(5);
    const engineerHome = (await engineer.get('/api/knowledge/home')).json();
    expect(engineerHome.counts.published).toBe(21);
    expect(engineerHome.categories.find((c: { id: number }) => c.id === f.categories.network).count).toBe(5);
    const tags = (await requester.get('/api/knowledge/tags')).json().items.map((i: { tag: string }) => i.tag);
    expect(tags).toContain('VPN');
    expect(tags).not.toContain('证书');
    expect((await requester.get(`/api/knowledge/articles/${ids.vpnGateway}`)).statusCode).toBe(404);
    expect((await requester.get(`/api/knowledge/articles/${ids.vpnGateway}/versions`)).statusCode).toBe(404);
    expect((await requester.post(`/api/knowledge/articles/${ids.vpnGateway}/helpful`, { helpful: true })).statusCode).toBe(404);
    expect((await requester.get(`/api/timeline/knowledge/${ids.vpnGateway}`)).statusCode).toBe(404);
    expect((await engineer.get(`/api/knowledge/articles/${ids.vpnGateway}`)).statusCode).toBe(200);
  });
});
