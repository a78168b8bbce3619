import type { KnowledgeArticleDetail } from '@shuyun/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { inertHtml } from '../knowledge/article-body';

/** Rich text of an article (images scale to the width; wide tables scroll on their own). */
export function ArticleHtml({ html, className }: { html: string; className?: string }) {
  const safe = useMemo(() => inertHtml(html), [html]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server and kept to its allow-list by inertHtml
  return <div className={['kb-article-html', className].filter(Boolean).join(' ')} dangerouslySetInnerHTML={{ __html: safe }} />;
}

export interface ArticleSection {
  key: string;
  label: string | null;
  html: string;
}

/** The parts of an article to show, in reading order: a known error's 现象/原因/规避/解决, else its body. */
export function useArticleSections(content: KnowledgeArticleDetail['content']): ArticleSection[] {
  const { t } = useTranslation();
  if (content.type !== 'known_error') return [{ key: 'body', label: null, html: content.body }];
  return [
    { key: 'symptom', label: t('knowledge.fields.symptom'), html: content.symptom },
    { key: 'cause', label: t('knowledge.fields.cause'), html: content.cause },
    { key: 'workaround', label: t('knowledge.fields.workaround'), html: content.workaround },
    { key: 'fix', label: t('knowledge.fields.fix'), html: content.fix },
    { key: 'body', label: t('knowledge.fields.body'), html: content.body },
  ].filter((section) => section.html.trim() !== '');
}
