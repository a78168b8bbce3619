import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// Real protocol peers on loopback for the notification tests: an SMTP server that captures mail, a
// webhook receiver that verifies the vendors' signatures independently, and a guard that fails any
// connection leaving the machine.

/** Polls until `check` returns a truthy value or the deadline passes. */
type Falsy = null | undefined | false | 0 | '';
export async function waitFor<T>(check: () => Promise<T | Falsy> | T | Falsy, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------------------------------------------
// Outbound guard

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3})$/i;

/**
 * Refuses every TCP connection to a host other than loopback (and `allowHosts`), recording it.
 * Applies to everything in this process: fetch, SMTP, database clients.
 */
export function guardOutbound(allowHosts: string[] = []) {
  const blocked: string[] = [];
  const original = net.Socket.prototype.connect;
  const allowed = (host: string) => LOOPBACK.test(host) || allowHosts.includes(host);
  function guarded(this: net.Socket, ...args: unknown[]) {
    const host = targetHost(args);
    if (host !== null && !allowed(host)) {
      blocked.push(host);
      process.nextTick(() => this.destroy(new Error(`unexpected outbound connection to ${host}`)));
      return this;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  }
  net.Socket.prototype.connect = guarded as typeof original;
  return {
    blocked,
    restore() {
      net.Socket.prototype.connect = original;
    },
  };
}

/** The host a Socket#connect call targets, or null for a local (unix) socket. */
function targetHost(args: unknown[]): string | null {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return typeof args[1] === 'string' ? args[1] : 'localhost';
  }
  if (typeof first === 'string') return null; // a path
  const options = first as { host?: string; path?: string } | undefined;
  if (options?.path) return null;
  return (options?.host ?? 'localhost').replace(/^\[|\]$/g, '');
}

// ---------------------------------------------------------------------------------------------------
// SMTP

export interface CapturedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

/** An SMTP server on 127.0.0.1 that requires the given login and keeps every message it accepts. */
export async function startSmtpCapture(auth = { user: 'mailer', pass: 'mail-secret' }) {
  const mails: CapturedMail[] = [];
  /** Addresses answered with a permanent 550 at RCPT TO. */
  const reject = new Set<string>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(credentials, _session, callback) {
      if (credentials.username === auth.user && credentials.password === auth.pass) return callback(null, { user: auth.user });
      return callback(new Error('invalid credentials'));
    },
    onRcptTo(address, _session, callback) {
      if (reject.has(address.address)) {
        const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
        return callback(error);
      }
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = parseMime(raw);
        mails.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          headers: parsed.headers,
          subject: decodeWords(parsed.headers.get('subject') ?? ''),
          text: parsed.parts.find((p) => p.type === 'text/plain')?.body ?? '',
          html: parsed.parts.find((p) => p.type === 'text/html')?.body ?? '',
          raw,
        });
        callback();
      });
    },
  });
  // smtp-server re-emits every connection's error (e.g. ECONNRESET when a crash campaign kills the
  // sending server mid-conversation) on the server; unheard, that would crash the test process.
  // A real mail server logs it and goes on serving the others: so does this one, by ignoring it.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://${auth.user}:${auth.pass}@127.0.0.1:${port}`,
    mails,
    reject,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface MimePart {
  type: string;
  body: string;
}

/** Just enough MIME for nodemailer's output: headers, multipart bodies, base64 and quoted-printable. */
export function parseMime(raw: string): { headers: Map<string, string>; parts: MimePart[] } {
  const split = raw.indexOf('\r\n\r\n');
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const body = split >= 0 ? raw.slice(split + 4) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  const contentType = headers.get('content-type') ?? 'text/plain';
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) return { headers, parts: [] };
    const sections = body.split(`--${boundary}`).slice(1);
    const parts = sections.filter((s) => !s.startsWith('--')).flatMap((s) => parseMime(s.replace(/^\r\n/, '')).parts);
    return { headers, parts };
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : Buffer.from(body, 'utf8');
  return { headers, parts: [{ type, body: bytes.toString('utf8').replace(/\r\n/g, '\n').trimEnd() }] };
}

function decodeQuotedPrintable(value: string): Buffer {
  const joined = value.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i] as string, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (B and Q), adjacent words joined without the space between them. */
export function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')).toString('utf8'),
    );
}

// ---------------------------------------------------------------------------------------------------
// Group-bot webhooks

export interface ReceivedWebhook {
  vendor: 'wecom' | 'dingtalk' | 'feishu';
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  verified: boolean;
}

/** DingTalk's check, written from its documentation: base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)). */
export function verifyDingtalk(secret: string, timestamp: string, sign: string, now = Date.now()): boolean {
  if (!/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > 60 * 60 * 1000) return false;
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(Buffer.from(`${timestamp}\n${secret}`, 'utf8'))
    .digest();
  return sameBytes(expected, Buffer.from(sign, 'base64'));
}

/** Feishu's check, written from its documentation: base64(HMAC-SHA256(key = `${timestamp}\n${secret}`, message = empty)). */
export function verifyFeishu(secret: string, timestamp: string, sign: string, now = Date.now()): boolean {
  if (!/^\d+$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > 60 * 60) return false;
  const expected = createHmac('sha256', Buffer.from(`${timestamp}\n${secret}`, 'utf8')).digest();
  return sameBytes(expected, Buffer.from(sign, 'base64'));
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * One HTTP server standing in for the three vendors. Paths: /wecom/send?key=<key>,
 * /dingtalk/send?access_token=<token>, /feishu/hook/<token>. It answers like the vendors do: HTTP 200
 * with an error code in the body when the key or signature is wrong.
 */
export async function startWebhookReceiver(secrets: { wecomKey: string; dingtalk: string; feishu: string }) {
  const received: ReceivedWebhook[] = [];
  /** Answer the next N requests with a vendor error (rate limited), like a busy vendor. */
  const state = { failNext: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {}
      const answer = (status: number, json: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.method !== 'POST') return answer(405, {});
      const vendor = url.pathname.startsWith('/wecom/')
        ? 'wecom'
        : url.pathname.startsWith('/dingtalk/')
          ? 'dingtalk'
          : url.pathname.startsWith('/feishu/')
            ? 'feishu'
            : null;
      if (!vendor) return answer(404, {});
      let verified = false;
      if (vendor === 'wecom') verified = url.searchParams.get('key') === secrets.wecomKey;
      if (vendor === 'dingtalk') {
        verified = verifyDingtalk(secrets.dingtalk, url.searchParams.get('timestamp') ?? '', url.searchParams.get('sign') ?? '');
      }
      if (vendor === 'feishu') verified = verifyFeishu(secrets.feishu, String(body.timestamp ?? ''), String(body.sign ?? ''));
      received.push({ vendor, path: url.pathname, query: url.searchParams, body, verified });
      if (!verified) {
        if (vendor === 'wecom') return answer(200, { errcode: 93000, errmsg: 'invalid webhook url' });
        if (vendor === 'dingtalk') return answer(200, { errcode: 310000, errmsg: 'sign not match' });
        return answer(200, { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' });
      }
      if (state.failNext > 0) {
        state.failNext--;
        if (vendor === 'feishu') return answer(200, { code: 11232, msg: 'frequency limited' });
        return answer(200, { errcode: 45009, errmsg: 'api freq out of limit' });
      }
      if (vendor === 'feishu') return answer(200, { code: 0, msg: 'success', data: {} });
      return answer(200, { errcode: 0, errmsg: 'ok' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    received,
    state,
    urls: {
      wecom: `${base}/wecom/send?key=${secrets.wecomKey}`,
      dingtalk: `${base}/dingtalk/send?access_token=dt-token-0001`,
      feishu: `${base}/feishu/hook/fs-token-0001`,
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
