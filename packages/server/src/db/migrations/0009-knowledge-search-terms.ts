import { type Kysely, sql } from 'kysely';

/**
 * Knowledge search matches on the search vector stripped of positions and weights, and ranks on the
 * full one. The full vector of a Chinese article (words, characters and character pairs, each with
 * up to 32 weighted positions) is ~2.8 kB and stored out of line (TOAST); for a common word (ERP,
 * 密码: a quarter of 10,000 articles) PostgreSQL chose to read every article and fetch every vector
 * to test the match: ~110 ms to count the hits at 10,000 articles. The stripped copy answers the
 * same `@@` (the queries use no positions or weights) from its own GIN index, and a count reads
 * only the matching rows (~3 ms); ranking then fetches full vectors of the hits alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE knowledge_articles ADD COLUMN search_terms tsvector GENERATED ALWAYS AS (strip(search_vector)) STORED;
    CREATE INDEX knowledge_articles_terms_idx ON knowledge_articles USING gin (search_terms);
    DROP INDEX knowledge_articles_search_idx;
  `.execute(db);
}
