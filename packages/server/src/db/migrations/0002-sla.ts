import { type Kysely, sql } from 'kysely';
import { seedSlaDefaults } from '../../modules/sla/seed.js';
import type { DB } from '../schema.js';

// Business calendars (weekly hours + per-date overrides: holidays and 调休 make-up working days) and
// SLA policies (targets per priority in working minutes, warning share, escalation chain).
// The defaults (标准工作日历 with the official 2025/2026 days, a 7×24 calendar, 标准服务级别 and a 7×24
// policy) are seeded here so that every database, test templates included, has them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE business_calendars (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL,
      time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
      -- 7 arrays (index 0 = Sunday) of [startMinute, endMinute) pairs in local time.
      weekly jsonb NOT NULL CHECK (jsonb_typeof(weekly) = 'array' AND jsonb_array_length(weekly) = 7),
      is_default boolean NOT NULL DEFAULT false,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX business_calendars_name_key ON business_calendars (lower(name));
    CREATE UNIQUE INDEX business_calendars_one_default ON business_calendars ((true)) WHERE is_default;

    CREATE TABLE calendar_days (
      calendar_id bigint NOT NULL REFERENCES business_calendars(id),
      day date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
      name text NOT NULL,
      PRIMARY KEY (calendar_id, day)
    );

    CREATE TABLE sla_policies (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL,
      calendar_id bigint NOT NULL REFERENCES business_calendars(id),
      -- {"P1": {"response": 30, "resolution": 240}, …} in working minutes of the calendar.
      targets jsonb NOT NULL,
      warn_ratio numeric NOT NULL DEFAULT 0.8 CHECK (warn_ratio > 0 AND warn_ratio <= 1),
      -- {"levels": [{"afterBreachMinutes": 0, "notify": "team_lead"}, …]}
      escalation jsonb NOT NULL DEFAULT '{"levels": []}',
      is_default boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (active OR NOT is_default)
    );
    CREATE UNIQUE INDEX sla_policies_name_key ON sla_policies (lower(name));
    CREATE UNIQUE INDEX sla_policies_one_default ON sla_policies ((true)) WHERE is_default;
    CREATE INDEX sla_policies_calendar_idx ON sla_policies (calendar_id);
  `.execute(db);
  await seedSlaDefaults(db as Kysely<DB>);
}
