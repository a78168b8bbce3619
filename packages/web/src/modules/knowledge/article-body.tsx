import type { KnowledgeType } from '@shuyun/shared';
import { Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import './article-body.css';

// The server's sanitiser allow-list (knowledge/sanitize.ts). Its HTML is already safe; this second pass
// only guarantees that nothing outside that list could ever reach the page.
const TAGS = new Set('p br strong em u s h2 h3 h4 ul ol li blockquote code pre a img table thead tbody tr th td'.split(' '));
const ATTRIBUTES: Record<string, string[]> = { a: ['href'], img: ['src', 'alt'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'] };
const IMAGE_SRC = /^(\/api\/files\/\d+(\/thumbnail)?|data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+)$/;
const LINK_HREF = /^(https?:\/\/|mailto:)/i;

function clean(node: Element): void {
  for (const child of [...node.children]) {
    const tag = child.tagName.toLowerCase();
    if (!TAGS.has(tag)) {
      child.remove();
      continue;
    }
    const allowed = ATTRIBUTES[tag] ?? [];
    for (const attribute of [...child.attributes]) {
      if (!allowed.includes(attribute.name)) child.removeAttribute(attribute.name);
    }
    if (tag === 'a') {
      if (LINK_HREF.test(child.getAttribute('href') ?? '')) {
        child.setAttribute('target', '_blank');
        child.setAttribute('rel', 'noopener noreferrer');
      } else child.removeAttribute('href');
    }
    if (tag === 'img') {
      if (!IMAGE_SRC.test(child.getAttribute('src') ?? '')) {
        child.remove();
        continue;
      }
      child.setAttribute('loading', 'lazy');
    }
    clean(child);
  }
}

/** The server's sanitised HTML, parsed inertly and kept to the same allow-list before it is shown. */
export function inertHtml(html: string): string {
  if (!html) return '';
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  clean(doc.body);
  return doc.body.innerHTML;
}

/**
 * Rich text as the server sanitised and stored it (its sanitiser keeps a safe subset: no scripts,
 * handlers, styles or foreign images), kept to that allow-list once more in the browser. Only pass
 * a sanitised field of an API answer here.
 */
export function ArticleBody({ html, className, testId }: { html: string; className?: string; testId?: string }) {
  const safe = useMemo(() => inertHtml(html), [html]);
  return (
    <div
      className={`article-body${className ? ` ${className}` : ''}`}
      data-testid={testId}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the server's sanitised HTML, kept to its allow-list by inertHtml
      dangerouslySetInnerHTML={{ __html: safe }}
    />
  );
}

export interface ArticleSectionsContent {
  type: KnowledgeType;
  body: string;
  symptom: string;
  cause: string;
  workaround: string;
  fix: string;
}

const KNOWN_ERROR_FIELDS = ['symptom', 'cause', 'workaround', 'fix'] as const;

/** The sections of a version by its type: known errors' four parts, a FAQ's answer, a how-to's steps. */
export function ArticleSections({ content }: { content: ArticleSectionsContent }) {
  const { t } = useTranslation();
  const section = (key: string, title: string, html: string) => (
    <section key={key} className="article-section" data-section={key}>
      <Typography.Title level={5} className="article-section__title">
        {title}
      </Typography.Title>
      <ArticleBody html={html} testId={`article-${key}`} />
    </section>
  );
  if (content.type === 'known_error') {
    return (
      <div className="article-sections" data-testid="article-sections">
        {KNOWN_ERROR_FIELDS.filter((f) => content[f].trim()).map((f) => section(f, t(`knowledge.fields.${f}`), content[f]))}
        {content.body.trim() && section('body', t('knowledge.fields.notes'), content.body)}
      </div>
    );
  }
  const title = content.type === 'faq' ? t('knowledge.fields.answer') : t('knowledge.fields.steps');
  return (
    <div className="article-sections" data-testid="article-sections">
      {content.body.trim() ? section('body', title, content.body) : null}
    </div>
  );
}
