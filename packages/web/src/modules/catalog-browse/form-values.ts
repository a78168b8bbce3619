import type { LocalizedFormField } from '@shuyun/shared';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';

/** What the form widgets hold, before it goes to the API. */
export type RawValue = string | number | string[] | number[] | Dayjs | Date | null | undefined;

function isDayjs(value: unknown): value is Dayjs {
  return dayjs.isDayjs(value);
}

/**
 * An item's form values as the API checks them: text/select/date/asset → string, number/user/system →
 * number, multiselect → string[], attachment → number[]; empty answers are left out.
 */
export function toFormValues(fields: LocalizedFormField[], raw: Record<string, RawValue>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    let value = raw[field.key];
    // The phone's chip selector holds a single choice as a one-item list.
    if (field.type === 'select' && Array.isArray(value)) value = value[0];
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (field.type === 'date') {
      if (isDayjs(value)) values[field.key] = value.format('YYYY-MM-DD');
      else if (value instanceof Date) values[field.key] = dayjs(value).format('YYYY-MM-DD');
      else values[field.key] = value;
    } else if (typeof value === 'string') {
      const trimmed = value.trim();
      if (trimmed) values[field.key] = trimmed;
    } else {
      values[field.key] = value;
    }
  }
  return values;
}

/** Every attachment id the form holds (they also go to the ticket's attachment list). */
export function formAttachmentIds(fields: LocalizedFormField[], raw: Record<string, RawValue>): number[] {
  return fields.filter((f) => f.type === 'attachment').flatMap((f) => (Array.isArray(raw[f.key]) ? (raw[f.key] as number[]) : []));
}
