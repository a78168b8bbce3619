import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import './json-diff.css';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

/** Before/after of an audited change, field by field, changed fields highlighted. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  if (before == null && after == null) {
    return <Typography.Text type="secondary">{t('auditPages.noChanges')}</Typography.Text>;
  }
  if (!isRecord(before ?? {}) || !isRecord(after ?? {})) {
    return (
      <div className="json-diff json-diff--raw">
        <pre>{show(before)}</pre>
        <pre>{show(after)}</pre>
      </div>
    );
  }
  const left = (before ?? {}) as Record<string, unknown>;
  const right = (after ?? {}) as Record<string, unknown>;
  // A field only one side recorded is context, not a change — unless the record was created or deleted.
  const whole = before == null || after == null;
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
  return (
    <table className="json-diff" data-testid="audit-diff">
      <thead>
        <tr>
          <th>{t('auditPages.field')}</th>
          <th>{t('audit.before')}</th>
          <th>{t('audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => {
          const from = show(left[key]);
          const to = show(right[key]);
          const changed = whole || (key in left && key in right) ? from !== to : false;
          return (
            <tr key={key} className={changed ? 'json-diff__changed' : undefined}>
              <td className="json-diff__key">{key}</td>
              <td className={changed && key in left ? 'json-diff__removed' : undefined}>
                <pre>{from}</pre>
              </td>
              <td className={changed && key in right ? 'json-diff__added' : undefined}>
                <pre>{to}</pre>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
