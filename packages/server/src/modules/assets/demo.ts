import { ASSET_TAG_PREFIX, type TimelineEvent } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/** A small deterministic PRNG (mulberry32), as the other demos use. */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}

// code, name, useful life (months), residual rate
const CATEGORIES: [string, string, number, number][] = [
  ['LAPTOP', '笔记本电脑', 36, 0.05],
  ['DESKTOP', '台式机', 60, 0.05],
  ['MONITOR', '显示器', 60, 0.05],
  ['SERVER', '服务器', 60, 0.05],
  ['STORAGE', '存储设备', 60, 0.05],
  ['NETWORK', '网络设备', 60, 0.05],
  ['PRINTER', '打印机', 48, 0.03],
  ['PHONE', '手机/平板', 24, 0.05],
  ['LICENSE', '软件许可', 36, 0],
];

// code, name, parent code
const LOCATIONS: [string, string, string | null][] = [
  ['HQ', '总部大楼', null],
  ['HQ-3F', '总部 3 楼办公区', 'HQ'],
  ['HQ-5F', '总部 5 楼办公区', 'HQ'],
  ['HQ-DC', '总部机房', 'HQ'],
  ['HQ-STORE', 'IT 库房', 'HQ'],
  ['SH-STORE', '上海南京路门店', null],
  ['HZ-STORE', '杭州西湖门店', null],
  ['BJ-DC', '北京数据中心', null],
];

// category, name, model, vendor, price range, office kit (issued to people) or room kit
const MODELS: [string, string, string, string, [number, number], 'person' | 'room' | 'store'][] = [
  ['LAPTOP', '联想 ThinkPad T14', 'ThinkPad T14 Gen 4', '联想', [6500, 8500], 'person'],
  ['LAPTOP', '戴尔 Latitude 5440', 'Latitude 5440', '戴尔', [6000, 7800], 'person'],
  ['LAPTOP', '华为 MateBook 14', 'MateBook 14 2024', '华为', [5500, 7000], 'person'],
  ['LAPTOP', 'Apple MacBook Pro 14', 'MacBook Pro 14 M3', '苹果', [12999, 16999], 'person'],
  ['DESKTOP', '联想 启天 M450', '启天 M450', '联想', [3800, 4800], 'person'],
  ['MONITOR', '戴尔 27 寸显示器', 'U2723QE', '戴尔', [2600, 3600], 'person'],
  ['MONITOR', '飞利浦 24 寸显示器', '24E1N5300', '飞利浦', [900, 1300], 'person'],
  ['PHONE', '华为 MatePad 平板', 'MatePad 11.5', '华为', [1800, 2600], 'store'],
  ['PRINTER', '惠普激光打印机', 'LaserJet Pro M404dn', '惠普', [1800, 2600], 'store'],
  ['SERVER', '浪潮服务器', 'NF5280M6', '浪潮', [45000, 68000], 'room'],
  ['SERVER', '华为服务器', 'FusionServer 2288H V6', '华为', [52000, 76000], 'room'],
  ['STORAGE', '华为存储', 'OceanStor 5310', '华为', [120000, 180000], 'room'],
  ['NETWORK', '华为核心交换机', 'CloudEngine S6730', '华为', [28000, 42000], 'room'],
  ['NETWORK', 'H3C 接入交换机', 'S5130S-28P', '新华三', [2600, 3800], 'store'],
  ['NETWORK', '深信服防火墙', 'AF-1000', '深信服', [36000, 52000], 'room'],
  ['LICENSE', 'Microsoft 365 商业版', 'M365 Business Standard', '微软', [900, 1100], 'person'],
];

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

interface DemoAsset {
  tag: string;
  categoryId: number;
  name: string;
  model: string;
  serial: string;
  vendor: string;
  purchased: Date;
  price: number;
  warrantyEnd: Date;
  status: string;
  locationId: number;
  departmentId: number | null;
  custodianId: number | null;
  note: string | null;
  /** The history, oldest first: who did what when. */
  events: { at: Date; actorId: number; event: TimelineEvent }[];
}

/**
 * The demo register: categories, a location tree and a few hundred assets across departments — most
 * issued to people (with their issue and receipt in the history), some in stock, in repair, scrapped,
 * disposed or lost. 张敏 (zhangmin) holds a laptop and has a transfer from a colleague to confirm; the IT
 * manager has a scrap request to approve. Written in bulk, as the ticket demo is.
 */
export async function seedAssetDemo(trx: Transaction<DB>, count = 320): Promise<{ assets: number }> {
  const r = rng(20261122);
  const users = await trx
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'department_id'])
    .where('active', '=', true)
    .execute();
  const byName = new Map(users.map((u) => [u.username, u]));
  const admin = byName.get('linna') ?? users[0];
  if (!admin) return { assets: 0 };
  const categoryIds = new Map<string, number>();
  for (const [index, [code, name, life, residual]] of CATEGORIES.entries()) {
    const { id } = await trx
      .insertInto('asset_categories')
      .values({ code, name, useful_life_months: life, residual_rate: residual, sort_order: index })
      .returning('id')
      .executeTakeFirstOrThrow();
    categoryIds.set(code, id);
  }
  const locations = new Map<string, { id: number; name: string }>();
  for (const [index, [code, name, parent]] of LOCATIONS.entries()) {
    const parentRow = parent ? locations.get(parent) : undefined;
    const parentPath = parentRow
      ? (await trx.selectFrom('asset_locations').select('path').where('id', '=', parentRow.id).executeTakeFirstOrThrow()).path
      : '/';
    const { id } = await trx
      .insertInto('asset_locations')
      .values({ code, name, parent_id: parentRow?.id ?? null, sort_order: index })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('asset_locations')
      .set({ path: `${parentPath}${id}/` })
      .where('id', '=', id)
      .execute();
    locations.set(code, { id, name });
  }
  const loc = (code: string) => locations.get(code) as { id: number; name: string };
  const people = users.filter((u) => !['admin', 'secadmin', 'auditor'].includes(u.username));
  const now = Date.now();
  const assets: DemoAsset[] = [];

  for (let i = 0; i < count; i++) {
    const [category, name, model, vendor, [low, high], kind] = r.pick(MODELS);
    const purchased = new Date(now - Math.floor(r.next() * 4.5 * 365) * DAY - 30 * DAY);
    const price = Math.round((low + r.next() * (high - low)) / 10) * 10;
    const warrantyEnd = new Date(purchased.getTime() + (category === 'LAPTOP' || category === 'PHONE' ? 3 : 5) * 365 * DAY);
    const registered = new Date(purchased.getTime() + 3 * DAY);
    const home = kind === 'room' ? r.pick(['HQ-DC', 'BJ-DC']) : kind === 'store' ? r.pick(['SH-STORE', 'HZ-STORE', 'HQ-3F']) : 'HQ-STORE';
    const a: DemoAsset = {
      tag: `${ASSET_TAG_PREFIX}-${String(i + 1).padStart(6, '0')}`,
      categoryId: categoryIds.get(category) as number,
      name,
      model,
      serial: `${vendor === '苹果' ? 'C02' : vendor.charCodeAt(0).toString(16).toUpperCase()}${(100000 + i * 7919).toString(36).toUpperCase()}${i}`,
      vendor,
      purchased,
      price,
      warrantyEnd,
      status: 'in_stock',
      locationId: loc(home).id,
      departmentId: kind === 'person' ? null : (byName.get('zhangqiang')?.department_id ?? null),
      custodianId: null,
      note: null,
      events: [{ at: registered, actorId: admin.id, event: { kind: 'assetRegistered', tag: '', location: loc(home).name } }],
    };
    a.events[0] = { at: registered, actorId: admin.id, event: { kind: 'assetRegistered', tag: a.tag, location: loc(home).name } };
    const roll = r.next();
    if (kind === 'person' && roll < 0.82) {
      const holder = r.pick(people);
      const issuedAt = new Date(registered.getTime() + Math.floor(r.next() * 20 + 1) * DAY);
      a.status = 'in_use';
      a.custodianId = holder.id;
      a.departmentId = holder.department_id;
      a.locationId = loc(r.pick(['HQ-3F', 'HQ-5F'])).id;
      a.events.push({ at: issuedAt, actorId: admin.id, event: { kind: 'assetIssued', toUser: holder.display_name } });
      a.events.push({ at: new Date(issuedAt.getTime() + 3 * 3600_000), actorId: holder.id, event: { kind: 'assetReceived' } });
    }
    const age = now - purchased.getTime();
    if (a.status === 'in_use' && r.next() < 0.06) {
      a.status = 'in_repair';
      const at = new Date(now - Math.floor(r.next() * 10 + 1) * DAY);
      a.events.push({
        at,
        actorId: admin.id,
        event: {
          kind: 'assetRepairStarted',
          vendor: `${vendor}售后服务站`,
          fault: r.pick(['屏幕闪烁', '无法开机', '键盘按键失灵', '电池鼓包']),
        },
      });
    } else if (a.status === 'in_stock' && age > 3.5 * 365 * DAY && r.next() < 0.5) {
      const asked = new Date(now - 40 * DAY);
      a.events.push({ at: asked, actorId: admin.id, event: { kind: 'assetScrapRequested', reason: '超过使用年限，性能无法满足办公需要' } });
      a.events.push({
        at: new Date(asked.getTime() + DAY),
        actorId: byName.get('liwei')?.id ?? admin.id,
        event: { kind: 'assetScrapApproved', comment: '同意报废' },
      });
      a.status = 'scrapped';
      if (r.next() < 0.5) {
        a.status = 'disposed';
        a.events.push({
          at: new Date(asked.getTime() + 10 * DAY),
          actorId: admin.id,
          event: { kind: 'assetDisposed', method: 'recycling', dataWiped: true, proceeds: '150.00' },
        });
      }
    } else if (a.status === 'in_use' && r.next() < 0.01) {
      a.status = 'lost';
      a.events.push({ at: new Date(now - 20 * DAY), actorId: admin.id, event: { kind: 'assetLost', note: '员工出差途中遗失，已报案' } });
    }
    assets.push(a);
  }

  // 张敏 holds a laptop (signed for) and a colleague is handing her a monitor (transfer to confirm).
  const zhangmin = byName.get('zhangmin');
  const zhuli = byName.get('zhuli');
  const laptop = assets.find((a) => a.categoryId === categoryIds.get('LAPTOP') && a.status === 'in_use');
  const monitor = assets.find((a) => a.categoryId === categoryIds.get('MONITOR') && a.status === 'in_use' && a !== laptop);
  const pending: {
    tag: string;
    kind: 'receipt' | 'transfer' | 'scrap';
    userId: number | null;
    fromId: number | null;
    by: number;
    reason: string | null;
  }[] = [];
  if (zhangmin && zhuli && laptop && monitor) {
    laptop.custodianId = zhangmin.id;
    laptop.departmentId = zhangmin.department_id;
    laptop.name = '联想 ThinkPad T14';
    laptop.model = 'ThinkPad T14 Gen 4';
    laptop.vendor = '联想';
    laptop.events = laptop.events.map((e) =>
      e.event.kind === 'assetIssued'
        ? { ...e, event: { kind: 'assetIssued', toUser: zhangmin.display_name } }
        : e.event.kind === 'assetReceived'
          ? { ...e, actorId: zhangmin.id }
          : e,
    );
    monitor.custodianId = zhuli.id;
    monitor.departmentId = zhuli.department_id;
    monitor.events = monitor.events
      .filter((e) => e.event.kind === 'assetRegistered' || e.event.kind === 'assetIssued' || e.event.kind === 'assetReceived')
      .map((e) =>
        e.event.kind === 'assetIssued'
          ? { ...e, event: { kind: 'assetIssued', toUser: zhuli.display_name } }
          : e.event.kind === 'assetReceived'
            ? { ...e, actorId: zhuli.id }
            : e,
      );
    monitor.status = 'in_use';
    monitor.events.push({
      at: new Date(now - 2 * 3600_000),
      actorId: zhuli.id,
      event: {
        kind: 'assetTransferRequested',
        fromUser: zhuli.display_name,
        toUser: zhangmin.display_name,
        reason: '调岗交接，显示器留给门店使用',
      },
    });
    pending.push({
      tag: monitor.tag,
      kind: 'transfer',
      userId: zhangmin.id,
      fromId: zhuli.id,
      by: zhuli.id,
      reason: '调岗交接，显示器留给门店使用',
    });
  }
  // A scrap request waiting for the IT manager.
  const old = assets.find((a) => a.status === 'in_stock' && now - a.purchased.getTime() > 3 * 365 * DAY);
  if (old) {
    old.events.push({
      at: new Date(now - DAY),
      actorId: admin.id,
      event: { kind: 'assetScrapRequested', reason: '主板故障，维修费用超过残值' },
    });
    pending.push({ tag: old.tag, kind: 'scrap', userId: null, fromId: null, by: admin.id, reason: '主板故障，维修费用超过残值' });
  }

  const inserted = await trx
    .insertInto('assets')
    .values(
      assets.map((a) => ({
        tag: a.tag,
        category_id: a.categoryId,
        name: a.name,
        model: a.model,
        serial_no: a.serial,
        vendor: a.vendor,
        purchase_date: iso(a.purchased),
        purchase_price: a.price,
        warranty_end: iso(a.warrantyEnd),
        status: a.status,
        location_id: a.locationId,
        department_id: a.departmentId,
        custodian_id: a.custodianId,
        status_before_repair: a.status === 'in_repair' ? 'in_use' : null,
        note: a.note,
        created_by: admin.id,
        version: a.events.length,
        created_at: a.events[0]?.at ?? new Date(),
      })),
    )
    .returning(['id', 'tag'])
    .execute();
  const idOf = new Map(inserted.map((row) => [row.tag, row.id]));
  const activity = assets.flatMap((a) =>
    a.events.map(({ at, actorId, event: { kind, ...payload } }) => ({
      record_type: 'asset',
      record_id: idOf.get(a.tag) as number,
      at,
      actor_id: actorId,
      kind,
      payload: JSON.stringify(payload),
    })),
  );
  activity.sort((x, y) => x.at.getTime() - y.at.getTime());
  for (let i = 0; i < activity.length; i += 1000)
    await trx
      .insertInto('activity')
      .values(activity.slice(i, i + 1000))
      .execute();
  for (const p of pending) {
    await trx
      .insertInto('asset_pending_actions')
      .values({
        asset_id: idOf.get(p.tag) as number,
        kind: p.kind,
        user_id: p.userId,
        from_user_id: p.fromId,
        requested_by: p.by,
        reason: p.reason,
      })
      .execute();
  }
  // Some assets in use are linked to a ticket their holder raised (both histories say so).
  await sql`
    WITH pairs AS (
      SELECT a.id AS asset_id, a.tag, t.id AS ticket_id, t.number, t.created_at
      FROM assets a
      JOIN LATERAL (SELECT id, number, created_at FROM tickets WHERE requester_id = a.custodian_id ORDER BY id DESC LIMIT 1) t ON true
      WHERE a.custodian_id IS NOT NULL AND a.status IN ('in_use', 'in_repair') AND a.id % 5 = 0
        AND NOT EXISTS (SELECT 1 FROM asset_pending_actions p WHERE p.asset_id = a.id)
    ), links AS (
      INSERT INTO record_links (from_type, from_id, to_type, to_id, created_by, created_at)
      SELECT 'asset', asset_id, 'ticket', ticket_id, ${admin.id}::bigint, created_at FROM pairs
      RETURNING from_id
    )
    INSERT INTO activity (record_type, record_id, at, actor_id, kind, payload)
    SELECT 'asset', asset_id, created_at, ${admin.id}::bigint, 'linked', jsonb_build_object('targetType', 'ticket', 'targetNumber', number) FROM pairs
    UNION ALL
    SELECT 'ticket', ticket_id, created_at, ${admin.id}::bigint, 'linked', jsonb_build_object('targetType', 'asset', 'targetNumber', tag) FROM pairs
  `.execute(trx);
  await trx
    .insertInto('number_sequences')
    .values({ prefix: ASSET_TAG_PREFIX, day: '1970-01-01', last: assets.length })
    .onConflict((oc) => oc.columns(['prefix', 'day']).doUpdateSet({ last: sql`greatest(number_sequences.last, ${assets.length})` }))
    .execute();
  return { assets: assets.length };
}
