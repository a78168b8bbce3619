import { ASSET_TAG_PREFIX, formatRecordNumber } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { businessDay, nextTag } from '../../../platform/numbering/numbering.js';

const DAY = 86_400_000;

/**
 * The assets to count: the register's own demo assets when they are there (seed them first); only on a
 * database without any asset, a small set of our own (three categories, a location tree, 36 assets).
 */
async function demoAssets(trx: Transaction<DB>, users: Map<string, { id: number; department_id: number | null }>) {
  const existing = await trx.selectFrom('assets').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  const category = async (code: string, name: string, sort: number) =>
    (await trx.insertInto('asset_categories').values({ code, name, sort_order: sort }).returning('id').executeTakeFirstOrThrow()).id;
  const categories = [
    await category('DESKTOP', '台式电脑', 1),
    await category('LAPTOP', '笔记本电脑', 2),
    await category('MONITOR', '显示器', 3),
  ];
  const location = async (code: string, name: string, parent?: { id: number; path: string }) => {
    const row = await trx
      .insertInto('asset_locations')
      .values({ code, name, parent_id: parent?.id ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const path = `${parent?.path ?? '/'}${row.id}/`;
    await trx.updateTable('asset_locations').set({ path }).where('id', '=', row.id).execute();
    return { id: row.id, path };
  };
  const hq = await location('HQ', '总部大楼');
  const floors = [
    await location('HQ-3F', '总部 3 层 信息部', hq),
    await location('HQ-5F', '总部 5 层 财务部', hq),
    await location('HQ-B1', '总部 B1 机房', hq),
  ];
  await location('WH-EAST', '华东仓库');
  const holders = ['zhoujie', 'wuhao', 'liuyang', 'zhangqiang', 'huanglei', 'zhaomin', 'xuming'].flatMap((u) =>
    users.get(u) ? [users.get(u)] : [],
  );
  const models = ['联想 ThinkCentre M920', '联想 ThinkPad T14', '戴尔 P2422H 显示器'];
  for (let i = 0; i < 36; i++) {
    const holder = holders[i % holders.length];
    const kind = i % 3;
    const tag = await nextTag(trx, ASSET_TAG_PREFIX);
    await trx
      .insertInto('assets')
      .values({
        tag,
        name: models[kind] as string,
        model: models[kind] as string,
        category_id: categories[kind] as number,
        location_id: (floors[i % floors.length] as { id: number }).id,
        department_id: holder?.department_id ?? null,
        custodian_id: i % 6 === 5 ? null : (holder?.id ?? null),
        status: i % 6 === 5 ? 'in_stock' : 'in_use',
        purchase_date: `2024-0${(i % 9) + 1}-15`,
      })
      .execute();
  }
}

/**
 * Demo stocktakes: one completed last quarter with a few anomalies waiting to be applied, and one in
 * progress this week in which two engineers (holding the demo role 资产盘点员) are counters.
 * Nothing happens when there are no assets and no users to count with.
 */
export async function seedStocktakeDemo(trx: Transaction<DB>, timeZone = 'Asia/Shanghai'): Promise<{ stocktakes: number }> {
  const people = await trx.selectFrom('users').select(['id', 'username', 'department_id']).execute();
  const users = new Map(people.map((u) => [u.username, u]));
  const owner = users.get('linna');
  const counters = ['liuyang', 'zhoujie'].flatMap((u) => (users.get(u) ? [users.get(u) as { id: number }] : []));
  if (!owner || counters.length === 0) return { stocktakes: 0 };
  await demoAssets(trx, users);
  const assetCount = await trx
    .selectFrom('assets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(assetCount.n) === 0) return { stocktakes: 0 };

  // Engineers count without managing the register: a role with just what a counter needs.
  const role = await trx
    .insertInto('roles')
    .values({ key: 'stocktake_counter', name: '资产盘点员', scope: 'own', permissions: ['asset.read', 'asset.stocktake'] })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (role)
    await trx
      .insertInto('user_roles')
      .values(counters.map((c) => ({ user_id: c.id, role_id: role.id, scope: null })))
      .execute();

  const now = Date.now();
  const it = await trx.selectFrom('departments').select(['id', 'path']).where('code', '=', 'IT').executeTakeFirst();
  const inIt = it
    ? await sql<{ n: number }>`SELECT count(*)::int AS n FROM assets a JOIN departments d ON d.id = a.department_id
        WHERE d.path LIKE ${`${it.path}%`} AND a.status IN ('in_stock', 'in_use', 'in_repair')`.execute(trx)
    : null;
  // The IT department and below when it holds assets, else the whole register.
  const scope = it && (inIt?.rows[0]?.n ?? 0) > 0 ? { ids: [it.id], path: it.path } : null;
  const make = async (name: string, createdAt: Date, due: string, status: 'in_progress' | 'completed', seq: number) => {
    const number = formatRecordNumber('PD', businessDay(createdAt, timeZone), seq);
    const st = await trx
      .insertInto('stocktakes')
      .values({
        number,
        name,
        department_ids: scope ? scope.ids : [],
        counter_ids: [owner.id, ...counters.map((c) => c.id)],
        due_date: due,
        status,
        owner_id: owner.id,
        department_id: owner.department_id,
        started_at: new Date(createdAt.getTime() + 3_600_000),
        completed_at: status === 'completed' ? new Date(createdAt.getTime() + 4 * DAY) : null,
        version: status === 'completed' ? 3 : 2,
        created_at: createdAt,
        updated_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`
      INSERT INTO stocktake_lines (stocktake_id, asset_id, tag, expected, asset_version, expected_location_id, expected_department_id, expected_custodian_id)
      SELECT ${st.id}, a.id, a.tag, true, a.version, a.location_id, a.department_id, a.custodian_id FROM assets a
      WHERE a.status IN ('in_stock', 'in_use', 'in_repair')
        AND (${scope === null} OR a.department_id IN (SELECT id FROM departments WHERE path LIKE ${`${scope?.path ?? ''}%`}))
      ORDER BY a.id
    `.execute(trx);
    return { id: st.id, number, createdAt };
  };
  // Set-based, so that a large register seeds as fast as a small one: which lines are scanned, and how,
  // follows from the line id.
  const scanners = [owner.id, ...counters.map((c) => c.id)];
  const scan = async (stocktakeId: number, percent: number, from: Date, to: Date) => {
    await sql`
      UPDATE stocktake_lines l SET
        result = CASE WHEN l.id % 9 = 4 THEN 'wrong_location' WHEN l.id % 13 = 7 THEN 'wrong_user' ELSE 'found' END,
        scanned_location_id = CASE WHEN l.id % 9 = 4
          THEN coalesce((SELECT o.id FROM asset_locations o WHERE o.id IS DISTINCT FROM l.expected_location_id ORDER BY o.id LIMIT 1), l.expected_location_id)
          ELSE l.expected_location_id END,
        custodian_confirmed = CASE WHEN l.id % 9 <> 4 AND l.id % 13 = 7 THEN false END,
        note = CASE WHEN l.id % 9 <> 4 AND l.id % 13 = 7 THEN '实际由同组同事借用' END,
        scanned_by = (${scanners}::bigint[])[1 + l.id % ${scanners.length}],
        scanned_at = ${from}::timestamptz + (${to}::timestamptz - ${from}::timestamptz) * ((l.id * 7919) % 1000) / 1000.0
      WHERE l.stocktake_id = ${stocktakeId} AND (l.id * 37) % 100 < ${percent}
    `.execute(trx);
  };
  const recount = async (stocktakeId: number) => {
    await sql`
      INSERT INTO stocktake_progress (stocktake_id, expected, pending, found, wrong_location, wrong_user, surplus, missing)
      SELECT ${stocktakeId}, count(*) FILTER (WHERE expected), count(*) FILTER (WHERE result = 'pending'),
        count(*) FILTER (WHERE result = 'found'), count(*) FILTER (WHERE result = 'wrong_location'),
        count(*) FILTER (WHERE result = 'wrong_user'), count(*) FILTER (WHERE result = 'surplus'),
        count(*) FILTER (WHERE result = 'missing')
      FROM stocktake_lines WHERE stocktake_id = ${stocktakeId}
    `.execute(trx);
  };
  const history = async (st: { id: number; createdAt: Date }, completed: boolean) => {
    const entry = (kind: string, payload: object, at: Date) => ({
      record_type: 'stocktake',
      record_id: st.id,
      actor_id: owner.id,
      kind,
      payload: JSON.stringify(payload),
      at,
    });
    await trx
      .insertInto('activity')
      .values([
        entry('created', {}, st.createdAt),
        entry('stateChanged', { from: 'draft', to: 'in_progress' }, new Date(st.createdAt.getTime() + 3_600_000)),
        ...(completed ? [entry('stateChanged', { from: 'in_progress', to: 'completed' }, new Date(st.createdAt.getTime() + 4 * DAY))] : []),
      ])
      .execute();
  };

  // Last quarter's, completed: most found, some in the wrong place or with someone else, one surplus, the rest missing.
  const doneAt = new Date(now - 52 * DAY);
  const done = await make('2026 年第三季度 IT 资产盘点', doneAt, businessDay(new Date(now - 45 * DAY), timeZone), 'completed', 1);
  await scan(done.id, 90, new Date(doneAt.getTime() + DAY), new Date(doneAt.getTime() + 3 * DAY));
  await trx
    .insertInto('stocktake_lines')
    .values({
      stocktake_id: done.id,
      asset_id: null,
      tag: 'ZC-LEGACY-0457',
      expected: false,
      result: 'surplus',
      scanned_location_id: null,
      note: '旧标签，未在账',
      scanned_by: counters[0]?.id ?? owner.id,
      scanned_at: new Date(doneAt.getTime() + 2 * DAY),
    })
    .execute();
  await trx
    .updateTable('stocktake_lines')
    .set({ result: 'missing' })
    .where('stocktake_id', '=', done.id)
    .where('result', '=', 'pending')
    .execute();
  await recount(done.id);
  await history(done, true);

  // This week's, in progress: about 40 % scanned so far.
  const runAt = new Date(now - 2 * DAY);
  const running = await make('2026 年第四季度 IT 资产盘点', runAt, businessDay(new Date(now + 5 * DAY), timeZone), 'in_progress', 1);
  await scan(running.id, 40, new Date(runAt.getTime() + 4 * 3_600_000), new Date(now - 3_600_000));
  await recount(running.id);
  await history(running, false);
  // The day sequences these numbers took.
  for (const st of [done, running]) {
    await trx
      .insertInto('number_sequences')
      .values({ prefix: 'PD', day: businessDay(st.createdAt, timeZone), last: 1 })
      .onConflict((oc) => oc.columns(['prefix', 'day']).doNothing())
      .execute();
  }
  return { stocktakes: 2 };
}
