import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { businessDay } from '../../platform/numbering/numbering.js';
import { type ContentColumns, searchColumns } from './content.js';
import { DEMO_CATEGORIES, DEMO_TOPICS, type DemoTopic } from './demo-data.js';
import { MAX_VARIANTS, variantOf } from './demo-variants.js';

/** A small deterministic PRNG (mulberry32), as the ticket demo uses. */
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
const CONTEXTS = ['居家办公', '门店', '新员工', '出差', '总部', '分公司'];
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fill = (text: string, subject: string) => text.replaceAll('{s}', subject);
const para = (text: string) => `<p>${esc(text)}</p>`;

function content(
  topic: DemoTopic,
  subject: string,
  title: string,
  context: string | null,
  categoryId: number,
  systemId: number | null,
  notes: string[] = [],
): ContentColumns {
  const scene = (context ? para(`适用场景：${context}。`) : '') + notes.map(para).join('');
  const known = topic.type === 'known_error';
  const body =
    topic.type === 'how_to'
      ? `${scene}<h3>操作步骤</h3><ol>${(topic.steps ?? []).map((s) => `<li>${esc(fill(s, subject))}</li>`).join('')}</ol><p>如按以上步骤仍无法解决，请提交工单。</p>`
      : topic.type === 'faq'
        ? `${scene}${para(fill(topic.answer ?? '', subject))}`
        : scene;
  return {
    title,
    type: topic.type,
    category_id: categoryId,
    tags: [...topic.tags, ...(context ? [context] : [])],
    system_ids: systemId ? [systemId] : [],
    audience: topic.itOnly ? 'it_staff' : 'everyone',
    body_html: body,
    symptom_html: known ? para(fill(topic.symptom ?? '', subject)) : '',
    cause_html: known ? para(fill(topic.cause ?? '', subject)) : '',
    workaround_html: known ? para(fill(topic.workaround ?? '', subject)) : '',
    fix_html: known ? para(fill(topic.fix ?? '', subject)) : '',
  };
}

interface Plan {
  topic: DemoTopic;
  columns: ContentColumns;
  created: Date;
  owner: number;
  reviewer: number;
  /** Published revisions before the current one (0–2), whether it is archived, and the state of any working version. */
  olderVersions: number;
  rejectedOnce: boolean;
  fate: 'published' | 'archived' | 'draft' | 'submitted' | 'rejected';
  pending: 'draft' | 'submitted' | null;
}

/** Options of the demo knowledge base; `articles` scales it up for benchmarks (see demo-variants.ts). */
export interface KnowledgeDemoOptions {
  seed?: number;
  now?: Date;
  timeZone?: string;
  /**
   * About this many articles (exactly, when the templates allow): each template title once plainly and
   * for as many sites × departments as it takes. Without it, the demo's few hundred.
   */
  articles?: number;
  /** Applications are drawn from at most about this many resolved tickets (spread over ids); default all. */
  applicationTickets?: number;
}

/**
 * The demo knowledge base: a category tree with reviewers and a few hundred realistic Chinese
 * articles (accounts, VPN, printers, mail, ERP/POS errors, network, hardware) made from templates —
 * known errors, how-tos, FAQs, some IT-only — with review history (some rejected first), older
 * versions, pending edits, a few archived or overdue for review, helpful votes, views, deflections,
 * and applications linked to resolved demo tickets. Deterministic for a given seed and `now`.
 */
export async function seedKnowledgeDemo(trx: Transaction<DB>, options: KnowledgeDemoOptions = {}) {
  const r = rng(options.seed ?? 20261123);
  const now = options.now ?? new Date();
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const scaled = options.articles !== undefined;
  const users = await trx
    .selectFrom('users as u')
    .innerJoin('user_roles as ur', 'ur.user_id', 'u.id')
    .innerJoin('roles as ro', 'ro.id', 'ur.role_id')
    .select(['u.id', 'u.username', 'ro.permissions'])
    .where('u.active', '=', true)
    .execute();
  const holders = (permission: string) => [...new Set(users.filter((u) => u.permissions.includes(permission)).map((u) => u.id))];
  const writers = holders('knowledge.write');
  const reviewers = holders('knowledge.review');
  const everyone = [...new Set(users.map((u) => u.id))];
  // At scale the demo's reviewer names may belong to anyone: only people who review count.
  const byName = new Map(users.filter((u) => !scaled || reviewers.includes(u.id)).map((u) => [u.username, u.id]));
  if (!writers.length || !reviewers.length) return { articles: 0 };

  const categoryIds = new Map<string, number>();
  for (const [index, [name, nameEn, parent, reviewerNames]] of DEMO_CATEGORIES.entries()) {
    const row = await trx
      .insertInto('knowledge_categories')
      .values({
        name,
        name_en: nameEn,
        parent_id: parent ? (categoryIds.get(parent) ?? null) : null,
        description: `${name}相关的常见问题与操作指南`,
        reviewer_ids: reviewerNames.map((n) => byName.get(n)).filter((id): id is number => !!id),
        sort_order: (index + 1) * 10,
      })
      .returning(['id', 'reviewer_ids'])
      .executeTakeFirstOrThrow();
    categoryIds.set(name, row.id);
  }
  const categoryReviewers = new Map<number, number[]>();
  for (const [name, , , reviewerNames] of DEMO_CATEGORIES) {
    const named = reviewerNames.map((n) => byName.get(n)).filter((id): id is number => !!id);
    categoryReviewers.set(categoryIds.get(name) as number, named.length ? named : reviewers);
  }
  const systems = new Map((await trx.selectFrom('it_systems').select(['id', 'code']).execute()).map((s) => [s.code, s.id]));

  const plans: Plan[] = [];
  const plan = (topic: DemoTopic, subject: string, title: string, context: string | null, notes: string[] = []) => {
    const categoryId = categoryIds.get(topic.category) as number;
    const owner = r.pick(writers);
    const pool = (categoryReviewers.get(categoryId) ?? reviewers).filter((id) => id !== owner);
    const roll = r.next();
    plans.push({
      topic,
      columns: content(topic, subject, title, context, categoryId, topic.system ? (systems.get(topic.system) ?? null) : null, notes),
      created: new Date(now.getTime() - Math.floor(20 + r.next() * 700) * DAY),
      owner,
      reviewer: pool.length ? r.pick(pool) : (reviewers.find((id) => id !== owner) ?? owner),
      olderVersions: r.next() < 0.15 ? (r.next() < 0.3 ? 2 : 1) : 0,
      rejectedOnce: r.next() < 0.12,
      fate: roll < 0.02 ? 'archived' : roll < 0.035 ? 'draft' : roll < 0.05 ? 'submitted' : roll < 0.06 ? 'rejected' : 'published',
      pending: r.next() < 0.05 ? (r.next() < 0.5 ? 'draft' : 'submitted') : null,
    });
  };
  if (!scaled) {
    // Every subject × title of every topic, once plainly and once for a usage context.
    for (const topic of DEMO_TOPICS) {
      for (const subject of topic.subjects) {
        for (const [t, template] of topic.title.entries()) {
          for (const context of [null, CONTEXTS[(plans.length + t) % CONTEXTS.length] as string]) {
            if (context && topic.title.length === 1 && r.next() < 0.3) continue;
            const base = fill(template, subject);
            plan(topic, subject, context ? `${base}（${context}）` : base, context);
          }
        }
      }
    }
  } else {
    // Every subject × title once plainly, then for as many sites × departments as the count needs.
    const bases = DEMO_TOPICS.flatMap((topic) =>
      topic.subjects.flatMap((subject) => topic.title.map((template) => ({ topic, subject, template }))),
    );
    const wanted = options.articles as number;
    const per = Math.min(MAX_VARIANTS, Math.max(0, Math.ceil(wanted / bases.length) - 1));
    const candidates = bases.flatMap((b, i) => [{ b, i, j: -1 }, ...Array.from({ length: per }, (_, j) => ({ b, i, j }))]);
    // Drop random variants (never a plain title) down to the count asked for.
    const variantAt = candidates.flatMap((c, k) => (c.j >= 0 ? [k] : []));
    const dropped = new Set<number>();
    for (let k = 0; k < Math.min(variantAt.length, candidates.length - wanted); k++) {
      const swap = k + Math.floor(r.next() * (variantAt.length - k));
      [variantAt[k], variantAt[swap]] = [variantAt[swap] as number, variantAt[k] as number];
      dropped.add(variantAt[k] as number);
    }
    for (const [k, { b, i, j }] of candidates.entries()) {
      if (dropped.has(k) || plans.length >= wanted) continue;
      const base = fill(b.template, b.subject);
      if (j < 0) plan(b.topic, b.subject, base, null);
      else {
        const v = variantOf(i, j);
        plan(b.topic, b.subject, v.title(base), v.context, v.notes);
      }
    }
  }
  plans.sort((a, b) => a.created.getTime() - b.created.getTime());

  // Numbers by creation day, continuing after the demo's for new articles made today.
  const perDay = new Map<string, number>();
  const numbers = plans.map((p) => {
    const day = businessDay(p.created, timeZone);
    const n = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, n);
    return `ZS${day.replaceAll('-', '')}-${String(n).padStart(4, '0')}`;
  });

  const articleRows: { id: number }[] = [];
  for (let s = 0; s < plans.length; s += 1000) {
    const rows = await trx
      .insertInto('knowledge_articles')
      .values(
        plans.slice(s, s + 1000).map((p, k) => ({
          number: numbers[s + k] as string,
          status: 'draft',
          owner_id: p.owner,
          created_by: p.owner,
          title: p.columns.title,
          type: p.columns.type,
          category_id: p.columns.category_id,
          tags: p.columns.tags,
          system_ids: p.columns.system_ids,
          audience: p.columns.audience,
          created_at: p.created,
          updated_at: p.created,
        })),
      )
      .returning('id')
      .execute();
    articleRows.push(...rows);
  }

  const activity: {
    record_type: string;
    record_id: number;
    at: Date;
    actor_id: number | null;
    kind: string;
    payload: string;
    internal?: boolean;
  }[] = [];
  const event = (recordType: string, id: number, at: Date, actor: number | null, kind: string, payload: object = {}, internal = false) =>
    activity.push({ record_type: recordType, record_id: id, at, actor_id: actor, kind, payload: JSON.stringify(payload), internal });
  const published: { index: number; id: number; at: Date }[] = [];
  // Versions are written in batches after the loop (in this order, so ids are as one-by-one inserts made
  // them); each article's published copy is written onto it with its searchable columns after that.
  const versionRows: Record<string, unknown>[] = [];
  const articleUpdates: {
    id: number;
    version: number;
    search: ContentColumns;
    status: string;
    publishedAt: Date;
    reviewBy: string;
    edition: number;
  }[] = [];

  for (const [i, p] of plans.entries()) {
    const articleId = articleRows[i]?.id as number;
    event('knowledge', articleId, p.created, p.owner, 'created');
    let at = p.created;
    let revision = 0;
    let publishedVersion: number | null = null;
    let publishedContent = p.columns;
    const version = (status: string, fields: Partial<Record<string, unknown>> = {}) => {
      revision++;
      versionRows.push({
        article_id: articleId,
        revision,
        status,
        created_by: p.owner,
        based_on_revision: revision > 1 ? revision - 1 : null,
        ...p.columns,
        created_at: at,
        updated_at: at,
        ...fields,
      });
      return versionRows.length - 1;
    };
    const reviewFlow = (outcome: 'published' | 'rejected', first: boolean) => {
      const submitted = new Date(at.getTime() + 2 * 3600_000);
      const reviewed = new Date(submitted.getTime() + (4 + r.next() * 40) * 3600_000);
      event('knowledge', articleId, submitted, p.owner, 'stateChanged', { from: first ? 'draft' : 'rejected', to: 'submitted' });
      event('knowledge', articleId, reviewed, p.reviewer, 'stateChanged', {
        from: 'submitted',
        to: outcome,
        ...(outcome === 'rejected' ? { reason: '请补充操作截图和适用范围' } : {}),
      });
      at = reviewed;
      return { submitted_at: submitted, reviewed_by: p.reviewer, reviewed_at: reviewed };
    };

    if (p.fate === 'draft' || p.fate === 'submitted' || p.fate === 'rejected') {
      const fields =
        p.fate === 'submitted'
          ? { submitted_at: new Date(at.getTime() + 3600_000) }
          : p.fate === 'rejected'
            ? { ...reviewFlow('rejected', true), review_comment: '请补充操作截图和适用范围' }
            : {};
      if (p.fate === 'submitted')
        event('knowledge', articleId, fields.submitted_at as Date, p.owner, 'stateChanged', { from: 'draft', to: 'submitted' });
      version(p.fate, fields);
      continue;
    }
    // Older published versions, then the current one; some were rejected once before approval.
    for (let v = 0; v <= p.olderVersions; v++) {
      if (v > 0) {
        at = new Date(at.getTime() + (10 + r.next() * 120) * DAY);
        if (at > now) at = new Date(now.getTime() - DAY);
        event('knowledge', articleId, at, p.owner, 'versionCreated', { revision: revision + 1, fromRevision: revision });
      }
      let reviewed = reviewFlow(p.rejectedOnce && v === 0 ? 'rejected' : 'published', true);
      if (p.rejectedOnce && v === 0) reviewed = reviewFlow('published', false);
      const last = v === p.olderVersions;
      const status = !last ? 'superseded' : p.fate === 'archived' ? 'archived' : 'published';
      const edited = v > 0 ? { body_html: `${p.columns.body_html}${para(`第 ${v + 1} 版补充：已在新版客户端上验证。`)}` } : {};
      publishedVersion = version(status, { ...reviewed, published_at: at, review_comment: '内容准确，同意发布', ...edited });
      publishedContent = { ...p.columns, ...edited };
    }
    if (p.pending) {
      at = new Date(Math.min(now.getTime() - 3600_000, at.getTime() + 30 * DAY));
      event('knowledge', articleId, at, p.owner, 'versionCreated', { revision: revision + 1, fromRevision: revision });
      version(p.pending, p.pending === 'submitted' ? { submitted_at: at } : {});
    }
    const reviewBy = businessDay(new Date(at.getTime() + (r.next() < 0.06 ? -20 : 365) * DAY), timeZone);
    articleUpdates.push({
      id: articleId,
      version: publishedVersion as number,
      search: publishedContent,
      status: p.fate === 'archived' ? 'archived' : 'published',
      publishedAt: at,
      reviewBy,
      edition: 2 + p.olderVersions,
    });
    if (p.fate === 'archived')
      event('knowledge', articleId, new Date(at.getTime() + DAY), p.owner, 'stateChanged', { from: 'published', to: 'archived' });
    else published.push({ index: i, id: articleId, at });
  }

  const versionIds: number[] = [];
  for (let s = 0; s < versionRows.length; s += 1000) {
    const rows = await trx
      .insertInto('knowledge_versions')
      .values(versionRows.slice(s, s + 1000) as never)
      .returning('id')
      .execute();
    versionIds.push(...rows.map((row) => row.id));
  }
  // The published copy onto its article, with the search columns the module itself computes.
  for (let s = 0; s < articleUpdates.length; s += 500) {
    const rows = articleUpdates.slice(s, s + 500).map((u) => {
      const search = searchColumns(u.search);
      return sql`(${u.id}::bigint, ${search.search_text}::text, ${search.search_vector}::text, ${u.status}::text, ${versionIds[u.version]}::bigint,
        ${u.publishedAt}::timestamptz, ${u.reviewBy}::date, ${u.edition}::int)`;
    });
    await sql`UPDATE knowledge_articles a SET search_text = v.search_text, search_vector = v.search_vector::tsvector, status = v.status,
        published_version_id = v.version_id, published_at = v.published_at, review_by = v.review_by, updated_at = v.published_at,
        version = v.edition
      FROM (VALUES ${sql.join(rows)}) AS v(id, search_text, search_vector, status, version_id, published_at, review_by, edition)
      WHERE a.id = v.id`.execute(trx);
  }

  // Feedback: votes from people (mostly helpful), views, and "solved my problem" deflections.
  const votes: { article_id: number; user_id: number; helpful: boolean; created_at: Date; updated_at: Date }[] = [];
  const deflections: { article_id: number; user_id: number; day: string; query: string; channel: string; created_at: Date }[] = [];
  const counters = new Map<number, { views: number; yes: number; no: number; deflections: number; applications: number }>();
  for (const a of published) {
    const plan = plans[a.index] as Plan;
    const popularity = r.next() ** 3;
    const c = { views: Math.floor(5 + popularity * 900), yes: 0, no: 0, deflections: 0, applications: 0 };
    const voters = new Set<number>();
    const voteCount = Math.floor(popularity * 25 * r.next());
    for (let v = 0; v < voteCount; v++) voters.add(r.pick(everyone));
    for (const user of voters) {
      if (user === plan.owner) continue;
      const helpful = r.next() < 0.82;
      if (helpful) c.yes++;
      else c.no++;
      const when = new Date(a.at.getTime() + r.next() * Math.max(DAY, now.getTime() - a.at.getTime()));
      votes.push({ article_id: a.id, user_id: user, helpful, created_at: when, updated_at: when });
    }
    if (plan.columns.audience === 'everyone') {
      const solved = Math.floor(popularity * 8 * r.next());
      for (let d = 0; d < solved; d++) {
        const when = new Date(a.at.getTime() + r.next() * Math.max(DAY, now.getTime() - a.at.getTime()));
        deflections.push({
          article_id: a.id,
          user_id: r.pick(everyone),
          day: businessDay(when, timeZone),
          query: plan.columns.title.slice(0, 20),
          channel: r.next() < 0.6 ? 'mobile' : 'pc',
          created_at: when,
        });
      }
    }
    counters.set(a.id, c);
  }
  for (let s = 0; s < votes.length; s += 2000)
    await trx
      .insertInto('knowledge_votes')
      .values(votes.slice(s, s + 2000))
      .execute();
  const keptDeflections = deflections.length
    ? await trx
        .insertInto('knowledge_deflections')
        .values(deflections)
        .onConflict((oc) => oc.doNothing())
        .returning('article_id')
        .execute()
    : [];
  for (const d of keptDeflections) (counters.get(d.article_id) as { deflections: number }).deflections++;

  // Applications: resolved demo tickets whose title names the article's topic.
  let ticketQuery = trx
    .selectFrom('tickets')
    .select(['id', 'number', 'title', 'assignee_id', 'resolved_at'])
    .where('status', 'in', ['resolved', 'closed'])
    .where('resolved_at', 'is not', null);
  if (options.applicationTickets) {
    const { n } = await trx.selectFrom('tickets').select(sql<string>`coalesce(max(id), 0)`.as('n')).executeTakeFirstOrThrow();
    ticketQuery = ticketQuery.where(sql<boolean>`id % ${Math.max(1, Math.floor(Number(n) / options.applicationTickets))} = 0`);
  }
  const tickets = await ticketQuery.execute();
  // Each topic's tickets once (in the same order), rather than every ticket for every article.
  const byTopic = new Map(DEMO_TOPICS.map((topic) => [topic, tickets.filter((t) => topic.ticketWords.some((w) => t.title.includes(w)))]));
  const applications: { article_id: number; record_type: string; record_id: number; user_id: number; created_at: Date }[] = [];
  const taken = new Set<string>();
  for (const a of published) {
    const plan = plans[a.index] as Plan;
    const matching = (byTopic.get(plan.topic) ?? []).filter((t) => (t.resolved_at as Date) > a.at);
    const wanted = Math.min(matching.length, Math.floor(r.next() ** 2 * 7));
    for (let k = 0; k < wanted; k++) {
      const tk = r.pick(matching);
      const key = `${a.id}:${tk.id}`;
      if (taken.has(key)) continue;
      taken.add(key);
      const user = tk.assignee_id ?? plan.owner;
      applications.push({ article_id: a.id, record_type: 'ticket', record_id: tk.id, user_id: user, created_at: tk.resolved_at as Date });
      event(
        'ticket',
        tk.id,
        tk.resolved_at as Date,
        user,
        'knowledgeApplied',
        { articleNumber: numbers[a.index], articleTitle: plan.columns.title },
        plan.columns.audience !== 'everyone',
      );
      (counters.get(a.id) as { applications: number }).applications++;
    }
  }
  for (let s = 0; s < applications.length; s += 2000) {
    const batch = applications.slice(s, s + 2000);
    await trx.insertInto('knowledge_applications').values(batch).execute();
    await trx
      .insertInto('record_links')
      .values(
        batch.map((b) => ({
          from_type: 'knowledge',
          from_id: b.article_id,
          to_type: 'ticket',
          to_id: b.record_id,
          created_by: b.user_id,
          created_at: b.created_at,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  // Counters in one statement from the values computed above.
  const entries = [...counters.entries()];
  for (let s = 0; s < entries.length; s += 500) {
    const rows = entries
      .slice(s, s + 500)
      .map(([id, c]) => sql`(${id}::bigint, ${c.views}::int, ${c.yes}::int, ${c.no}::int, ${c.deflections}::int, ${c.applications}::int)`);
    await sql`UPDATE knowledge_articles a SET view_count = v.views, helpful_count = v.yes, not_helpful_count = v.no,
        deflection_count = v.deflections, application_count = v.applications
      FROM (VALUES ${sql.join(rows)}) AS v(id, views, yes, no, deflections, applications) WHERE a.id = v.id`.execute(trx);
  }
  for (let s = 0; s < activity.length; s += 2000)
    await trx
      .insertInto('activity')
      .values(activity.slice(s, s + 2000))
      .execute();
  for (const [day, last] of perDay) {
    await trx
      .insertInto('number_sequences')
      .values({ prefix: 'ZS', day, last })
      .onConflict((oc) => oc.columns(['prefix', 'day']).doUpdateSet({ last: sql`greatest(number_sequences.last, excluded.last)` }))
      .execute();
  }
  return { articles: plans.length, published: published.length, applications: applications.length };
}
