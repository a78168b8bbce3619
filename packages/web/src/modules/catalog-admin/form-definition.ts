import {
  type FormField,
  type FormFieldType,
  type LocalizedText,
  OPTION_FIELD_TYPES,
  TEXT_FIELD_TYPES,
  TEXT_MAX_LENGTH,
} from '@shuyun/shared';

/** A field as the designer edits it: everything optional while the admin types. */
export interface DraftField {
  key?: string;
  label?: Partial<LocalizedText>;
  type?: FormFieldType;
  required?: boolean;
  options?: { value?: string; label?: Partial<LocalizedText> }[];
  min?: number | null;
  max?: number | null;
  maxLength?: number | null;
  placeholder?: Partial<LocalizedText>;
  help?: Partial<LocalizedText>;
}

const FIELD_KEY = /^[a-z][a-z0-9_]*$/;
export const isFieldKey = (key: string) => FIELD_KEY.test(key);

/** A key not used by any other field: `<type>_<n>`. */
export function nextFieldKey(fields: DraftField[], type: FormFieldType): string {
  const taken = new Set(fields.map((field) => field.key));
  for (let n = 1; ; n += 1) {
    const key = `${type}_${n}`;
    if (!taken.has(key)) return key;
  }
}

function localized(value: Partial<LocalizedText> | undefined): LocalizedText | undefined {
  const zh = value?.['zh-CN']?.trim();
  if (!zh) return undefined;
  const en = value?.['en-US']?.trim();
  return en ? { 'zh-CN': zh, 'en-US': en } : { 'zh-CN': zh };
}

const isNumber = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The definition the server accepts: trimmed texts, empty English left out, and only the settings
 * the field's type allows (options on selects, bounds on numbers, a length on texts) — a field whose
 * type changed keeps no leftovers from the old type.
 */
export function toFormDefinition(fields: DraftField[]): FormField[] {
  return fields.map((draft) => {
    const type = draft.type ?? 'text';
    const field: FormField = {
      key: draft.key?.trim() ?? '',
      label: localized(draft.label) ?? { 'zh-CN': '' },
      type,
      required: Boolean(draft.required),
    };
    if (OPTION_FIELD_TYPES.includes(type)) {
      field.options = (draft.options ?? []).map((option) => ({
        value: option.value?.trim() ?? '',
        label: localized(option.label) ?? { 'zh-CN': option.value?.trim() ?? '' },
      }));
    }
    if (type === 'number') {
      if (isNumber(draft.min)) field.min = draft.min;
      if (isNumber(draft.max)) field.max = draft.max;
    }
    if (TEXT_FIELD_TYPES.includes(type) && isNumber(draft.maxLength)) field.maxLength = draft.maxLength;
    const placeholder = localized(draft.placeholder);
    if (placeholder) field.placeholder = placeholder;
    const help = localized(draft.help);
    if (help) field.help = help;
    return field;
  });
}

/** The text length limit a field has when it sets none. */
export function defaultMaxLength(type: FormFieldType): number | undefined {
  return type === 'text' || type === 'textarea' ? TEXT_MAX_LENGTH[type] : undefined;
}
