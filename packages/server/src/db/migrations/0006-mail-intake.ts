import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Every mail the intake has handled, whatever became of it. Written in the same transaction as
    -- the ticket or comment it made, so a message found here is never turned into anything again.
    CREATE TABLE mail_intake_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      message_id text NOT NULL,
      from_address text NOT NULL,
      subject text NOT NULL DEFAULT '',
      outcome text NOT NULL CHECK (outcome IN ('ticket', 'comment', 'ignored', 'rejected')),
      reason text,
      -- Skipped attachments, the refused service's error code, the replied-to ticket number…
      details jsonb NOT NULL DEFAULT '{}',
      ticket_id bigint REFERENCES tickets(id),
      sender_id bigint REFERENCES users(id),
      -- When the mail server received it (IMAP INTERNALDATE): the per-sender rate limit counts by it.
      received_at timestamptz NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX mail_intake_log_message_id_key ON mail_intake_log (message_id);
    CREATE INDEX mail_intake_log_processed_idx ON mail_intake_log (processed_at DESC, id DESC);
    CREATE INDEX mail_intake_log_sender_idx ON mail_intake_log (from_address, received_at);
    CREATE INDEX mail_intake_log_ticket_idx ON mail_intake_log (ticket_id) WHERE ticket_id IS NOT NULL;

    -- Senders are matched to people by address, case-insensitively.
    CREATE INDEX users_email_lower_idx ON users (lower(email)) WHERE email IS NOT NULL;
  `.execute(db);
}
