import type { Db } from './access.js';

/** 业务分工: every active system with its analyst and how many demands they hold open. */
export async function demandDivision(db: Db) {
  const rows = await db
    .selectFrom('it_systems as s')
    .leftJoin('users as a', 'a.id', 's.analyst_id')
    .select((eb) => [
      's.id',
      's.name',
      's.business_domain',
      's.analyst_id',
      'a.display_name as analyst_name',
      eb
        .selectFrom('demands as d')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('d.system_id', '=', 's.id')
        .where('d.status', 'in', ['submitted', 'accepted', 'pending_approval', 'implementing', 'released'])
        .as('open'),
    ])
    .where('s.active', '=', true)
    .orderBy('s.business_domain')
    .orderBy('s.name')
    .execute();
  return {
    items: rows.map((r) => ({
      systemId: r.id,
      systemName: r.name,
      businessDomain: r.business_domain,
      analyst: r.analyst_id ? { id: r.analyst_id, name: r.analyst_name ?? '' } : null,
      open: Number(r.open ?? 0),
    })),
  };
}
