import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per notify() call: what happened, stored as data; text is rendered when shown or sent,
    -- in the reader's language.
    CREATE TABLE notification_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      type text NOT NULL,
      actor_id bigint REFERENCES users(id),
      record_type text NOT NULL,
      record_id bigint NOT NULL,
      record_number text NOT NULL,
      record_title text NOT NULL,
      record_link text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}',
      audience text NOT NULL CHECK (audience IN ('public', 'internal')),
      -- For internal events: the permission a reader must still hold when it is shown or sent.
      internal_permission text,
      team_id bigint,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((audience = 'internal') = (internal_permission IS NOT NULL))
    );
    CREATE INDEX notification_events_record_idx ON notification_events (record_type, record_id);

    -- The bell: one row per event and recipient.
    CREATE TABLE notifications (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      event_id bigint NOT NULL REFERENCES notification_events(id),
      user_id bigint NOT NULL REFERENCES users(id),
      read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (event_id, user_id)
    );
    CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
    CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

    -- Only choices a user made; everything else follows the event type's defaults.
    CREATE TABLE notification_preferences (
      user_id bigint NOT NULL REFERENCES users(id),
      event_type text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('inApp', 'email')),
      enabled boolean NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, event_type, channel)
    );

    -- Group bots configured by admins.
    CREATE TABLE notification_channels (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      type text NOT NULL CHECK (type IN ('wecom', 'dingtalk', 'feishu')),
      name text NOT NULL,
      webhook_url text NOT NULL,
      secret text,
      event_types text[] NOT NULL DEFAULT '{}',
      team_id bigint REFERENCES teams(id),
      locale text NOT NULL DEFAULT 'zh-CN',
      enabled boolean NOT NULL DEFAULT true,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Every e-mail and bot message: its own id (the delivery job's key), status and attempts.
    CREATE TABLE notification_deliveries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      event_id bigint REFERENCES notification_events(id),
      channel text NOT NULL CHECK (channel IN ('email', 'wecom', 'dingtalk', 'feishu')),
      recipient_id bigint REFERENCES users(id),
      channel_id bigint REFERENCES notification_channels(id) ON DELETE SET NULL,
      target text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    );
    CREATE INDEX notification_deliveries_created_idx ON notification_deliveries (created_at DESC, id DESC);
    CREATE INDEX notification_deliveries_event_idx ON notification_deliveries (event_id);
    CREATE INDEX notification_deliveries_failed_idx ON notification_deliveries (id) WHERE status = 'failed';
  `.execute(db);
}
