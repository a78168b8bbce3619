import { type Locale, pickLocale, translate } from '@shuyun/shared';

/** What a message is made from: stored data, never stored text. */
export interface MessageSource {
  type: string;
  actorName: string | null;
  record: { type: string; id: number; number: string; title: string; link: string };
  data: Record<string, string | number>;
}

export interface RenderedMessage {
  /** One line: the bell list, the e-mail subject, the bot message's heading. */
  title: string;
  body: string;
}

/**
 * Renders an event's title and body in `locale` from `notifications.events.<type>`. Every value goes
 * through `clean` first (escaping for the target format). A data value `i18n:<key>` is itself
 * translated (e.g. an SLA target's name).
 */
export function renderMessage(locale: string, source: MessageSource, clean: (value: string) => string = (v) => v): RenderedMessage {
  const lang: Locale = pickLocale(locale);
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(source.data)) {
    const text = typeof value === 'string' && value.startsWith('i18n:') ? translate(lang, value.slice(5)) : String(value);
    values[key] = clean(oneLineIfShort(text));
  }
  Object.assign(values, {
    actor: clean(source.actorName ?? translate(lang, 'notifications.system')),
    number: clean(source.record.number),
    title: clean(oneLine(source.record.title)),
  });
  return {
    title: oneLine(translate(lang, `notifications.events.${source.type}.title`, values)),
    body: translate(lang, `notifications.events.${source.type}.body`, values).trim(),
  };
}

/** A record title or short value never breaks a one-line heading (or a mail header). */
function oneLine(value: string): string {
  return value.replace(/[\r\n\t\u2028\u2029]+/g, ' ').trim();
}

// Long texts (a comment) keep their line breaks in the body; short ones are flattened.
function oneLineIfShort(value: string): string {
  return value.length <= 200 ? oneLine(value) : value.replace(/\r\n?/g, '\n');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/**
 * Neutralises what bot markdown would interpret in a value: links, font tags, emphasis, headings.
 * Vendors do not agree on backslash escapes, so the characters are replaced by their full-width forms.
 */
export function escapeBotMarkdown(value: string): string {
  return value.replace(/[<>[\]()*_`#~|]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** A record's path under the public address, or the bare path when PUBLIC_URL is not configured. */
export function absoluteLink(publicUrl: string | undefined, link: string): string {
  if (!publicUrl) return link;
  return new URL(link.replace(/^\/+/, ''), publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).toString();
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** The e-mail for one recipient: subject, plain text and HTML, every interpolated value escaped in the HTML. */
export function renderMail(locale: string, source: MessageSource, url: string): RenderedMail {
  const lang = pickLocale(locale);
  const plain = renderMessage(lang, source);
  const html = renderMessage(lang, source, escapeHtml);
  const open = translate(lang, 'notifications.mail.open');
  const footer = translate(lang, 'notifications.mail.footer');
  const text = `${plain.body}\n\n${open}: ${url}\n\n-- \n${footer}\n`;
  const safeUrl = escapeHtml(url);
  const body = html.body.split('\n').join('<br>\n');
  const page = `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${html.title}</title></head>
<body style="margin:0;padding:24px;background:#f5f6f8;font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;color:#1f2329">
<div style="max-width:600px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<h2 style="margin:0 0 16px;font-size:18px">${html.title}</h2>
<p style="margin:0 0 24px;font-size:14px;line-height:1.7">${body}</p>
<p style="margin:0 0 24px"><a href="${safeUrl}" style="display:inline-block;padding:8px 16px;background:#1677ff;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(open)}</a></p>
<p style="margin:0;font-size:12px;color:#8f959e">${escapeHtml(footer)}</p>
</div>
</body>
</html>
`;
  return { subject: plain.title, text, html: page };
}
