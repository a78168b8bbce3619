import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../demo/seed.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp();
  await seedDemo(t.platform.db, { tickets: 600 });
}, 120_000);
afterAll(() => t.close());

const count = async (sqlText: string) => Number((await sql.raw<{ n: string }>(sqlText).execute(t.platform.db)).rows[0]?.n);

describe('demo knowledge base', () => {
  it('has a few hundred articles in every state the screens show, counters matching the rows behind them', async () => {
    expect(await count(`SELECT count(*) AS n FROM knowledge_articles`)).toBeGreaterThan(250);
    expect(await count(`SELECT count(*) AS n FROM knowledge_articles WHERE status = 'published'`)).toBeGreaterThan(200);
    for (const status of ['archived', 'draft'])
      expect(await count(`SELECT count(*) AS n FROM knowledge_articles WHERE status = '${status}'`), status).toBeGreaterThan(0);
    for (const status of ['submitted', 'superseded', 'rejected'])
      expect(await count(`SELECT count(*) AS n FROM knowledge_versions WHERE status = '${status}'`), status).toBeGreaterThan(0);
    expect(
      await count(`SELECT count(*) AS n FROM knowledge_articles WHERE audience = 'it_staff' AND status = 'published'`),
    ).toBeGreaterThan(0);
    expect(
      await count(`SELECT count(*) AS n FROM knowledge_articles WHERE status = 'published' AND review_by < current_date`),
    ).toBeGreaterThan(0);
    expect(await count(`SELECT count(DISTINCT number) AS n FROM knowledge_articles`)).toBe(
      await count(`SELECT count(*) AS n FROM knowledge_articles`),
    );
    // Counters equal the rows behind them.
    expect(
      await count(`SELECT count(*) AS n FROM knowledge_articles a WHERE helpful_count <> (SELECT count(*) FROM knowledge_votes v WHERE v.article_id = a.id AND v.helpful)
        OR application_count <> (SELECT count(*) FROM knowledge_applications p WHERE p.article_id = a.id)
        OR deflection_count <> (SELECT count(*) FROM knowledge_deflections d WHERE d.article_id = a.id)`),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM knowledge_applications`)).toBeGreaterThan(20);
    expect(await count(`SELECT count(*) AS n FROM activity WHERE record_type = 'ticket' AND kind = 'knowledgeApplied'`)).toBe(
      await count(`SELECT count(*) AS n FROM knowledge_applications`),
    );
  });

  it('is searchable in Chinese by a demo requester, without IT-only articles', async () => {
    const api = await t.login({ username: 'zhangmin', password: DEMO_PASSWORD });
    const vpn = (await api.get(`/api/knowledge/search?q=${encodeURIComponent('VPN 连接失败')}`)).json();
    expect(vpn.total).toBeGreaterThan(0);
    expect(vpn.items[0].title).toContain('VPN');
    const jam = (await api.get(`/api/knowledge/search?q=${encodeURIComponent('打印机 卡纸')}`)).json();
    expect(jam.items[0].title).toMatch(/卡纸/);
    const erp = (await api.get(`/api/knowledge/search?q=${encodeURIComponent('ERP 登录')}`)).json();
    expect(erp.items[0].title).toMatch(/ERP.*登录/);
    const internal = (await api.get(`/api/knowledge/search?q=${encodeURIComponent('证书更新')}`)).json();
    expect(internal.items.filter((i: { audience: string }) => i.audience === 'it_staff')).toEqual([]);
    const home = (await api.get('/api/knowledge/home')).json();
    expect(home.popular).toHaveLength(8);
    expect(home.categories.length).toBeGreaterThan(5);
  });
});
