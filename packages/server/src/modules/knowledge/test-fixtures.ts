import type { ApiClient, TestContext, TestUser } from '../../test/harness.js';
import { type DeskFixture, serviceDesk } from '../tickets/test-fixtures.js';

export interface KnowledgeFixture extends DeskFixture {
  /** knowledge_reviewer: reviews categories without named reviewers. */
  reviewer: TestUser;
  /** A second reviewer, named on the network category only. */
  networkReviewer: TestUser;
  /** it_manager: manages categories, may review anything. */
  manager: TestUser;
  categories: { accounts: number; network: number; printers: number; mail: number; apps: number; erp: number; pos: number };
  systems: { erp: number; vpn: number; mail: number };
}

/**
 * The service desk plus a knowledge base: reviewers, a manager, a category tree made through the API
 * (the network category names its own reviewer) and three IT systems.
 */
export async function knowledgeBase(t: TestContext): Promise<KnowledgeFixture> {
  const desk = await serviceDesk(t);
  const reviewer = await t.createUser({ roles: ['knowledge_reviewer'] });
  const networkReviewer = await t.createUser({ roles: ['knowledge_reviewer'] });
  const manager = await t.createUser({ roles: ['it_manager'] });
  const systems = { erp: 0, vpn: 0, mail: 0 };
  for (const code of ['erp', 'vpn', 'mail'] as const) {
    const row = await t.platform.db
      .insertInto('it_systems')
      .values({
        code: `${code.toUpperCase()}-${desk.teamA}`,
        name: `${code.toUpperCase()} 系统`,
        criticality: 'medium',
        availability_target: 99.5,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    systems[code] = row.id;
  }
  const api = await t.login(manager);
  const category = async (name: string, extra: Record<string, unknown> = {}) => {
    const res = await api.post('/api/knowledge/categories', { name, ...extra });
    if (res.statusCode !== 201) throw new Error(`category ${name}: ${res.statusCode} ${res.body}`);
    return res.json().id as number;
  };
  const accounts = await category('账号与权限', { nameEn: 'Accounts' });
  const network = await category('网络与 VPN', { reviewerIds: [networkReviewer.id] });
  const printers = await category('打印机');
  const mail = await category('邮件');
  const apps = await category('业务系统');
  const erp = await category('ERP', { parentId: apps });
  const pos = await category('POS', { parentId: apps });
  return { ...desk, reviewer, networkReviewer, manager, systems, categories: { accounts, network, printers, mail, apps, erp, pos } };
}

export interface ArticleInput {
  title: string;
  categoryId: number;
  type?: 'how_to' | 'known_error' | 'faq';
  body?: string;
  symptom?: string;
  cause?: string;
  workaround?: string;
  fix?: string;
  tags?: string[];
  systemIds?: number[];
  audience?: 'everyone' | 'it_staff';
}

/** Writes a draft through the API; returns the version detail. */
export async function draft(writer: ApiClient, input: ArticleInput) {
  const res = await writer.post('/api/knowledge/articles', { type: 'how_to', ...input });
  if (res.statusCode !== 201) throw new Error(`draft: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Takes a version action through the API; throws unless it succeeds. */
export async function act(api: ApiClient, versionId: number, action: string, body: Record<string, unknown> = {}) {
  const current = (await api.get(`/api/knowledge/versions/${versionId}`)).json();
  const res = await api.post(`/api/knowledge/versions/${versionId}/actions/${action}`, { version: current.version, ...body });
  if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Draft → submitted → published (approved by `reviewer`); returns the article id. */
export async function publish(writer: ApiClient, reviewer: ApiClient, input: ArticleInput): Promise<number> {
  const version = await draft(writer, input);
  await act(writer, version.id, 'submit');
  await act(reviewer, version.id, 'approve');
  return version.articleId;
}
