import { type Kysely, sql } from 'kysely';

/**
 * Each person's open load (tickets assigned to them in new / in_progress / on_hold), for
 * least-loaded routing. Counting it from tickets took half of PostgreSQL's time per submission at
 * 1M tickets: the open tickets are the recently changed ones, so their heap pages are rarely
 * all-visible and the index-only scan fetched nearly every row (bench/README.md, finding 6).
 *
 * The count is kept by a trigger, so every path that changes a ticket (service, merge, mail intake,
 * a future import, plain SQL) keeps it exact. The trigger is a deferred constraint trigger: it runs
 * at commit, so the person's row is locked only while the transaction commits, not for its whole
 * length (two submissions routed to the same person would otherwise queue behind each other). A
 * change that moves a ticket between two people updates both rows in id order, so two opposite
 * transfers committing together cannot deadlock.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE ticket_open_load (
      user_id bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      open_count integer NOT NULL DEFAULT 0
    )
  `.execute(db);
  await sql`
    CREATE FUNCTION ticket_open_load_track() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      was bigint;
      now_on bigint;
    BEGIN
      IF TG_OP <> 'INSERT' AND OLD.status IN ('new', 'in_progress', 'on_hold') THEN was := OLD.assignee_id; END IF;
      IF TG_OP <> 'DELETE' AND NEW.status IN ('new', 'in_progress', 'on_hold') THEN now_on := NEW.assignee_id; END IF;
      IF was IS NOT DISTINCT FROM now_on THEN RETURN NULL; END IF;
      INSERT INTO ticket_open_load AS l (user_id, open_count)
        SELECT v.user_id, v.delta FROM (VALUES (was, -1), (now_on, 1)) AS v (user_id, delta)
         WHERE v.user_id IS NOT NULL
         ORDER BY v.user_id
        ON CONFLICT (user_id) DO UPDATE SET open_count = l.open_count + excluded.open_count;
      RETURN NULL;
    END
    $$
  `.execute(db);
  await sql`
    CREATE CONSTRAINT TRIGGER tickets_open_load
      AFTER INSERT OR DELETE OR UPDATE OF assignee_id, status ON tickets
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION ticket_open_load_track()
  `.execute(db);
  await rebuildOpenLoad(db);
}

/** Recounts every person's open load from the tickets (after a bulk load with the trigger disabled). */
export async function rebuildOpenLoad(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM ticket_open_load`.execute(db);
  await sql`
    INSERT INTO ticket_open_load (user_id, open_count)
    SELECT assignee_id, count(*) FROM tickets
     WHERE assignee_id IS NOT NULL AND status IN ('new', 'in_progress', 'on_hold')
     GROUP BY assignee_id
  `.execute(db);
}
