import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { businessDay } from '../../platform/numbering/numbering.js';
import { DEMO_LOW_ITEM, DEMO_SPARE_ITEMS, DEMO_SUPPLIERS } from './demo-data.js';

/** mulberry32, as the other demos use. */
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

const DAY = 86_400_000;

interface DemoMovement {
  at: Date;
  doc: string;
  kind: 'inbound' | 'issue' | 'transferOut' | 'transferIn';
  docKind: 'inbound' | 'issue' | 'transfer';
  item: number;
  warehouse: number;
  quantity: number;
  unitPrice?: number;
  supplier?: string;
  ticketId?: number;
  recipientId?: number;
  actorId: number;
  note?: string;
}

/**
 * The demo spare parts: two warehouses, a few dozen items, five months of history — opening receipts,
 * restocking, transfers to the store depot, issues to demo tickets (with their timeline entries) and
 * to people — written directly with exact running balances; one item is left below its minimum.
 */
export async function seedSparesDemo(trx: Transaction<DB>, options: { now?: Date; seed?: number; timeZone?: string } = {}) {
  const now = options.now ?? new Date();
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const r = rng(options.seed ?? 20261122);
  const users = new Map((await trx.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const keeper = users.get('linna') ?? null;
  const engineers = ['zhoujie', 'wuhao', 'liuyang', 'huanglei'].flatMap((u) => (users.has(u) ? [users.get(u) as number] : []));
  const requesters = ['zhangmin', 'qianhui', 'weiting', 'yangguang', 'xuli', 'shiyu'].flatMap((u) =>
    users.has(u) ? [users.get(u) as number] : [],
  );
  const [hq, depot] = await trx
    .insertInto('spare_warehouses')
    .values([
      { code: 'WH-HQ', name: '总部 IT 备件库', place: '上海总部 3F 机房旁', keeper_id: keeper },
      { code: 'WH-STORE', name: '门店备件周转库', place: '嘉定仓储中心 B 区', keeper_id: users.get('zhoujie') ?? null },
    ])
    .returning('id')
    .execute();
  const warehouses = [hq?.id as number, depot?.id as number];
  const items = await trx
    .insertInto('spare_items')
    .values(DEMO_SPARE_ITEMS.map(([code, name, model, unit, category, min]) => ({ code, name, model, unit, category, min_stock: min })))
    .returning(['id', 'code'])
    .execute();
  // Desk tickets about computers and printers, the ones parts were issued for.
  const tickets = await trx
    .selectFrom('tickets')
    .select(['id', 'created_at', 'status', 'assignee_id'])
    .where('status', 'in', ['in_progress', 'resolved', 'closed'])
    .where((eb) =>
      eb.or([
        eb('title', 'like', '%电脑%'),
        eb('title', 'like', '%打印%'),
        eb('title', 'like', '%键盘%'),
        eb('title', 'like', '%鼠标%'),
        eb('title', 'like', '%显示器%'),
        eb('title', 'like', '%网络%'),
      ]),
    )
    .orderBy('created_at', 'desc')
    .limit(400)
    .execute();

  const moves: DemoMovement[] = [];
  const start = now.getTime() - 150 * DAY;
  for (const [index, row] of DEMO_SPARE_ITEMS.entries()) {
    const [code, , , , , min, atHq, atDepot] = row;
    const itemId = items[index]?.id as number;
    const price = Math.round((20 + r.next() * 600) * 100) / 100;
    const balance = [0, 0];
    const receive = (at: number, wh: number, quantity: number) => {
      moves.push({
        at: new Date(at),
        doc: '',
        kind: 'inbound',
        docKind: 'inbound',
        item: itemId,
        warehouse: warehouses[wh] as number,
        quantity,
        unitPrice: price,
        supplier: r.pick(DEMO_SUPPLIERS),
        actorId: keeper ?? (engineers[0] as number),
      });
      balance[wh] = (balance[wh] as number) + quantity;
    };
    receive(start + index * 3_600_000, 0, atHq + Math.ceil(atDepot / 2));
    if (atDepot > 0) {
      const at = start + 7 * DAY + index * 3_600_000;
      const quantity = Math.ceil(atDepot / 2);
      moves.push({
        at: new Date(at),
        doc: '',
        kind: 'transferOut',
        docKind: 'transfer',
        item: itemId,
        warehouse: warehouses[0] as number,
        quantity: -quantity,
        actorId: keeper ?? (engineers[0] as number),
        note: '门店周转备货',
      });
      moves.push({
        at: new Date(at),
        doc: '',
        kind: 'transferIn',
        docKind: 'transfer',
        item: itemId,
        warehouse: warehouses[1] as number,
        quantity,
        actorId: keeper ?? (engineers[0] as number),
        note: '门店周转备货',
      });
      balance[0] = (balance[0] as number) - quantity;
      balance[1] = quantity;
      receive(at + 3 * DAY, 1, atDepot - quantity);
    }
    // Issues through the months; restock when the total falls below the minimum (except the low item).
    const issues = 3 + Math.floor(r.next() * 8);
    for (let i = 0; i < issues; i++) {
      const at = start + 14 * DAY + ((i + r.next()) / issues) * 134 * DAY;
      const wh = balance[1] && r.next() < 0.3 ? 1 : 0;
      const quantity = Math.min(balance[wh] as number, 1 + Math.floor(r.next() * Math.max(1, min / 3)));
      if (quantity <= 0) continue;
      const ticket =
        r.next() < 0.65
          ? tickets.find((t) => new Date(t.created_at).getTime() < at && new Date(t.created_at).getTime() > at - 3 * DAY)
          : undefined;
      const actorId = (ticket?.assignee_id && engineers.includes(ticket.assignee_id) ? ticket.assignee_id : r.pick(engineers)) as number;
      moves.push({
        at: new Date(at),
        doc: '',
        kind: 'issue',
        docKind: 'issue',
        item: itemId,
        warehouse: warehouses[wh] as number,
        quantity: -quantity,
        ticketId: ticket?.id,
        recipientId: ticket ? undefined : r.pick(requesters),
        actorId,
        note: ticket ? '故障更换' : r.pick(['新员工入职配发', '部门申领', '以旧换新', '会议室补充']),
      });
      balance[wh] = (balance[wh] as number) - quantity;
      const total = (balance[0] as number) + (balance[1] as number);
      if (total < min && code !== DEMO_LOW_ITEM) receive(at + 2 * DAY, 0, min * 2);
    }
    if (code === DEMO_LOW_ITEM) {
      // Leave it below the minimum: issue down to about half of it.
      const target = Math.floor(min / 2);
      const take = (balance[0] as number) + (balance[1] as number) - target;
      if (take > 0 && (balance[0] as number) >= take) {
        moves.push({
          at: new Date(now.getTime() - 2 * DAY),
          doc: '',
          kind: 'issue',
          docKind: 'issue',
          item: itemId,
          warehouse: warehouses[0] as number,
          quantity: -take,
          recipientId: r.pick(requesters),
          actorId: r.pick(engineers),
          note: '财务部打印机批量更换',
        });
      }
    }
  }
  moves.sort((a, b) => a.at.getTime() - b.at.getTime());

  // Documents and numbers: one per movement, a transfer's two rows share theirs.
  const seq = new Map<string, number>();
  const docs: { number: string; kind: string; supplier: string | null; note: string | null; actor_id: number; at: Date }[] = [];
  const docOf: number[] = [];
  for (const [i, m] of moves.entries()) {
    if (m.kind === 'transferIn' && moves[i - 1]?.kind === 'transferOut' && moves[i - 1]?.item === m.item) {
      docOf.push(docs.length - 1);
      continue;
    }
    const day = businessDay(m.at, timeZone);
    const n = (seq.get(day) ?? 0) + 1;
    seq.set(day, n);
    docs.push({
      number: `BJ${day.replaceAll('-', '')}-${String(n).padStart(4, '0')}`,
      kind: m.docKind,
      supplier: m.supplier ?? null,
      note: m.note ?? null,
      actor_id: m.actorId,
      at: m.at,
    });
    docOf.push(docs.length - 1);
  }
  const docIds: number[] = [];
  for (let i = 0; i < docs.length; i += 500) {
    const rows = await trx
      .insertInto('spare_documents')
      .values(docs.slice(i, i + 500))
      .returning('id')
      .execute();
    docIds.push(...rows.map((row) => row.id));
  }
  const balances = new Map<string, number>();
  const rows = moves.map((m, i) => {
    const key = `${m.item}:${m.warehouse}`;
    const balance = (balances.get(key) ?? 0) + m.quantity;
    balances.set(key, balance);
    return {
      document_id: docIds[docOf[i] as number] as number,
      kind: m.kind,
      item_id: m.item,
      warehouse_id: m.warehouse,
      quantity: m.quantity,
      balance_after: balance,
      unit_price: m.unitPrice ?? null,
      ticket_id: m.ticketId ?? null,
      recipient_id: m.recipientId ?? null,
      actor_id: m.actorId,
      at: m.at,
      note: m.note ?? null,
    };
  });
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('spare_movements')
      .values(rows.slice(i, i + 500))
      .execute();
  await trx
    .insertInto('spare_stock')
    .values(
      [...balances].map(([key, quantity]) => {
        const [item, warehouse] = key.split(':').map(Number);
        return { item_id: item as number, warehouse_id: warehouse as number, quantity };
      }),
    )
    .execute();
  // Issues to tickets appear on the tickets' timelines too.
  const ticketRows = moves.flatMap((m, i) => (m.ticketId ? [{ m, doc: docs[docOf[i] as number]?.number as string }] : []));
  const itemInfo = new Map(DEMO_SPARE_ITEMS.map((row, i) => [items[i]?.id as number, { name: row[1], unit: row[3] }]));
  if (ticketRows.length) {
    await trx
      .insertInto('activity')
      .values(
        ticketRows.map(({ m, doc }) => ({
          record_type: 'ticket',
          record_id: m.ticketId as number,
          at: m.at,
          actor_id: m.actorId,
          kind: 'spareIssued',
          payload: JSON.stringify({
            number: doc,
            itemName: itemInfo.get(m.item)?.name,
            quantity: -m.quantity,
            unit: itemInfo.get(m.item)?.unit,
          }),
        })),
      )
      .execute();
  }
  // Numbers handed out later continue after the demo's; the low flag matches the totals.
  if (seq.size) {
    await trx
      .insertInto('number_sequences')
      .values([...seq].map(([day, last]) => ({ prefix: 'BJ', day, last })))
      .onConflict((oc) => oc.columns(['prefix', 'day']).doUpdateSet({ last: sql`greatest(number_sequences.last, excluded.last)` }))
      .execute();
  }
  await sql`UPDATE spare_items i SET low_alerted = coalesce((SELECT sum(quantity) FROM spare_stock s WHERE s.item_id = i.id), 0) < i.min_stock`.execute(
    trx,
  );
  return { items: items.length, movements: rows.length };
}
