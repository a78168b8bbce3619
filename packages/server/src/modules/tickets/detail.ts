import {
  allowedActions,
  FINAL_STATUSES,
  type HoldReason,
  type Locale,
  type LocalizedFormField,
  type TicketDetail,
  type TicketListQuery,
  type TicketStatus,
  ticketMachine,
} from '@shuyun/shared';
import { sql } from 'kysely';
import { type Database, prepared } from '../../db/database.js';
import { scopeOf } from '../../platform/access/scope.js';
import type { Actor } from '../../platform/context.js';
import { machineActor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { catalogItemNames, localizedItem } from '../catalog/service.js';
import { factsOf, ticketScope } from './access.js';
import {
  applyListFilters,
  applySort,
  SUMMARY_COLUMNS,
  type SummaryRow,
  ticketsInScope,
  ticketsJoined,
  ticketsUnjoined,
  toSummary,
} from './queries.js';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** One ticket as its reader may see it, with the actions they may take now. */
export async function getTicketDetail(db: Database, actor: Actor, id: number): Promise<TicketDetail> {
  const row = await prepared(
    ticketsInScope(db, actor)
      .leftJoin('tickets as merged', 'merged.id', 't.merged_into_id')
      .select([
        ...SUMMARY_COLUMNS,
        't.description',
        't.form_values',
        't.hold_reason',
        't.solution',
        't.resolution_category',
        't.responded_at',
        't.resolved_at',
        't.closed_at',
        't.reopen_count',
        't.rating_tags',
        't.rating_comment',
        't.rating_state',
        't.merged_into_id',
        'merged.number as merged_number',
        't.work_minutes',
        't.approver_ids',
      ])
      .where('t.id', '=', id),
  ).executeTakeFirst();
  if (!row) throw notFound();
  const item = row.catalog_item_id ? await localizedItem(db, row.catalog_item_id, actor.locale) : null;
  const names = new Map(item && row.catalog_item_id ? [[row.catalog_item_id, item.name]] : []);
  const formValues = (row.form_values ?? {}) as Record<string, unknown>;
  const form = item?.form ?? [];
  const me = machineActor(actor);
  const status = row.status as TicketStatus;
  return {
    ...toSummary(row as SummaryRow, names),
    description: row.description,
    formValues,
    form,
    formDisplay: await displayFormValues(db, form, formValues, actor.locale),
    holdReason: row.hold_reason as HoldReason | null,
    solution: row.solution,
    resolutionCategory: row.resolution_category,
    respondedAt: iso(row.responded_at),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    reopenCount: row.reopen_count,
    ratingTags: row.rating_tags,
    ratingComment: row.rating_comment,
    ratingState: row.rating_state as TicketDetail['ratingState'],
    mergedInto: row.merged_into_id && row.merged_number ? { id: row.merged_into_id, number: row.merged_number } : null,
    workMinutes: row.work_minutes,
    allowedActions: allowedActions(ticketMachine, factsOf(row as never), me),
    canComment: !FINAL_STATUSES.includes(status),
    canSeeInternal: actor.permissions.has('ticket.internal'),
    canRate:
      row.requester_id === actor.userId && ['resolved', 'closed'].includes(status) && row.rating_state === 'pending' && !row.merged_into_id,
  };
}

/** How far a search (`q`) counts its matches; past it the total reads "1,000+". */
const SEARCH_TOTAL_CAP = 1000;

/** A page of the caller's tickets for a view, filtered and sorted, with the total. */
export async function listTickets(db: Database, actor: Actor, filter: TicketListQuery) {
  const myTeams = actor.teamIds;
  // "Mine" and "requested" are the caller's own tickets, and with team scope (or wider) "team" is
  // their teams' tickets: all visible by definition, so the scope filter — seven OR-ed conditions
  // that cost more to plan than the page costs to read — is left out.
  const scope = scopeOf(actor, 'ticket.read');
  const visibleByView =
    filter.view === 'mine' || filter.view === 'requested' || (filter.view === 'team' && (scope === 'team' || scope === 'all'));
  const filtered = (from: ReturnType<typeof ticketsJoined>) =>
    applyListFilters(
      (visibleByView ? from : from.where(ticketScope(actor) as never)) as ReturnType<typeof ticketsInScope>,
      actor,
      filter,
      myTeams,
    );
  // A common word matches a large share of a million tickets and counting every match takes
  // seconds (bench/README.md, finding 8), so a search stops counting past SEARCH_TOTAL_CAP.
  const matching = filtered(ticketsUnjoined(db));
  const { total } = filter.q
    ? await db
        .selectFrom(
          matching
            .select(sql<number>`1`.as('one'))
            .limit(SEARCH_TOTAL_CAP + 1)
            .as('m'),
        )
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow()
    : await matching.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const totalCapped = !!filter.q && Number(total) > SEARCH_TOTAL_CAP;
  const rows = await applySort(filtered(ticketsJoined(db)).select(SUMMARY_COLUMNS) as never, filter.sort)
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  const names = await catalogItemNames(
    db,
    [...new Set((rows as SummaryRow[]).map((r) => r.catalog_item_id).filter((x): x is number => !!x))],
    actor.locale,
  );
  return {
    items: (rows as SummaryRow[]).map((r) => toSummary(r, names)),
    total: totalCapped ? SEARCH_TOTAL_CAP : Number(total),
    totalCapped,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

/** Each answer as the reader should see it: option labels, people's and systems' names, file names. */
async function displayFormValues(db: Database, form: LocalizedFormField[], values: Record<string, unknown>, locale: Locale) {
  const ids = (type: string) =>
    form
      .filter((f) => f.type === type)
      .flatMap((f) => [values[f.key]].flat())
      .filter((v): v is number => typeof v === 'number');
  const [people, systems, files] = await Promise.all([
    ids('user').length ? db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', ids('user')).execute() : [],
    ids('system').length ? db.selectFrom('it_systems').select(['id', 'name']).where('id', 'in', ids('system')).execute() : [],
    ids('attachment').length ? db.selectFrom('attachments').select(['id', 'name']).where('id', 'in', ids('attachment')).execute() : [],
  ]);
  const nameOf = (rows: { id: number; name: string }[], id: unknown) => rows.find((r) => r.id === id)?.name ?? `#${String(id)}`;
  const join = (parts: string[]) => parts.join(locale === 'zh-CN' ? '、' : ', ');
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === '') continue;
    const field = form.find((f) => f.key === key);
    const list = [value].flat();
    const label = (v: unknown) => field?.options?.find((o) => o.value === v)?.label ?? String(v);
    switch (field?.type) {
      case 'user':
        out[key] = join(list.map((v) => nameOf(people, v)));
        break;
      case 'system':
        out[key] = join(list.map((v) => nameOf(systems, v)));
        break;
      case 'attachment':
        out[key] = join(list.map((v) => nameOf(files, v)));
        break;
      default:
        out[key] = join(list.map(label));
    }
  }
  return out;
}
