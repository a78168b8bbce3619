import { createHmac } from 'node:crypto';
import type { BotType } from './events.js';

export interface BotMessage {
  title: string;
  body: string;
  /** Absolute (or, without PUBLIC_URL, relative) link to the record. */
  url: string;
}

export interface BotRequest {
  url: string;
  body: Record<string, unknown>;
}

const TIMEOUT_MS = 10_000;

/** DingTalk 加签: base64(HMAC-SHA256(key = secret, message = `${timestamp}\n${secret}`)), timestamp in ms. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Feishu 签名校验: base64(HMAC-SHA256(key = `${timestamp}\n${secret}`, message = '')), timestamp in seconds. */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/**
 * The HTTP request a group bot expects, per the vendor's documentation: WeCom markdown (the key is in
 * the URL), DingTalk markdown with the signature in the query, Feishu text with the signature in the body.
 * Message values must already be escaped for markdown.
 */
export function botRequest(type: BotType, webhookUrl: string, secret: string | null, message: BotMessage, now = Date.now()): BotRequest {
  switch (type) {
    case 'wecom':
      return {
        url: webhookUrl,
        body: { msgtype: 'markdown', markdown: { content: `**${message.title}**\n${message.body}\n[${message.url}](${message.url})` } },
      };
    case 'dingtalk': {
      const url = new URL(webhookUrl);
      if (secret) {
        url.searchParams.set('timestamp', String(now));
        url.searchParams.set('sign', dingtalkSign(secret, now));
      }
      return {
        url: url.toString(),
        body: {
          msgtype: 'markdown',
          markdown: { title: message.title, text: `#### ${message.title}\n\n${message.body}\n\n[${message.url}](${message.url})` },
        },
      };
    }
    case 'feishu': {
      const text = `${message.title}\n${message.body}\n${message.url}`;
      if (!secret) return { url: webhookUrl, body: { msg_type: 'text', content: { text } } };
      const timestamp = Math.floor(now / 1000);
      return {
        url: webhookUrl,
        body: { timestamp: String(timestamp), sign: feishuSign(secret, timestamp), msg_type: 'text', content: { text } },
      };
    }
  }
}

/**
 * Posts to a bot. Success is a 2xx whose body carries no vendor error: WeCom and DingTalk answer
 * `errcode` (0 = ok), Feishu `code` (0 = ok) — all three answer HTTP 200 for refused messages.
 */
export async function postToBot(request: BotRequest): Promise<void> {
  const response = await fetch(request.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(request.body),
    redirect: 'error',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = (await response.text()).slice(0, 2000);
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
  let answer: { errcode?: unknown; errmsg?: unknown; code?: unknown; msg?: unknown; StatusCode?: unknown };
  try {
    answer = JSON.parse(text);
  } catch {
    throw new Error(`unexpected answer: ${text.slice(0, 300)}`);
  }
  const code = answer.errcode ?? answer.code ?? answer.StatusCode ?? 0;
  if (code !== 0 && code !== '0') throw new Error(`vendor error ${String(code)}: ${String(answer.errmsg ?? answer.msg ?? '')}`.trim());
}

/** A webhook URL shown without its token: scheme, host and the last four characters. */
export function maskUrl(webhookUrl: string): string {
  try {
    const url = new URL(webhookUrl);
    const tail = webhookUrl.length > 12 ? webhookUrl.slice(-4) : '';
    return `${url.protocol}//${url.host}/…${tail}`;
  } catch {
    return '…';
  }
}

/** A secret shown as its first three and last two characters (enough to recognise, never enough to use). */
export function maskSecret(secret: string | null): string | null {
  if (!secret) return null;
  return secret.length >= 12 ? `${secret.slice(0, 3)}…${secret.slice(-2)}` : '••••';
}
