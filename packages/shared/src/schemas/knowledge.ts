import { z } from 'zod';
import {
  KNOWLEDGE_ACTIONS,
  KNOWLEDGE_ARTICLE_STATUSES,
  KNOWLEDGE_AUDIENCES,
  KNOWLEDGE_TYPES,
  KNOWLEDGE_VERSION_STATUSES,
} from '../knowledge/state-machine.js';
import { Day, Id, page, text, Version } from './common.js';

/** Rich text as HTML; the server keeps only a safe subset (see the knowledge module's sanitiser). */
const html = (max: number) => z.string().max(max);
const Tag = text(1, 30);
/** A record type a module registered as a knowledge source, e.g. `ticket`. */
const RecordType = z.string().regex(/^[a-z][a-zA-Z]{1,39}$/);

export const KnowledgeContent = z.strictObject({
  title: text(1, 200),
  type: z.enum(KNOWLEDGE_TYPES),
  categoryId: Id,
  tags: z.array(Tag).max(20).default([]),
  systemIds: z.array(Id).max(20).default([]),
  audience: z.enum(KNOWLEDGE_AUDIENCES).default('everyone'),
  /** how-to steps, FAQ answer, or a known error's notes. */
  body: html(300_000).default(''),
  /** Known errors: 现象 / 原因 / 临时规避 / 根本解决. */
  symptom: html(100_000).default(''),
  cause: html(100_000).default(''),
  workaround: html(100_000).default(''),
  fix: html(100_000).default(''),
});
export type KnowledgeContent = z.infer<typeof KnowledgeContent>;

export const CreateArticleBody = KnowledgeContent.extend({
  reviewBy: Day.nullable().optional(),
});
export type CreateArticleBody = z.infer<typeof CreateArticleBody>;

/** Saves a working version (draft or rejected); `version` is the one the editor loaded. */
export const SaveDraftBody = z.strictObject({
  version: Version,
  title: text(1, 200).optional(),
  type: z.enum(KNOWLEDGE_TYPES).optional(),
  categoryId: Id.optional(),
  tags: z.array(Tag).max(20).optional(),
  systemIds: z.array(Id).max(20).optional(),
  audience: z.enum(KNOWLEDGE_AUDIENCES).optional(),
  body: html(300_000).optional(),
  symptom: html(100_000).optional(),
  cause: html(100_000).optional(),
  workaround: html(100_000).optional(),
  fix: html(100_000).optional(),
});
export type SaveDraftBody = z.infer<typeof SaveDraftBody>;

export const KnowledgeActionBody = z.strictObject({
  version: Version,
  comment: z.string().trim().max(2000).nullable().optional(),
});
export type KnowledgeActionBody = z.infer<typeof KnowledgeActionBody>;

/** Starts a new working version from the published one (or, restoring, from an older version). */
export const NewVersionBody = z.strictObject({ fromVersionId: Id.optional() });

export const ArticleSettingsBody = z.strictObject({
  version: Version,
  ownerId: Id.optional(),
  reviewBy: Day.nullable().optional(),
});

export const ConfirmReviewBody = z.strictObject({ version: Version, reviewBy: Day });

export const HelpfulBody = z.strictObject({ helpful: z.boolean() });
export const DeflectionBody = z.strictObject({
  /** What the requester had typed when the article solved it. */
  query: z.string().trim().max(500).optional(),
  channel: z.enum(['pc', 'mobile']).optional(),
});
export const RecordRefBody = z.strictObject({ recordType: RecordType, recordId: Id });
export const RecordRefQuery = RecordRefBody;

export const KNOWLEDGE_SORTS = ['relevance', 'recent', 'popular', 'helpful'] as const;
export const KnowledgeSearchQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  categoryId: Id.optional(),
  type: z.enum(KNOWLEDGE_TYPES).optional(),
  systemId: Id.optional(),
  tag: z.string().trim().min(1).max(30).optional(),
  sort: z.enum(KNOWLEDGE_SORTS).default('relevance'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type KnowledgeSearchQuery = z.infer<typeof KnowledgeSearchQuery>;

export const SuggestQuery = z.strictObject({
  q: z.string().trim().min(1).max(500),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});

export const KnowledgePaging = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const MySubmissionsQuery = KnowledgePaging.extend({ status: z.enum(KNOWLEDGE_VERSION_STATUSES).optional() });
export const NeedsReviewQuery = KnowledgePaging.extend({
  /** `mine`: articles I own; `all`: every article (knowledge.manage). */
  view: z.enum(['mine', 'all']).default('mine'),
  /** Include articles due within this many days. */
  withinDays: z.coerce.number().int().min(0).max(365).default(0),
});
export const DiffQuery = z.strictObject({ from: Id, to: Id });
export const TagsQuery = z.strictObject({
  q: z.string().trim().max(30).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const KnowledgeCategoryBody = z.strictObject({
  parentId: Id.nullable().optional(),
  name: text(1, 60),
  nameEn: text(1, 80).nullable().optional(),
  description: z.string().trim().max(500).nullable().optional(),
  reviewerIds: z.array(Id).max(50).default([]),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});
export const KnowledgeCategoryUpdateBody = KnowledgeCategoryBody.partial().extend({ version: Version, active: z.boolean().optional() });

// ---- responses ----

const Ref = z.object({ id: z.number(), name: z.string() });
const Person = z.object({ id: z.number(), displayName: z.string() });

export const KnowledgeStats = z.object({
  views: z.number(),
  helpful: z.number(),
  notHelpful: z.number(),
  applications: z.number(),
  deflections: z.number(),
});
export type KnowledgeStats = z.infer<typeof KnowledgeStats>;

export const KnowledgeCard = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  type: z.enum(KNOWLEDGE_TYPES),
  audience: z.enum(KNOWLEDGE_AUDIENCES),
  category: Ref.nullable(),
  tags: z.array(z.string()),
  systems: z.array(Ref),
  stats: KnowledgeStats,
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type KnowledgeCard = z.infer<typeof KnowledgeCard>;

export const KnowledgeSearchHit = KnowledgeCard.extend({
  /** HTML: the title escaped, matches in <mark>. */
  titleHighlight: z.string(),
  /** HTML: an escaped excerpt around the matches, matches in <mark>. */
  snippet: z.string(),
  score: z.number(),
});
export type KnowledgeSearchHit = z.infer<typeof KnowledgeSearchHit>;

export const KnowledgeSearchResult = page(KnowledgeSearchHit).extend({
  /** `all`: every term matched; `any`: nothing matched every term, so these match some; `browse`: no query. */
  mode: z.enum(['all', 'any', 'browse']),
});

export const KnowledgeSuggestion = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  titleHighlight: z.string(),
  snippet: z.string(),
  type: z.enum(KNOWLEDGE_TYPES),
  stats: KnowledgeStats,
});
export const KnowledgeSuggestResult = z.object({ items: z.array(KnowledgeSuggestion) });

export const KnowledgeCategory = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  /** In the reader's language. */
  name: z.string(),
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  description: z.string().nullable(),
  reviewers: z.array(Person),
  sortOrder: z.number(),
  active: z.boolean(),
  /** Published articles the caller may read, in this category and below. */
  count: z.number(),
  version: z.number(),
});
export const KnowledgeCategoryList = z.object({ items: z.array(KnowledgeCategory) });

export const KnowledgeVersionContent = z.object({
  title: z.string(),
  type: z.enum(KNOWLEDGE_TYPES),
  category: Ref.nullable(),
  tags: z.array(z.string()),
  systems: z.array(Ref),
  audience: z.enum(KNOWLEDGE_AUDIENCES),
  /** Sanitised HTML. */
  body: z.string(),
  symptom: z.string(),
  cause: z.string(),
  workaround: z.string(),
  fix: z.string(),
});

export const KnowledgeVersionSummary = z.object({
  id: z.number(),
  articleId: z.number(),
  revision: z.number(),
  status: z.enum(KNOWLEDGE_VERSION_STATUSES),
  title: z.string(),
  author: Person.nullable(),
  basedOnRevision: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  reviewer: Person.nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  publishedAt: z.string().nullable(),
});

export const KnowledgeVersionDetail = KnowledgeVersionSummary.extend({
  articleNumber: z.string(),
  articleStatus: z.enum(KNOWLEDGE_ARTICLE_STATUSES),
  content: KnowledgeVersionContent,
  /** Optimistic lock: send it back when saving or acting. */
  version: z.number(),
  allowedActions: z.array(z.enum(KNOWLEDGE_ACTIONS)),
  canEdit: z.boolean(),
});
export type KnowledgeVersionDetail = z.infer<typeof KnowledgeVersionDetail>;

export const KnowledgeLinkedRecord = z.object({
  type: z.string(),
  id: z.number(),
  number: z.string(),
  title: z.string(),
  link: z.string(),
  /** `source`: the article was captured from it; `applied`: the article was applied to it. */
  relation: z.enum(['source', 'applied']),
});

export const KnowledgeArticleDetail = KnowledgeCard.extend({
  status: z.enum(KNOWLEDGE_ARTICLE_STATUSES),
  owner: Person.nullable(),
  reviewBy: z.string().nullable(),
  needsReview: z.boolean(),
  /** The version shown: the published one, or (never published) the working one for those who may see it. */
  shown: z.object({ id: z.number(), revision: z.number(), status: z.enum(KNOWLEDGE_VERSION_STATUSES) }),
  content: KnowledgeVersionContent,
  /** The version being edited or reviewed, for those who may see it. */
  working: z.object({ id: z.number(), revision: z.number(), status: z.enum(KNOWLEDGE_VERSION_STATUSES), version: z.number() }).nullable(),
  myVote: z.boolean().nullable(),
  /** Actions on the shown version (archive, unarchive…). */
  allowedActions: z.array(z.enum(KNOWLEDGE_ACTIONS)),
  canEdit: z.boolean(),
  canManage: z.boolean(),
  linkedRecords: z.array(KnowledgeLinkedRecord),
  /** Optimistic lock of the article (settings, archive). */
  version: z.number(),
});
export type KnowledgeArticleDetail = z.infer<typeof KnowledgeArticleDetail>;

export const KnowledgeVersionList = z.object({ items: z.array(KnowledgeVersionSummary) });

export const KnowledgeDiffLine = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export const KnowledgeDiff = z.object({
  from: KnowledgeVersionSummary.extend({ content: KnowledgeVersionContent }),
  to: KnowledgeVersionSummary.extend({ content: KnowledgeVersionContent }),
  fields: z.array(z.object({ field: z.string(), changed: z.boolean(), lines: z.array(KnowledgeDiffLine) })),
});

export const KnowledgeQueueItem = z.object({
  versionId: z.number(),
  articleId: z.number(),
  number: z.string(),
  revision: z.number(),
  status: z.enum(KNOWLEDGE_VERSION_STATUSES),
  title: z.string(),
  type: z.enum(KNOWLEDGE_TYPES),
  category: Ref.nullable(),
  author: Person.nullable(),
  /** True for a first version; false for an edit of a published article. */
  isNew: z.boolean(),
  submittedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number(),
});
export const KnowledgeQueuePage = page(KnowledgeQueueItem);

export const KnowledgeNeedsReviewItem = KnowledgeCard.extend({
  owner: Person.nullable(),
  reviewBy: z.string(),
  overdueDays: z.number(),
  version: z.number(),
});
export const KnowledgeNeedsReviewPage = page(KnowledgeNeedsReviewItem);

export const KnowledgeHome = z.object({
  categories: z.array(KnowledgeCategory),
  popular: z.array(KnowledgeCard),
  recent: z.array(KnowledgeCard),
  /** Counts for the caller's to-dos (0 when they hold no such permission). */
  counts: z.object({ reviewQueue: z.number(), myWorking: z.number(), needsReview: z.number(), published: z.number() }),
});

export const KnowledgeFeedbackResult = z.object({
  stats: KnowledgeStats,
  myVote: z.boolean().nullable(),
  /** For deflections and applications: false when this one had already been counted. */
  counted: z.boolean(),
});

export const KnowledgeRelated = z.object({
  articles: z.array(KnowledgeSuggestion.extend({ linked: z.boolean() })),
  similar: z.array(
    z.object({
      type: z.string(),
      id: z.number(),
      number: z.string(),
      title: z.string(),
      status: z.string(),
      /** Plain text. */
      solution: z.string().nullable(),
      resolvedAt: z.string().nullable(),
    }),
  ),
  linked: z.array(
    z.object({
      id: z.number(),
      number: z.string(),
      title: z.string(),
      relation: z.enum(['source', 'applied']),
      audience: z.enum(KNOWLEDGE_AUDIENCES),
    }),
  ),
});

export const KnowledgeTags = z.object({ items: z.array(z.object({ tag: z.string(), count: z.number() })) });
