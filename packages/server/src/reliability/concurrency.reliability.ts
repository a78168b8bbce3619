import type { Locale } from '@shuyun/shared';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAsset, newStocktake } from '../modules/assets/stocktake/test-fixtures.js';
import { draft, type KnowledgeFixture, knowledgeBase } from '../modules/knowledge/test-fixtures.js';
import { makeItem, receive } from '../modules/spares/test-fixtures.js';
import { type ApiClient, setupTestApp, type TestContext } from '../test/harness.js';
import { countBy, expectOneWinner } from './conflicts.js';
import { scale } from './scale.js';

// Campaign 3: many clients racing on the same thing at the same moment. Each race is one entry in
// RACES; the invariant is checked on the answers and on the data.

let t: TestContext;
let f: KnowledgeFixture;
/** Racing clients: one session per user, users alternate between Chinese and English. */
let racers: { api: ApiClient; locale: Locale; userId: number }[] = [];

beforeAll(async () => {
  t = await setupTestApp({ DATABASE_POOL_SIZE: '20' });
  f = await knowledgeBase(t);
  for (let i = 0; i < scale.raceUsers; i++) {
    // Engineers (spare.issue with their role) who also count assets (asset.stocktake).
    const user = await t.createUser({ roles: ['engineer', 'asset_admin'] });
    const locale: Locale = i % 2 ? 'en-US' : 'zh-CN';
    await t.platform.db.updateTable('users').set({ locale }).where('id', '=', user.id).execute();
    await t.platform.db.insertInto('team_members').values({ team_id: f.teamA, user_id: user.id }).execute();
    racers.push({ api: await t.login(user), locale, userId: user.id });
  }
});
afterAll(async () => {
  racers = [];
  await t?.close();
});

/** All racers fire at once (the i-th racer uses session i mod users). */
async function race(attempt: (api: ApiClient, i: number) => Promise<LightMyRequestResponse>) {
  return Promise.all(
    Array.from({ length: scale.racers }, async (_, i) => {
      const racer = racers[i % racers.length] as (typeof racers)[number];
      return { res: await attempt(racer.api, i), locale: racer.locale, userId: racer.userId };
    }),
  );
}

async function newTicket(title: string) {
  const requester = await t.login(f.requester);
  const res = await requester.post('/api/tickets', { title, catalogItemId: f.itemId, formValues: { symptom: 'slow' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number; number: string };
}

interface Race {
  name: string;
  run: () => Promise<void>;
}

const RACES: Race[] = [
  {
    name: 'the same ticket transition: one claim wins, the rest get a localised 409, one assignee, one timeline entry',
    async run() {
      const ticket = await newTicket('并发认领');
      const results = await race((api) => api.post(`/api/tickets/${ticket.id}/actions/claim`, { version: ticket.version }));
      const winner = results[expectOneWinner(results, ['versionConflict', 'invalidTransition'])];
      const row = await t.platform.db.selectFrom('tickets').selectAll().where('id', '=', ticket.id).executeTakeFirstOrThrow();
      expect(row.assignee_id).toBe(winner?.userId);
      expect(row.version).toBe(ticket.version + 1);
      const changes = await t.platform.db
        .selectFrom('activity')
        .select('id')
        .where('record_type', '=', 'ticket')
        .where('record_id', '=', ticket.id)
        .where('kind', '=', 'stateChanged')
        .execute();
      expect(changes).toHaveLength(1);
    },
  },
  {
    name: 'the same ticket resolved by every session of its assignee at once: one wins',
    async run() {
      const ticket = await newTicket('并发解决');
      const owner = racers[0] as (typeof racers)[number];
      const claimed = await owner.api.post(`/api/tickets/${ticket.id}/actions/claim`, { version: ticket.version });
      expect(claimed.statusCode, claimed.body).toBe(200);
      const results = await Promise.all(
        Array.from({ length: scale.racers }, async (_, i) => ({
          res: await owner.api.post(`/api/tickets/${ticket.id}/actions/resolve`, {
            version: claimed.json().version,
            solution: `方案 ${i}`,
          }),
          locale: owner.locale,
        })),
      );
      expectOneWinner(results, ['versionConflict', 'invalidTransition']);
      const resolved = await t.platform.db
        .selectFrom('activity')
        .select('id')
        .where('record_id', '=', ticket.id)
        .where('record_type', '=', 'ticket')
        .where('kind', '=', 'stateChanged')
        .execute();
      expect(resolved).toHaveLength(2); // claim + one resolve
    },
  },
  {
    name: 'the same number sequence: every racer gets a ticket with its own consecutive number',
    async run() {
      const results = await race((api, i) =>
        api.post('/api/tickets', { title: `编号竞争 ${i}`, catalogItemId: f.itemId, formValues: { symptom: 'slow' } }),
      );
      expect(countBy(results.map((r) => r.res.statusCode))).toEqual({ 201: scale.racers });
      const numbers = results.map((r) => r.res.json().number as string);
      expect(new Set(numbers).size).toBe(scale.racers);
      const byPrefix = new Map<string, number[]>();
      for (const n of numbers) {
        const [prefix, seq] = n.split('-') as [string, string];
        byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), Number(seq)]);
      }
      // Within one day's prefix the numbers have no gaps (a midnight in the middle starts a new prefix).
      for (const seqs of byPrefix.values()) {
        seqs.sort((a, b) => a - b);
        expect(seqs.at(-1)! - seqs[0]! + 1).toBe(seqs.length);
      }
    },
  },
  {
    name: 'the same knowledge draft saved by many editors at once: one save wins, the rest get a localised 409',
    async run() {
      const author = await t.login(f.engineerA);
      const version = await draft(author, { title: '打印机脱机的处理', categoryId: f.categories.printers, body: '<p>初稿</p>' });
      // The author edits in many tabs (sessions) at once; half of them in English.
      const sessions = await Promise.all(
        Array.from({ length: Math.min(10, scale.racers) }, async (_, i) => {
          const api = await t.login(f.engineerA);
          return { api, i };
        }),
      );
      const results = await Promise.all(
        Array.from({ length: scale.racers }, async (_, i) => {
          const session = sessions[i % sessions.length] as (typeof sessions)[number];
          return {
            res: await session.api.patch(`/api/knowledge/versions/${version.id}`, {
              version: version.version,
              title: `打印机脱机的处理 ${i}`,
            }),
            locale: 'zh-CN' as Locale,
          };
        }),
      );
      const winner = expectOneWinner(results, ['versionConflict']);
      const saved = (await author.get(`/api/knowledge/versions/${version.id}`)).json();
      expect(saved.title).toBe(`打印机脱机的处理 ${winner}`);
      expect(saved.version).toBe(version.version + 1);
    },
  },
  {
    name: 'the last spare part issued to everyone at once: one gets it, the rest a localised insufficientStock, stock 0, one ledger row',
    async run() {
      const keeper = await t.login(await t.createUser({ roles: ['asset_admin'] }));
      const warehouse = (await keeper.post('/api/spares/warehouses', { code: 'RACE-WH', name: '竞争测试库' })).json().id as number;
      const itemId = await makeItem(keeper, { name: '内存条 16GB（最后一条）' });
      await receive(keeper, warehouse, itemId, 1);
      const results = await race((api, i) =>
        api.post('/api/spares/issues', {
          itemId,
          warehouseId: warehouse,
          quantity: 1,
          target: { type: 'person', userId: (racers[i % racers.length] as (typeof racers)[number]).userId },
        }),
      );
      expectOneWinner(results, ['insufficientStock']);
      const stock = await t.platform.db.selectFrom('spare_stock').select('quantity').where('item_id', '=', itemId).execute();
      expect(stock.map((x) => x.quantity)).toEqual([0]);
      const issues = await t.platform.db
        .selectFrom('spare_movements')
        .select('balance_after')
        .where('item_id', '=', itemId)
        .where('kind', '=', 'issue')
        .execute();
      expect(issues).toEqual([{ balance_after: 0 }]);
    },
  },
  {
    name: 'the same stocktake scan by every counter at once: one scan lands, the rest a localised alreadyScanned naming who',
    async run() {
      const owner = await t.createUser({ roles: ['asset_admin'] });
      const category = await t.platform.db
        .insertInto('asset_categories')
        .values({ code: 'RACE', name: '竞争测试类别' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const location = await t.platform.db
        .insertInto('asset_locations')
        .values({ code: 'RACE-LOC', name: '竞争测试库房' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.platform.db
        .updateTable('asset_locations')
        .set({ path: `/${location.id}/` })
        .where('id', '=', location.id)
        .execute();
      const asset = await createAsset(t, { categoryId: category.id, locationId: location.id, status: 'in_stock' });
      const stocktake = await newStocktake(await t.login(owner), {
        categoryIds: [category.id],
        counterIds: racers.map((r) => r.userId),
      });
      const results = await race((api) => api.post(`/api/stocktakes/${stocktake.id}/scans`, { tag: asset.tag }));
      const winner = results[expectOneWinner(results, ['alreadyScanned'])];
      for (const { res } of results) if (res.statusCode === 409) expect(res.json().error.details.scannedBy.id).toBe(winner?.userId);
      const lines = await t.platform.db
        .selectFrom('stocktake_lines')
        .select(['result', 'scanned_by'])
        .where('stocktake_id', '=', stocktake.id)
        .execute();
      expect(lines).toEqual([{ result: 'found', scanned_by: winner?.userId }]);
    },
  },
];

describe(`concurrency: ${scale.racers} clients racing`, () => {
  for (const entry of RACES) it(entry.name, entry.run);
});
