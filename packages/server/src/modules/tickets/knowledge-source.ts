import { type SqlBool, sql } from 'kysely';
import { AppError } from '../../platform/errors.js';
import { containsPattern } from '../../platform/search/index.js';
import { type KnowledgeSourceAdapter, registerKnowledgeSource, type SourceRecord } from '../knowledge/sources.js';
import { getTicketDetail } from './detail.js';
import { ticketsInScope } from './queries.js';

const RESOLVED = ['resolved', 'closed'];

const recordOf = (t: { id: number; number: string; title: string }): SourceRecord => ({
  type: 'ticket',
  id: t.id,
  number: t.number,
  title: t.title,
  link: `/tickets/${t.id}`,
});

/**
 * Tickets as a knowledge source: "create knowledge from this ticket" pre-fills a known error from
 * its problem and solution; "applied this article" is for those who handle the ticket; similar
 * resolved tickets come from the caller's own ticket scope. Everything goes through the ticket
 * module's scope, so a ticket the caller cannot see is not found.
 */
export const ticketKnowledgeSource: KnowledgeSourceAdapter = {
  async capture(db, actor, id) {
    const t = await getTicketDetail(db, actor, id);
    return {
      record: recordOf(t),
      draft: {
        title: t.title,
        type: 'known_error',
        symptom: t.description.trim() || t.title,
        cause: '',
        solution: t.solution?.trim() ?? '',
        systemIds: t.system ? [t.system.id] : [],
        tags: [t.catalogItem?.name, t.system?.name].filter((x): x is string => !!x).map((x) => x.slice(0, 30)),
      },
    };
  },

  async forApplication(db, actor, id) {
    const t = await getTicketDetail(db, actor, id);
    if (!actor.permissions.has('ticket.handle')) throw new AppError('forbidden');
    return recordOf(t);
  },

  async describe(db, actor, ids) {
    if (!ids.length) return [];
    const rows = await ticketsInScope(db, actor).select(['t.id', 't.number', 't.title']).where('t.id', 'in', ids).orderBy('t.id').execute();
    return rows.map(recordOf);
  },

  async problemText(db, actor, id) {
    const t = await getTicketDetail(db, actor, id);
    return { record: recordOf(t), text: `${t.title} ${t.description.slice(0, 200)}`.trim(), systemId: t.system?.id ?? null };
  },

  // Word matches on title and solution (no text-search column on tickets): a title match counts more.
  async similarResolved(db, actor, query, { excludeId, limit }) {
    const words = query.groups.map((g) => g.word).filter((w) => w.length > 1 || /[^\x00-\x7f]/.test(w));
    if (!words.length) return [];
    const inTitle = words.map((w) => sql<number>`(t.title ILIKE ${containsPattern(w)})::int`);
    const inSolution = words.map((w) => sql<number>`(coalesce(t.solution, '') ILIKE ${containsPattern(w)})::int`);
    const matched = words.map(
      (w) => sql<number>`(t.title ILIKE ${containsPattern(w)} OR coalesce(t.solution, '') ILIKE ${containsPattern(w)})::int`,
    );
    const sum = (parts: ReturnType<typeof sql<number>>[]) => sql<number>`(${sql.join(parts, sql` + `)})`;
    const needed = Math.max(1, Math.ceil(words.length / 2));
    const rows = await ticketsInScope(db, actor)
      .select(['t.id', 't.number', 't.title', 't.status', 't.solution', 't.resolved_at'])
      .where('t.status', 'in', RESOLVED)
      .where('t.id', '!=', excludeId)
      .where('t.solution', 'is not', null)
      .where(sql<SqlBool>`${sum(matched)} >= ${needed}`)
      .orderBy(sql`${sum(matched)}`, 'desc')
      .orderBy(sql`${sum(inTitle)} * 2 + ${sum(inSolution)}`, 'desc')
      .orderBy('t.resolved_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      ...recordOf(r),
      status: r.status,
      solution: r.solution,
      resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
    }));
  },
};

/** Plugs tickets into knowledge capture and application (called at start-up). */
export function registerTicketKnowledgeSource(): void {
  registerKnowledgeSource('ticket', ticketKnowledgeSource);
}
