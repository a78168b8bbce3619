import { Empty, Skeleton, Switch, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailedResult } from '../../components/results';
import { type KnowledgeDiff, useDiff } from './api';
import { VersionStatusTag } from './knowledge-tags';

type DiffLine = KnowledgeDiff['fields'][number]['lines'][number];
const CONTEXT = 2;

/** Lines to show: every change with a little context around it; long unchanged runs fold into "…". */
export function foldLines(lines: DiffLine[], context = CONTEXT): (DiffLine | { op: 'gap'; count: number })[] {
  const keep = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.op === 'equal') return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) keep[j] = true;
  });
  const out: (DiffLine | { op: 'gap'; count: number })[] = [];
  let skipped = 0;
  lines.forEach((line, i) => {
    if (keep[i]) {
      if (skipped) out.push({ op: 'gap', count: skipped });
      skipped = 0;
      out.push(line);
    } else skipped += 1;
  });
  if (skipped) out.push({ op: 'gap', count: skipped });
  return out;
}

function useFieldLabels(): Record<string, string> {
  const { t } = useTranslation();
  return {
    title: t('knowledge.fields.title'),
    type: t('knowledge.fields.type'),
    category: t('knowledge.fields.category'),
    tags: t('knowledge.fields.tags'),
    systems: t('knowledge.fields.systems'),
    audience: t('knowledge.fields.audience'),
    body: t('knowledge.fields.body'),
    symptom: t('knowledge.fields.symptom'),
    cause: t('knowledge.fields.cause'),
    workaround: t('knowledge.fields.workaround'),
    fix: t('knowledge.fields.fix'),
  };
}

/** A readable diff of two versions: each changed field with its lines added (+) and removed (−). */
export function DiffView({ diff }: { diff: KnowledgeDiff }) {
  const { t } = useTranslation();
  const labels = useFieldLabels();
  const [all, setAll] = useState(false);
  // Enumerated values (type, audience) in the reader's language.
  const lineText = (field: string, text: string): ReactNode => {
    if (field === 'type' && (text === 'how_to' || text === 'known_error' || text === 'faq')) return t(`knowledge.types.${text}`);
    if (field === 'audience' && (text === 'everyone' || text === 'it_staff')) return t(`knowledge.audiences.${text}`);
    return text || '\u00a0';
  };
  const fields = diff.fields.filter((f) => all || f.changed);
  return (
    <div className="knowledge-diff" data-testid="knowledge-diff">
      <div className="knowledge-meta" style={{ fontSize: 13 }}>
        <span>
          {t('knowledge.diff.from')}: {t('knowledge.revision', { revision: diff.from.revision })}{' '}
          <VersionStatusTag status={diff.from.status} />
        </span>
        <span>→</span>
        <span>
          {t('knowledge.diff.to')}: {t('knowledge.revision', { revision: diff.to.revision })} <VersionStatusTag status={diff.to.status} />
        </span>
        <span style={{ flex: 1 }} />
        <span>
          <Switch size="small" checked={all} onChange={setAll} /> {t('knowledge.diff.showUnchanged')}
        </span>
      </div>
      {fields.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('knowledge.diff.unchanged')} />
      ) : (
        fields.map((f) => (
          <div key={f.field} data-field={f.field} data-changed={f.changed}>
            <div className="knowledge-diff__field-title">
              {labels[f.field] ?? f.field}
              {!f.changed && <Typography.Text type="secondary"> · {t('knowledge.diff.unchanged')}</Typography.Text>}
            </div>
            <div className="knowledge-diff__lines">
              {(f.changed ? foldLines(f.lines) : f.lines).map((line, i) =>
                line.op === 'gap' ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: diff lines have no identity beyond their place
                  <div key={i} className="knowledge-diff__gap">
                    {t('knowledge.diff.hiddenLines', { count: line.count })}
                  </div>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: diff lines have no identity beyond their place
                  <div key={i} className={`knowledge-diff__line knowledge-diff__line--${line.op}`} data-op={line.op}>
                    <span className="knowledge-diff__sign">{line.op === 'insert' ? '+' : line.op === 'delete' ? '−' : ''}</span>
                    <span>{lineText(f.field, line.text)}</span>
                  </div>
                ),
              )}
            </div>
          </div>
        ))
      )}
    </div>
  );
}

/** Loads and shows the diff between two versions of one article. */
export function VersionDiff({ articleId, from, to }: { articleId: number; from: number; to: number }) {
  const diff = useDiff(articleId, from, to);
  if (diff.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (diff.isError) return <LoadFailedResult message={diff.error.message} onRetry={() => diff.refetch()} />;
  return <DiffView diff={diff.data} />;
}
