import { sql } from 'kysely';
import { z } from 'zod';
import type { Platform } from '../../platform/http/types.js';
import { defineJob } from '../../platform/jobs/jobs.js';

export const SEARCH_CATCH_UP_JOB = 'assets.searchCatchUp';

/**
 * Writes the search entries of the assets a bulk import left pending (migration 0022), one pending
 * range (an import statement's rows) per transaction until none is left; answers how many entries it
 * wrote. Each takes its range with SKIP LOCKED, so two workers share the work instead of waiting, and
 * reads the assets FOR SHARE: an edit of one of them waits, or is waited for, so the entry is written
 * from the asset as it ends up, never from a version an edit has just replaced. Safe to run again: an
 * entry already there is rewritten.
 */
export async function catchUpAssetSearch(platform: Platform): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await sql<{ taken: number; written: number }>`
      WITH range AS (
        DELETE FROM asset_search_pending WHERE id = (
          SELECT id FROM asset_search_pending ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING first_id, last_id
      ), source AS (
        SELECT a.id, asset_search_text(a.tag, a.serial_no, a.name, a.model) AS text
        FROM assets a JOIN range r ON a.id BETWEEN r.first_id AND r.last_id
        FOR SHARE OF a
      ), written AS (
        INSERT INTO asset_search (asset_id, text) SELECT id, text FROM source
        ON CONFLICT (asset_id) DO UPDATE SET text = excluded.text
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM range)::int AS taken, (SELECT count(*) FROM written)::int AS written
    `.execute(platform.db);
    const { taken, written } = rows[0] ?? { taken: 0, written: 0 };
    total += written;
    // None taken: nothing left, or what is left is another worker's.
    if (!taken) return total;
  }
}

export function assetJobs(platform: Platform) {
  return [
    defineJob({
      name: SEARCH_CATCH_UP_JOB,
      schema: z.object({}),
      handler: async () => {
        await catchUpAssetSearch(platform);
      },
    }),
  ];
}
