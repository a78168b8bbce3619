// Knowledge articles at bench scale, made by the knowledge module's own demo seeder scaled up
// (seedKnowledgeDemo({ articles })): the same templates over more sites × departments, review
// history, versions, votes, deflections and applications on resolved tickets, and the search
// columns computed by the module's searchColumns (Intl.Segmenter → tsvector) exactly as publishing writes them.
import { sql } from 'kysely';
import type { Database } from '../../packages/server/src/db/database.js';
import { seedKnowledgeDemo } from '../../packages/server/src/modules/knowledge/demo.js';

/** Resolved tickets applications are drawn from, spread over the ids (1M would not fit the seeder's scan). */
const APPLICATION_TICKETS = 100_000;

/** Removes every knowledge row (and the timeline entries and links they made), for a re-run on an existing dataset. */
export async function clearKnowledge(db: Database): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const statement of [
      `DELETE FROM activity WHERE record_type = 'knowledge' OR (record_type = 'ticket' AND kind = 'knowledgeApplied')`,
      `DELETE FROM record_links WHERE from_type = 'knowledge' OR to_type = 'knowledge'`,
      // One TRUNCATE: deleting versions row by row checks the articles' published_version_id (no index) each time.
      'TRUNCATE knowledge_applications, knowledge_deflections, knowledge_votes, knowledge_views, knowledge_versions, knowledge_articles, knowledge_categories RESTART IDENTITY',
      `DELETE FROM number_sequences WHERE prefix = 'ZS'`,
    ])
      await sql.raw(statement).execute(trx);
  });
}

/** `articles` knowledge articles as of `now`, deterministic for a seed; returns what the seeder reports. */
export async function generateKnowledge(db: Database, options: { articles: number; seed: number; now: Date; timeZone: string }) {
  return db
    .transaction()
    .execute((trx) => seedKnowledgeDemo(trx, { ...options, seed: options.seed + 1, applicationTickets: APPLICATION_TICKETS }));
}
