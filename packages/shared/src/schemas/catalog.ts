import { z } from 'zod';
import type { Locale } from '../i18n/index.js';
import { PRIORITIES } from '../tickets/state-machine.js';
import { Id, text, Version } from './common.js';

// Service catalogue 服务目录: categories (two levels) → service items, each with its own request form.
// Admin-facing shapes carry both languages; requester-facing shapes are already in the reader's language.

/** Text an admin writes in Chinese and, optionally, English (English falls back to Chinese when missing). */
export function localizedText(max: number) {
  return z.strictObject({ 'zh-CN': text(1, max), 'en-US': text(1, max).optional() });
}
export type LocalizedText = { 'zh-CN': string; 'en-US'?: string | undefined };

/** Picks the reader's language from a localised text. */
export function pickText(value: LocalizedText, locale: Locale): string {
  return (locale === 'en-US' ? value['en-US'] : undefined) || value['zh-CN'];
}

/** A long (markdown) description; may be empty. */
export const LocalizedDescription = z.strictObject({
  'zh-CN': z.string().trim().max(10_000),
  'en-US': z.string().trim().max(10_000).optional(),
});

export const FORM_FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'select',
  'multiselect',
  'date',
  'user',
  'asset',
  'system',
  'attachment',
] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];
/** Field types whose value is picked from the field's options. */
export const OPTION_FIELD_TYPES: readonly FormFieldType[] = ['select', 'multiselect'];
export const TEXT_FIELD_TYPES: readonly FormFieldType[] = ['text', 'textarea'];
/** Default and ceiling for text lengths when a field sets no maxLength. */
export const TEXT_MAX_LENGTH: Record<'text' | 'textarea', number> = { text: 200, textarea: 5000 };
export const MAX_FORM_FIELDS = 50;
export const MAX_FIELD_OPTIONS = 100;
/** At most this many files in one attachment field. */
export const MAX_FIELD_ATTACHMENTS = 20;

export const FormFieldOption = z.strictObject({
  value: text(1, 64),
  label: localizedText(80),
});

/** One field of an item's request form. Structure only; cross-field rules are `formDefinitionIssues`. */
export const FormField = z.strictObject({
  key: z
    .string()
    .min(1)
    .max(40)
    // Starts with a letter: no `__proto__` and the like as a value key.
    .regex(/^[a-z][a-z0-9_]*$/, { message: 'invalidValue' }),
  label: localizedText(80),
  type: z.enum(FORM_FIELD_TYPES),
  required: z.boolean().default(false),
  options: z.array(FormFieldOption).max(MAX_FIELD_OPTIONS).optional(),
  min: z.number().min(-1e12).max(1e12).optional(),
  max: z.number().min(-1e12).max(1e12).optional(),
  maxLength: z.number().int().min(1).max(TEXT_MAX_LENGTH.textarea).optional(),
  placeholder: localizedText(200).optional(),
  help: localizedText(500).optional(),
});
export type FormField = z.infer<typeof FormField>;

export const FormDefinition = z.array(FormField).max(MAX_FORM_FIELDS);

export const FORM_DEFINITION_ISSUES = [
  'duplicateKey',
  'optionsRequired',
  'optionsNotAllowed',
  'duplicateOption',
  'boundsNotAllowed',
  'minAboveMax',
  'maxLengthNotAllowed',
] as const;
export type FormDefinitionIssueCode = (typeof FORM_DEFINITION_ISSUES)[number];
export interface FormDefinitionIssue {
  /** e.g. `form.2.options` */
  path: string;
  code: FormDefinitionIssueCode;
  values: Record<string, string | number>;
}

/**
 * Rules a form definition must follow beyond its shape: unique keys, options exactly on select
 * fields (with unique values), min/max only on numbers (min ≤ max), maxLength only on text fields.
 * Messages are `catalog.formDefinition.<code>` in the i18n catalogues.
 */
export function formDefinitionIssues(form: readonly FormField[], prefix = 'form'): FormDefinitionIssue[] {
  const issues: FormDefinitionIssue[] = [];
  const seen = new Set<string>();
  form.forEach((field, index) => {
    const at = (name?: string) => [prefix, index, ...(name ? [name] : [])].join('.');
    if (seen.has(field.key)) issues.push({ path: at('key'), code: 'duplicateKey', values: { key: field.key } });
    seen.add(field.key);
    if (OPTION_FIELD_TYPES.includes(field.type)) {
      if (!field.options?.length) issues.push({ path: at('options'), code: 'optionsRequired', values: {} });
      const values = new Set<string>();
      field.options?.forEach((option, i) => {
        if (values.has(option.value))
          issues.push({ path: `${at('options')}.${i}.value`, code: 'duplicateOption', values: { value: option.value } });
        values.add(option.value);
      });
    } else if (field.options !== undefined) {
      issues.push({ path: at('options'), code: 'optionsNotAllowed', values: {} });
    }
    if (field.type === 'number') {
      if (field.min !== undefined && field.max !== undefined && field.min > field.max)
        issues.push({ path: at('min'), code: 'minAboveMax', values: {} });
    } else {
      for (const bound of ['min', 'max'] as const) {
        if (field[bound] !== undefined) issues.push({ path: at(bound), code: 'boundsNotAllowed', values: {} });
      }
    }
    if (field.maxLength !== undefined && !TEXT_FIELD_TYPES.includes(field.type)) {
      issues.push({ path: at('maxLength'), code: 'maxLengthNotAllowed', values: {} });
    }
  });
  return issues;
}

export const VISIBILITY_KINDS = ['everyone', 'departments', 'roles'] as const;
/** Who may request an item: everyone, people in the listed departments or below them, or holders of the listed roles. */
export const Visibility = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('everyone') }),
  z.strictObject({ kind: z.literal('departments'), departmentIds: z.array(Id).min(1).max(200) }),
  z.strictObject({
    kind: z.literal('roles'),
    roleKeys: z
      .array(
        z
          .string()
          .max(64)
          .regex(/^[a-z][a-z0-9_]*$/, { message: 'invalidValue' }),
      )
      .min(1)
      .max(50),
  }),
]);
export type Visibility = z.infer<typeof Visibility>;

const code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'invalidValue' });
const iconKey = z
  .string()
  .trim()
  .max(40)
  .regex(/^[a-z0-9-]*$/, { message: 'invalidValue' });
/** CNY with at most two decimals. */
const Price = z
  .number()
  .min(0)
  .max(10_000_000)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { message: 'invalidValue' });

// ---- Admin: categories

export const CatalogCategoryBody = z.strictObject({
  /** null or absent: a top-level category; else a sub-category of a top-level one. */
  parentId: Id.nullable().optional(),
  code,
  name: localizedText(60),
  icon: iconKey.nullable().optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
});
export const CatalogCategoryUpdateBody = CatalogCategoryBody.partial().extend({ version: Version, active: z.boolean().optional() });

export const CatalogCategoryAdmin = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  code: z.string(),
  name: localizedText(60),
  icon: z.string().nullable(),
  sortOrder: z.number(),
  active: z.boolean(),
  /** Items directly in this category, active or not. */
  itemCount: z.number(),
  version: z.number(),
});
export type CatalogCategoryAdmin = z.infer<typeof CatalogCategoryAdmin>;

// ---- Admin: items

export const CatalogItemBody = z.strictObject({
  categoryId: Id,
  code,
  name: localizedText(80),
  description: LocalizedDescription.optional(),
  keywords: z.array(text(1, 40)).max(30).optional(),
  defaultPriority: z.enum(PRIORITIES).optional(),
  defaultTeamId: Id.nullable().optional(),
  /** null: the default SLA policy. */
  slaPolicyId: Id.nullable().optional(),
  approvalRequired: z.boolean().optional(),
  price: Price.optional(),
  visibility: Visibility.optional(),
  form: FormDefinition.optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
});
export const CatalogItemUpdateBody = CatalogItemBody.partial().extend({ version: Version, active: z.boolean().optional() });

export const CatalogItemAdmin = z.object({
  id: z.number(),
  categoryId: z.number(),
  code: z.string(),
  name: localizedText(80),
  description: LocalizedDescription,
  keywords: z.array(z.string()),
  defaultPriority: z.enum(PRIORITIES),
  defaultTeamId: z.number().nullable(),
  defaultTeamName: z.string().nullable(),
  slaPolicyId: z.number().nullable(),
  approvalRequired: z.boolean(),
  price: z.number(),
  visibility: Visibility,
  form: FormDefinition,
  sortOrder: z.number(),
  active: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});
export type CatalogItemAdmin = z.infer<typeof CatalogItemAdmin>;

export const CatalogAdminList = z.object({ categories: z.array(CatalogCategoryAdmin), items: z.array(CatalogItemAdmin) });

/** New order for categories or items: sort order follows the list; each entry is version-checked. */
export const CatalogReorderBody = z.strictObject({
  kind: z.enum(['category', 'item']),
  order: z
    .array(z.strictObject({ id: Id, version: Version }))
    .min(1)
    .max(1000),
});
export const CatalogReorderResult = z.object({
  items: z.array(z.object({ id: z.number(), sortOrder: z.number(), version: z.number() })),
});

// ---- Requester side (already in the reader's language)

export const LocalizedFormField = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(FORM_FIELD_TYPES),
  required: z.boolean(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number().optional(),
  placeholder: z.string().optional(),
  help: z.string().optional(),
});
export type LocalizedFormField = z.infer<typeof LocalizedFormField>;

export const CatalogItemCard = z.object({
  id: z.number(),
  code: z.string(),
  categoryId: z.number(),
  name: z.string(),
  description: z.string(),
  defaultPriority: z.enum(PRIORITIES),
  approvalRequired: z.boolean(),
  price: z.number(),
});
export type CatalogItemCard = z.infer<typeof CatalogItemCard>;

export const CatalogItemDetail = CatalogItemCard.extend({
  /** Category names from the top: [category] or [category, sub-category]. */
  categoryPath: z.array(z.string()),
  form: z.array(LocalizedFormField),
  version: z.number(),
});
export type CatalogItemDetail = z.infer<typeof CatalogItemDetail>;

const CategoryNode = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  icon: z.string().nullable(),
  items: z.array(CatalogItemCard),
});
/** Top-level categories with their sub-categories; only categories holding something the reader may request. */
export const CatalogTree = z.object({
  categories: z.array(CategoryNode.extend({ children: z.array(CategoryNode) })),
});
export type CatalogTree = z.infer<typeof CatalogTree>;

export const CatalogSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const CatalogSearchResult = z.object({
  items: z.array(CatalogItemCard.extend({ categoryPath: z.array(z.string()) })),
});

/** A submitted form: field key → value. Checked against the item's form on the server. */
export const FormValues = z.record(z.string(), z.unknown());
/** A checked form value: text/select/date/asset → string, number/user/system → number, multiselect → string[], attachment → number[]. */
export type FormValue = string | number | string[] | number[];
