import { PaperClipOutlined } from '@ant-design/icons';
import type { LocalizedFormField, TicketDetail } from '@shuyun/shared';
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client';
import type { Attachment, Items } from '../../app/api-types';
import { queryKeys } from '../../app/query-keys';
import { joinList } from './ticket-format';

/** A field key as a readable label when the item's form is not available to this reader. */
function humanKey(key: string): string {
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function Value({
  field,
  value,
  display,
  ticketId,
}: {
  field: LocalizedFormField | undefined;
  value: unknown;
  display: string | undefined;
  ticketId: number;
}) {
  const files = useQuery({
    queryKey: queryKeys.files('ticket', ticketId),
    queryFn: () => api<Items<Attachment>>('/api/files', { query: { recordType: 'ticket', recordId: ticketId } }),
    select: (data) => data.items,
    enabled: field?.type === 'attachment',
  });
  const option = (v: unknown) => field?.options?.find((o) => o.value === v)?.label ?? String(v);
  switch (field?.type) {
    case 'select':
      return option(value);
    case 'multiselect':
      return Array.isArray(value) ? joinList(value.map(option)) : String(value);
    case 'user':
    case 'system':
      return display ?? String(value);
    case 'attachment': {
      const ids = Array.isArray(value) ? (value as number[]) : [];
      return (
        <span style={{ display: 'inline-flex', flexDirection: 'column', gap: 2 }}>
          {ids.map((id) => {
            const file = files.data?.find((f) => f.id === id);
            return (
              <a key={id} href={`/api/files/${id}`} target="_blank" rel="noopener noreferrer">
                <PaperClipOutlined /> {file?.name ?? `#${id}`}
              </a>
            );
          })}
        </span>
      );
    }
    default:
      return (
        <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
          {Array.isArray(value) ? joinList(value.map(String)) : String(value)}
        </Typography.Text>
      );
  }
}

/** The catalogue form's answers with the item's labels (in the reader's language) and readable values. */
export function FormValuesView({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const entries = Object.entries(ticket.formValues).filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (entries.length === 0) return null;
  // The server sends the item's form in the reader's language (even for items the reader could not request).
  const fields = ticket.form;
  // The form's order first, keys the form no longer has after them.
  const order = (key: string) => {
    const index = fields.findIndex((f) => f.key === key);
    return index === -1 ? fields.length : index;
  };
  entries.sort(([a], [b]) => order(a) - order(b));
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      title={<Typography.Text strong>{t('ticketsUi.detail.formValues')}</Typography.Text>}
      data-testid="form-values"
      items={entries.map(([key, value]) => {
        const field = fields.find((f) => f.key === key);
        return {
          key,
          label: field?.label ?? humanKey(key),
          span: field?.type === 'textarea' || field?.type === 'attachment' ? ('filled' as const) : undefined,
          children: <Value field={field} value={value} display={ticket.formDisplay[key]} ticketId={ticket.id} />,
        };
      })}
    />
  );
}
