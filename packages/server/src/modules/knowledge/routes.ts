import {
  ArticleSettingsBody,
  ConfirmReviewBody,
  CreateArticleBody,
  DeflectionBody,
  DiffQuery,
  HelpfulBody,
  IdParams,
  KnowledgeActionBody,
  KnowledgeArticleDetail,
  KnowledgeCategoryBody,
  KnowledgeCategoryList,
  KnowledgeCategoryUpdateBody,
  KnowledgeDiff,
  KnowledgeFeedbackResult,
  KnowledgeHome,
  KnowledgeNeedsReviewPage,
  KnowledgePaging,
  KnowledgeQueuePage,
  KnowledgeRelated,
  KnowledgeSearchQuery,
  KnowledgeSearchResult,
  KnowledgeSuggestResult,
  KnowledgeTags,
  KnowledgeVersionDetail,
  KnowledgeVersionList,
  MySubmissionsQuery,
  NeedsReviewQuery,
  NewVersionBody,
  RecordRefBody,
  RecordRefQuery,
  SaveDraftBody,
  SuggestQuery,
  TagsQuery,
} from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, ctxOf } from '../../platform/http/types.js';
import { performArticleAction, performKnowledgeAction } from './actions.js';
import { confirmReview, createArticle, saveDraft, startVersion, updateSettings } from './articles.js';
import { applyArticle, captureKnowledge, relatedToRecord } from './capture.js';
import { createCategory, listCategories, updateCategory } from './categories.js';
import { recordDeflection, voteHelpful } from './feedback.js';
import { knowledgeHome, mySubmissions, needsReview, reviewQueue } from './lists.js';
import { countView, diffVersions, getArticleDetail, getVersionDetail, listVersions } from './read.js';
import { listTags, searchArticles, suggestArticles } from './search.js';

const tags = ['knowledge'];
const VersionActionParams = z.strictObject({
  id: IdParams.shape.id,
  action: z.enum(['submit', 'withdraw', 'approve', 'reject', 'discard']),
});
const ArticleActionParams = z.strictObject({ id: IdParams.shape.id, action: z.enum(['archive', 'unarchive']) });

export async function knowledgeRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const { db, config } = platform;
  const tz = config.TIMEZONE;

  // ---- reading: home, categories, search, suggestions, tags ----
  typed.get(
    '/api/knowledge/home',
    { config: { access: 'knowledge.read' }, schema: { tags, response: { 200: KnowledgeHome } } },
    async (req) => knowledgeHome(db, actorOf(req), tz),
  );
  typed.get(
    '/api/knowledge/categories',
    { config: { access: 'knowledge.read' }, schema: { tags, response: { 200: KnowledgeCategoryList } } },
    async (req) => ({ items: await listCategories(db, actorOf(req)) }),
  );
  typed.get(
    '/api/knowledge/search',
    { config: { access: 'knowledge.read' }, schema: { tags, querystring: KnowledgeSearchQuery, response: { 200: KnowledgeSearchResult } } },
    async (req) => searchArticles(db, actorOf(req), req.query),
  );
  typed.get(
    '/api/knowledge/suggest',
    { config: { access: 'knowledge.read' }, schema: { tags, querystring: SuggestQuery, response: { 200: KnowledgeSuggestResult } } },
    async (req) => ({ items: await suggestArticles(db, actorOf(req), req.query.q, req.query.limit) }),
  );
  typed.get(
    '/api/knowledge/tags',
    { config: { access: 'knowledge.read' }, schema: { tags, querystring: TagsQuery, response: { 200: KnowledgeTags } } },
    async (req) => ({ items: await listTags(db, actorOf(req), req.query.q, req.query.limit) }),
  );

  // ---- categories (knowledge managers) ----
  typed.post(
    '/api/knowledge/categories',
    {
      config: { access: 'knowledge.manage' },
      schema: { tags, body: KnowledgeCategoryBody, response: { 201: KnowledgeCategoryList.shape.items.element } },
    },
    async (req, reply) => {
      const id = await createCategory(db, ctxOf(req), req.body);
      const item = (await listCategories(db, actorOf(req))).find((c) => c.id === id);
      return reply.code(201).send(item as NonNullable<typeof item>);
    },
  );
  typed.patch(
    '/api/knowledge/categories/:id',
    {
      config: { access: 'knowledge.manage' },
      schema: { tags, params: IdParams, body: KnowledgeCategoryUpdateBody, response: { 200: KnowledgeCategoryList.shape.items.element } },
    },
    async (req) => {
      await updateCategory(db, ctxOf(req), req.params.id, req.body);
      return (await listCategories(db, actorOf(req))).find((c) => c.id === req.params.id) as never;
    },
  );

  // ---- articles ----
  typed.post(
    '/api/knowledge/articles',
    { config: { access: 'knowledge.write' }, schema: { tags, body: CreateArticleBody, response: { 201: KnowledgeVersionDetail } } },
    async (req, reply) => {
      const versionId = await createArticle(platform, ctxOf(req), req.body);
      return reply.code(201).send(await getVersionDetail(db, actorOf(req), versionId));
    },
  );
  // Reading an article counts a view (once per reader and day; not the owner's or an author's).
  typed.get(
    '/api/knowledge/articles/:id',
    { config: { access: 'knowledge.read' }, schema: { tags, params: IdParams, response: { 200: KnowledgeArticleDetail } } },
    async (req) => {
      const detail = await getArticleDetail(db, actorOf(req), req.params.id, tz);
      await countView(db, actorOf(req), req.params.id, tz);
      return getArticleDetail(db, actorOf(req), detail.id, tz);
    },
  );
  typed.patch(
    '/api/knowledge/articles/:id',
    {
      config: { access: 'knowledge.write' },
      schema: { tags, params: IdParams, body: ArticleSettingsBody, response: { 200: KnowledgeArticleDetail } },
    },
    async (req) => {
      await updateSettings(platform, ctxOf(req), req.params.id, req.body);
      return getArticleDetail(db, actorOf(req), req.params.id, tz);
    },
  );
  typed.post(
    '/api/knowledge/articles/:id/confirm-review',
    {
      config: { access: 'knowledge.write' },
      schema: { tags, params: IdParams, body: ConfirmReviewBody, response: { 200: KnowledgeArticleDetail } },
    },
    async (req) => {
      await confirmReview(platform, ctxOf(req), req.params.id, req.body);
      return getArticleDetail(db, actorOf(req), req.params.id, tz);
    },
  );
  typed.post(
    '/api/knowledge/articles/:id/actions/:action',
    {
      config: { access: 'knowledge.write' },
      schema: { tags, params: ArticleActionParams, body: KnowledgeActionBody, response: { 200: KnowledgeArticleDetail } },
    },
    async (req) => {
      await performArticleAction(platform, ctxOf(req), req.params.id, req.params.action, req.body);
      return getArticleDetail(db, actorOf(req), req.params.id, tz);
    },
  );

  // ---- versions: edit a published article, restore, history, diff ----
  typed.post(
    '/api/knowledge/articles/:id/versions',
    {
      config: { access: 'knowledge.write' },
      schema: { tags, params: IdParams, body: NewVersionBody, response: { 201: KnowledgeVersionDetail } },
    },
    async (req, reply) => {
      const versionId = await startVersion(platform, ctxOf(req), req.params.id, req.body.fromVersionId);
      return reply.code(201).send(await getVersionDetail(db, actorOf(req), versionId));
    },
  );
  typed.get(
    '/api/knowledge/articles/:id/versions',
    { config: { access: 'knowledge.read' }, schema: { tags, params: IdParams, response: { 200: KnowledgeVersionList } } },
    async (req) => ({ items: await listVersions(db, actorOf(req), req.params.id) }),
  );
  typed.get(
    '/api/knowledge/articles/:id/diff',
    { config: { access: 'knowledge.read' }, schema: { tags, params: IdParams, querystring: DiffQuery, response: { 200: KnowledgeDiff } } },
    async (req) => diffVersions(db, actorOf(req), req.params.id, req.query.from, req.query.to),
  );
  typed.get(
    '/api/knowledge/versions/:id',
    { config: { access: 'knowledge.read' }, schema: { tags, params: IdParams, response: { 200: KnowledgeVersionDetail } } },
    async (req) => getVersionDetail(db, actorOf(req), req.params.id),
  );
  typed.patch(
    '/api/knowledge/versions/:id',
    {
      config: { access: 'knowledge.write' },
      schema: { tags, params: IdParams, body: SaveDraftBody, response: { 200: KnowledgeVersionDetail } },
    },
    async (req) => {
      await saveDraft(platform, ctxOf(req), req.params.id, req.body);
      return getVersionDetail(db, actorOf(req), req.params.id);
    },
  );
  // Who may submit, approve or reject is decided by the knowledge state machine (author, category reviewer…).
  typed.post(
    '/api/knowledge/versions/:id/actions/:action',
    {
      config: { access: 'knowledge.read' },
      schema: { tags, params: VersionActionParams, body: KnowledgeActionBody, response: { 200: KnowledgeVersionDetail } },
    },
    async (req) => {
      await performKnowledgeAction(platform, ctxOf(req), req.params.id, req.params.action, req.body);
      return getVersionDetail(db, actorOf(req), req.params.id);
    },
  );

  // ---- work lists ----
  typed.get(
    '/api/knowledge/review-queue',
    { config: { access: 'knowledge.read' }, schema: { tags, querystring: KnowledgePaging, response: { 200: KnowledgeQueuePage } } },
    async (req) => reviewQueue(db, actorOf(req), req.query),
  );
  typed.get(
    '/api/knowledge/mine',
    { config: { access: 'knowledge.write' }, schema: { tags, querystring: MySubmissionsQuery, response: { 200: KnowledgeQueuePage } } },
    async (req) => mySubmissions(db, actorOf(req), req.query),
  );
  typed.get(
    '/api/knowledge/needs-review',
    { config: { access: 'knowledge.write' }, schema: { tags, querystring: NeedsReviewQuery, response: { 200: KnowledgeNeedsReviewPage } } },
    async (req) => needsReview(db, actorOf(req), req.query, tz),
  );

  // ---- feedback and application ----
  typed.post(
    '/api/knowledge/articles/:id/helpful',
    {
      config: { access: 'knowledge.read' },
      schema: { tags, params: IdParams, body: HelpfulBody, response: { 200: KnowledgeFeedbackResult } },
    },
    async (req) => voteHelpful(db, actorOf(req), req.params.id, req.body.helpful),
  );
  typed.post(
    '/api/knowledge/articles/:id/deflection',
    {
      config: { access: 'knowledge.read' },
      schema: { tags, params: IdParams, body: DeflectionBody, response: { 200: KnowledgeFeedbackResult } },
    },
    async (req) => recordDeflection(db, actorOf(req), req.params.id, req.body, tz),
  );
  // Only someone who may work on the record (for tickets: ticket.handle, in scope) — checked by its source adapter.
  typed.post(
    '/api/knowledge/articles/:id/applications',
    {
      config: { access: 'knowledge.read' },
      schema: { tags, params: IdParams, body: RecordRefBody, response: { 200: KnowledgeFeedbackResult } },
    },
    async (req) => applyArticle(platform, ctxOf(req), req.params.id, req.body.recordType, req.body.recordId),
  );
  typed.post(
    '/api/knowledge/capture',
    { config: { access: 'knowledge.write' }, schema: { tags, body: RecordRefBody, response: { 201: KnowledgeVersionDetail } } },
    async (req, reply) => {
      const versionId = await captureKnowledge(platform, ctxOf(req), req.body.recordType, req.body.recordId);
      return reply.code(201).send(await getVersionDetail(db, actorOf(req), versionId));
    },
  );
  typed.get(
    '/api/knowledge/related',
    { config: { access: 'knowledge.read' }, schema: { tags, querystring: RecordRefQuery, response: { 200: KnowledgeRelated } } },
    async (req) => relatedToRecord(db, actorOf(req), req.query.recordType, req.query.recordId),
  );
}
