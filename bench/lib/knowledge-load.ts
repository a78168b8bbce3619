// What the knowledge scenarios send: realistic help-desk searches (mixed Chinese / English words,
// two-character words, error codes and numbers) and ticket titles typed character by character.
import type { RequestSpec } from './load.js';
import type { Rng } from './prng.js';

/** Searches as people type them into the knowledge base's search box. */
export const SEARCHES = [
  'VPN 连接失败',
  '打印机 卡纸',
  'ERP 登录',
  '邮箱 收不到',
  '密码',
  '蓝屏',
  '卡纸',
  '权限',
  'Wi-Fi 连不上',
  'Outlook 收不到邮件',
  '共享打印机 0x0000011b',
  '0x0000011b',
  '809',
  'VPN 809',
  'POS 钱箱',
  '扫码枪没反应',
  '账号锁定',
  '如何申请 ERP 权限',
  'C 盘空间不足',
  'OA 审批',
  '月结报错',
  '小票打印机',
  'CRM 客户信息无法保存',
  'Office 激活',
  '电脑运行很慢怎么办',
  '成都分公司 打印机',
  'Windows 11 VPN',
  '邮件签名',
  '证书更新',
  '会议室 无线网络',
] as const;

/** Ticket titles a requester types while the form suggests articles. */
export const TYPED_TITLES = [
  '打印机卡纸了怎么办',
  'VPN 连接失败 错误 809',
  'Outlook 收不到邮件',
  'ERP 登录提示密码错误',
  'POS 钱箱打不开',
  '三楼打印机打印有黑条',
  '域账号被锁定了',
  '电脑开机蓝屏',
  '会议室 Wi-Fi 连不上',
  'CRM 客户信息保存失败',
] as const;

/** GET /api/knowledge/search for a random search, now and then its second page. */
export function searchRequest(r: Rng): RequestSpec {
  const q = r.pick(SEARCHES);
  const page = r.next() < 0.1 ? '&page=2' : '';
  return { method: 'GET', path: `/api/knowledge/search?q=${encodeURIComponent(q)}${page}` };
}

/**
 * Suggestions while a title is typed: one request per character once two are there (what the form
 * sends without debouncing, the worst case), then the next title.
 */
export function typist(r: Rng): () => RequestSpec {
  let title = [...r.pick(TYPED_TITLES)];
  let at = 2;
  return () => {
    if (at > title.length) {
      title = [...r.pick(TYPED_TITLES)];
      at = 2;
    }
    const q = title.slice(0, at++).join('');
    return { method: 'GET', path: `/api/knowledge/suggest?q=${encodeURIComponent(q)}&limit=5` };
  };
}
