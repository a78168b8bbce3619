import { type Kysely, sql } from 'kysely';

/**
 * The audit chain is sealed after commit instead of inside every business transaction.
 *
 * Until now each audited transaction took one global advisory lock to read the last hash, and held
 * it until commit, so every write in the system queued behind every other. Now a business
 * transaction only inserts its entry (hash empty); the sealer (platform/audit/sealer.ts) links
 * committed entries into the chain in `chain_seq` order within about a second. The only update the
 * table accepts is that one sealing write: content columns never change, and nothing is deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE audit_log
      ALTER COLUMN prev_hash DROP NOT NULL,
      ALTER COLUMN hash DROP NOT NULL,
      ADD COLUMN chain_seq bigint;

    -- Entries written before this migration were chained in id order under the lock (ids may have
    -- gaps from rolled-back transactions; chain positions do not).
    ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
    UPDATE audit_log a SET chain_seq = n.seq
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS seq FROM audit_log) n
     WHERE a.id = n.id;
    ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;

    CREATE UNIQUE INDEX audit_log_chain_seq_key ON audit_log (chain_seq);
    CREATE INDEX audit_log_unsealed_idx ON audit_log (id) WHERE chain_seq IS NULL;
    ALTER TABLE audit_log ADD CONSTRAINT audit_log_sealed_whole
      CHECK ((chain_seq IS NULL) = (hash IS NULL) AND (hash IS NULL) = (prev_hash IS NULL));

    CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL
           AND (NEW.id, NEW.at, NEW.actor_id, NEW.actor_name, NEW.ip, NEW.user_agent, NEW.action,
                NEW.object_type, NEW.object_id, NEW.object_label, NEW.before, NEW.after)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.at, OLD.actor_id, OLD.actor_name, OLD.ip, OLD.user_agent, OLD.action,
                OLD.object_type, OLD.object_id, OLD.object_label, OLD.before, OLD.after)
        THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only';
      END $$;
  `.execute(db);
}
