import {
  type FieldIssue,
  type FormField,
  type FormValue,
  type Locale,
  MAX_FIELD_ATTACHMENTS,
  pickText,
  TEXT_MAX_LENGTH,
  translate,
} from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import { AppError } from '../../platform/errors.js';

export type FormValidation = { ok: true; values: Record<string, FormValue> } | { ok: false; issues: FieldIssue[] };

/** Asset tags are free text until the assets module exists (then: an asset the submitter may pick). */
const ASSET_TAG_MAX = 64;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F]/;

const isEmpty = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const length = (s: string) => [...s].length;

function isIsoDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const [y, m, d] = v.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

type Reference = { field: FormField; ids: number[] };

/**
 * Checks submitted values against an item's form: unknown keys, required fields, types, select
 * options, number bounds, text lengths, ISO dates (YYYY-MM-DD), people (exist, active), IT systems
 * (exist, active), attachments (exist, uploaded by `submitterId`, not yet attached to a record).
 * Asset fields take an asset tag as text for now. Returns the normalised values (trimmed, empties
 * dropped, duplicates removed) or issues `{ path: 'form.<key>', code, message }` in `locale`.
 */
export async function validateFormValues(
  db: Database,
  item: { form: readonly FormField[] },
  values: unknown,
  locale: Locale,
  submitterId: number,
): Promise<FormValidation> {
  const issues: FieldIssue[] = [];
  const issue = (field: FormField | string, code: string, key: string, extra: Record<string, unknown> = {}) => {
    const path = typeof field === 'string' ? field : `form.${field.key}`;
    const label = typeof field === 'string' ? '' : pickText(field.label, locale);
    issues.push({ path, code, message: translate(locale, `catalog.formValue.${key}`, { label, ...extra }) });
  };
  if (values !== undefined && values !== null && (typeof values !== 'object' || Array.isArray(values))) {
    issue('form', 'invalidType', 'notAnObject');
    return { ok: false, issues };
  }
  const submitted = (values ?? {}) as Record<string, unknown>;
  const known = new Set(item.form.map((f) => f.key));
  const out = new Map<string, FormValue>();
  const users: Reference[] = [];
  const systems: Reference[] = [];
  const attachments: Reference[] = [];

  for (const field of item.form) {
    const value = Object.hasOwn(submitted, field.key) ? submitted[field.key] : undefined;
    if (isEmpty(value)) {
      if (field.required) issue(field, 'required', 'required');
      continue;
    }
    switch (field.type) {
      case 'text':
      case 'textarea':
      case 'asset': {
        const control = field.type === 'textarea' ? CONTROL : CONTROL_SINGLE_LINE;
        if (typeof value !== 'string' || control.test(value)) {
          issue(field, 'invalidType', 'invalidType');
          break;
        }
        const text = value.trim();
        const max = field.type === 'asset' ? ASSET_TAG_MAX : (field.maxLength ?? TEXT_MAX_LENGTH[field.type]);
        if (length(text) > max) issue(field, 'tooLong', 'tooLong', { max });
        else out.set(field.key, text);
        break;
      }
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) issue(field, 'invalidType', 'invalidType');
        else if (field.min !== undefined && value < field.min) issue(field, 'tooSmall', 'tooSmall', { min: field.min });
        else if (field.max !== undefined && value > field.max) issue(field, 'tooBig', 'tooBig', { max: field.max });
        else out.set(field.key, value);
        break;
      case 'select':
        if (typeof value !== 'string') issue(field, 'invalidType', 'invalidType');
        else if (!field.options?.some((o) => o.value === value)) issue(field, 'invalidOption', 'invalidOption');
        else out.set(field.key, value);
        break;
      case 'multiselect': {
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
          issue(field, 'invalidType', 'invalidType');
          break;
        }
        const picked = [...new Set(value as string[])];
        if (!picked.every((v) => field.options?.some((o) => o.value === v))) issue(field, 'invalidOption', 'invalidOption');
        else out.set(field.key, picked);
        break;
      }
      case 'date':
        if (!isIsoDate(value)) issue(field, 'invalidDate', 'invalidDate');
        else out.set(field.key, value);
        break;
      case 'user':
      case 'system':
        if (!isId(value)) issue(field, 'invalidType', 'invalidType');
        else (field.type === 'user' ? users : systems).push({ field, ids: [value] });
        break;
      case 'attachment': {
        if (!Array.isArray(value) || !value.every(isId)) {
          issue(field, 'invalidType', 'invalidType');
          break;
        }
        const ids = [...new Set(value as number[])];
        if (ids.length > MAX_FIELD_ATTACHMENTS) issue(field, 'tooMany', 'tooMany', { max: MAX_FIELD_ATTACHMENTS });
        else attachments.push({ field, ids });
        break;
      }
    }
  }
  for (const key of Object.keys(submitted)) {
    if (!known.has(key)) issue(`form.${key}`, 'unknownField', 'unknownField', { key });
  }

  // One query per kind of reference, whatever the number of fields.
  const found = async (refs: Reference[], lookup: (ids: number[]) => Promise<{ id: number }[]>) => {
    const ids = [...new Set(refs.flatMap((r) => r.ids))];
    return new Set(ids.length ? (await lookup(ids)).map((r) => r.id) : []);
  };
  const activeUsers = await found(users, (ids) =>
    db.selectFrom('users').select('id').where('id', 'in', ids).where('active', '=', true).execute(),
  );
  const activeSystems = await found(systems, (ids) =>
    db.selectFrom('it_systems').select('id').where('id', 'in', ids).where('active', '=', true).execute(),
  );
  const ownFiles = await found(attachments, (ids) =>
    db
      .selectFrom('attachments')
      .select('id')
      .where('id', 'in', ids)
      .where('uploaded_by', '=', submitterId)
      .where('record_id', 'is', null)
      .execute(),
  );
  const settle = (refs: Reference[], existing: Set<number>, key: string, single: boolean) => {
    for (const { field, ids } of refs) {
      if (ids.every((id) => existing.has(id))) out.set(field.key, single ? (ids[0] as number) : ids);
      else issue(field, 'notFound', key);
    }
  };
  settle(users, activeUsers, 'userNotFound', true);
  settle(systems, activeSystems, 'systemNotFound', true);
  settle(attachments, ownFiles, 'attachmentNotFound', false);

  if (issues.length) {
    // Report in the form's order, unknown keys last.
    const order = new Map(item.form.map((f, i) => [`form.${f.key}`, i]));
    const rank = (path?: string) => order.get(path ?? '') ?? item.form.length;
    issues.sort((a, b) => rank(a.path) - rank(b.path));
    return { ok: false, issues };
  }
  // Keep the form's key order in the result.
  return { ok: true, values: Object.fromEntries(item.form.flatMap((f) => (out.has(f.key) ? [[f.key, out.get(f.key) as FormValue]] : []))) };
}

/** validateFormValues that throws a 400 `validation` with the issues as details; returns the normalised values. */
export async function assertFormValues(
  db: Database,
  item: { form: readonly FormField[] },
  values: unknown,
  locale: Locale,
  submitterId: number,
): Promise<Record<string, FormValue>> {
  const result = await validateFormValues(db, item, values, locale, submitterId);
  if (!result.ok) throw new AppError('validation', {}, result.issues);
  return result.values;
}
