import { type Kysely, sql } from 'kysely';

/**
 * Releases 发布 (SPEC §3.4): the approval history and the acceptance records 验收记录 of a release,
 * and which failed release a new one re-plans (复制为新发布). The release itself and the demands it
 * delivers are core tables (0016).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE releases ADD COLUMN copied_from_id bigint REFERENCES releases(id);
    CREATE INDEX releases_copied_from_idx ON releases (copied_from_id) WHERE copied_from_id IS NOT NULL;
    CREATE INDEX releases_requester_idx ON releases (requester_id, status);

    -- Every approve / reject decision, oldest first; a re-submitted release collects several.
    CREATE TABLE release_approvals (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      release_id bigint NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
      decision text NOT NULL CHECK (decision IN ('approved', 'rejected')),
      comment text,
      decided_by bigint NOT NULL REFERENCES users(id),
      decided_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX release_approvals_release_idx ON release_approvals (release_id, decided_at);

    -- Acceptance 验收: the analyst's records (passed makes the release accepted), and one remark per
    -- requester of an included demand.
    CREATE TABLE release_acceptances (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      release_id bigint NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('analyst', 'requester')),
      result text NOT NULL CHECK (result IN ('passed', 'failed')),
      comment text NOT NULL,
      user_id bigint NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX release_acceptances_release_idx ON release_acceptances (release_id, created_at);
    CREATE UNIQUE INDEX release_acceptances_one_remark_key ON release_acceptances (release_id, user_id) WHERE kind = 'requester';
  `.execute(db);
}
