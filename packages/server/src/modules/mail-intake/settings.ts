import type { ImapFlowOptions } from 'imapflow';
import type { Config } from '../../config.js';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;

export type IntakeConfig = Pick<
  Config,
  | 'IMAP_URL'
  | 'IMAP_MAILBOX'
  | 'IMAP_POLL_SECONDS'
  | 'MAIL_INTAKE_UNKNOWN_SENDERS'
  | 'IMAP_GUEST_USER'
  | 'MAIL_INTAKE_SENDER_LIMIT'
  | 'MAIL_FROM'
  | 'PUBLIC_URL'
>;

/** Refuses, at start-up, settings that cannot work together. */
export function checkIntakeConfig(config: IntakeConfig): void {
  if (config.IMAP_URL && config.MAIL_INTAKE_UNKNOWN_SENDERS === 'guest' && !config.IMAP_GUEST_USER) {
    throw new Error('Invalid configuration:\n  IMAP_GUEST_USER: required when MAIL_INTAKE_UNKNOWN_SENDERS is guest');
  }
  if (config.IMAP_URL) imapOptions(config.IMAP_URL);
}

/**
 * imapflow's connection options from IMAP_URL: `imaps://` is TLS from the start, `imap://` upgrades
 * with STARTTLS — required unless the server is on this machine, so a password never crosses a
 * network in clear text.
 */
export function imapOptions(url: string): ImapFlowOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('Invalid configuration:\n  IMAP_URL: not a valid URL');
  }
  const secure = parsed.protocol === 'imaps:';
  const host = parsed.hostname;
  if (!host || !parsed.username) throw new Error('Invalid configuration:\n  IMAP_URL: needs a user and a host');
  return {
    host,
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    ...(secure ? {} : { doSTARTTLS: LOOPBACK.test(host) ? undefined : true }),
    auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    disableAutoIdle: true,
  };
}
