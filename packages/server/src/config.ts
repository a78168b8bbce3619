import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));

/** Every environment variable Shuyun reads. The README's configuration table mirrors this list. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  DATABASE_PREPARED_STATEMENTS: bool.default(true),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  TIMEZONE: z.string().default('Asia/Shanghai'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: bool.default(false),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(6).max(128).default(8),
  PASSWORD_MIN_CLASSES: z.coerce.number().int().min(1).max(4).default(3),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  BODY_LIMIT_KB: z.coerce.number().int().min(16).max(100_000).default(1024),
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(2048).default(20),
  UPLOAD_ALLOWED_TYPES: z
    .string()
    .default(
      'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv,application/zip,' +
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,' +
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document,' +
        'application/vnd.openxmlformats-officedocument.presentationml.presentation,' +
        'application/msword,application/vnd.ms-excel,application/vnd.ms-powerpoint',
    ),
  JOBS: z.enum(['inline', 'off']).default('inline'),
  DEMO_DATA: z.enum(['auto', 'true', 'false']).default('auto'),
  DEMO_TICKETS: z.coerce.number().int().min(0).max(1_000_000).default(3000),
  TICKET_AUTO_CLOSE_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  DEMAND_AUTO_CLOSE_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  WEB_DIST: z.string().optional(),
  METRICS_TOKEN: z.string().min(16).optional(),
  // Notifications: e-mail is off while SMTP_URL is unset (deliveries are logged as skipped).
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'expected smtp://user:pass@host:587 or smtps://…')
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).optional(),
  NOTIFY_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(5),
  NOTIFY_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  // Mail intake: an IMAP mailbox polled for new tickets and replies; off while IMAP_URL is unset.
  IMAP_URL: z
    .string()
    .regex(/^imaps?:\/\/[^\s]+$/, 'expected imaps://user:pass@mail.example.com:993 or imap://… (STARTTLS)')
    .optional(),
  IMAP_MAILBOX: z.string().min(1).max(200).default('INBOX'),
  IMAP_POLL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(3600)
    .refine((v) => v % 60 === 0, 'expected a multiple of 60 (schedules run on whole minutes)')
    .default(60),
  MAIL_INTAKE_UNKNOWN_SENDERS: z.enum(['reject', 'guest']).default('reject'),
  IMAP_GUEST_USER: z.string().min(1).max(100).optional(),
  MAIL_INTAKE_SENDER_LIMIT: z.coerce.number().int().min(1).max(10_000).default(20),
});

export type Config = ReturnType<typeof loadConfig>;

/** Reads `.env` (if present) under the real environment, validates, and resolves paths. */
export function loadConfig(overrides: Record<string, string | undefined> = {}) {
  const fromFile = existsSync('.env') ? parseEnv(readFileSync('.env')) : {};
  const parsed = Env.safeParse({ ...fromFile, ...process.env, ...overrides });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    ...env,
    dataDir,
    filesDir: path.join(dataDir, 'files'),
    uploadAllowedTypes: new Set(env.UPLOAD_ALLOWED_TYPES.split(',').map((s) => s.trim())),
  };
}
