import {
  AvailabilityQuery,
  AvailabilityReport,
  AvailabilityTrend,
  AvailabilityTrendQuery,
  CreateFaultBody,
  FaultActionDoneBody,
  FaultAssignBody,
  FaultCloseBody,
  FaultCommentBody,
  FaultDetail,
  FaultExportQuery,
  FaultLinkBody,
  FaultListQuery,
  FaultPage,
  FaultPrefill,
  FaultPrefillQuery,
  FaultReasonBody,
  FaultRecoverBody,
  FaultReviewActionBody,
  FaultReviewActionList,
  FaultReviewBody,
  FaultSettings,
  FaultTimesBody,
  FaultVersionBody,
  FaultWorkLogBody,
  IdParams,
  Ok,
  ReviewActionListQuery,
  UpdateFaultBody,
} from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, ctxOf } from '../../platform/http/types.js';
import { businessDay } from '../../platform/numbering/numbering.js';
import { addFaultComment, captureFaultKnowledge, linkToFault, logFaultWork } from './activity.js';
import { availabilityReport, availabilityTrend, exportAvailability } from './availability.js';
import { getFaultDetail } from './detail.js';
import { exportFaults } from './export.js';
import { assignFault, editFaultTimes, type FaultActionBody, performFaultAction } from './handle.js';
import { listFaults } from './queries.js';
import { createFault, faultPrefill, updateFault } from './register.js';
import { addReviewAction, completeReview, completeReviewAction, listReviewActions, saveReview } from './review.js';
import { getFaultSettings, updateFaultSettings } from './settings.js';

const tags = ['faults'];

export async function faultRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const { db, config } = platform;
  const tz = config.TIMEZONE;
  const today = () => businessDay(new Date(), tz);
  const detail = (req: { actor: Parameters<typeof actorOf>[0]['actor'] }, id: number) => getFaultDetail(db, actorOf(req), id, today());

  // ---- lists, settings, availability (before /:id) ----
  typed.get(
    '/api/faults',
    { config: { access: 'fault.read' }, schema: { tags, querystring: FaultListQuery, response: { 200: FaultPage } } },
    async (req) => listFaults(db, actorOf(req), req.query, tz),
  );
  typed.get(
    '/api/faults/export',
    { config: { access: 'fault.manage' }, schema: { tags, querystring: FaultExportQuery } },
    async (req, reply) => exportFaults(platform, ctxOf(req), req.query, reply),
  );
  typed.get('/api/faults/settings', { config: { access: 'fault.read' }, schema: { tags, response: { 200: FaultSettings } } }, async () =>
    getFaultSettings(db),
  );
  typed.put(
    '/api/faults/settings',
    { config: { access: 'fault.manage' }, schema: { tags, body: FaultSettings, response: { 200: FaultSettings } } },
    async (req) => {
      await updateFaultSettings(db, ctxOf(req), req.body);
      return getFaultSettings(db);
    },
  );
  // The systems and teams a fault form and the filters offer (engineers need not read the org admin lists).
  typed.get(
    '/api/faults/options',
    {
      config: { access: 'fault.read' },
      schema: {
        tags,
        response: {
          200: z.object({
            systems: z.array(z.object({ id: z.number(), name: z.string() })),
            teams: z.array(z.object({ id: z.number(), name: z.string() })),
          }),
        },
      },
    },
    async () => ({
      systems: await db.selectFrom('it_systems').select(['id', 'name']).where('active', '=', true).orderBy('name').execute(),
      teams: await db.selectFrom('teams').select(['id', 'name']).where('active', '=', true).orderBy('name').execute(),
    }),
  );
  typed.get(
    '/api/faults/prefill',
    { config: { access: 'fault.handle' }, schema: { tags, querystring: FaultPrefillQuery, response: { 200: FaultPrefill } } },
    async (req) => faultPrefill(db, actorOf(req), req.query),
  );
  typed.get(
    '/api/faults/availability',
    { config: { access: 'fault.read' }, schema: { tags, querystring: AvailabilityQuery, response: { 200: AvailabilityReport } } },
    async (req) => availabilityReport(db, req.query, tz),
  );
  typed.get(
    '/api/faults/availability/trend',
    { config: { access: 'fault.read' }, schema: { tags, querystring: AvailabilityTrendQuery, response: { 200: AvailabilityTrend } } },
    async (req) => availabilityTrend(db, req.query, tz),
  );
  typed.get(
    '/api/faults/availability/export',
    { config: { access: 'fault.read' }, schema: { tags, querystring: AvailabilityQuery } },
    async (req, reply) => exportAvailability(db, ctxOf(req), req.query, tz, reply),
  );
  typed.get(
    '/api/faults/review-actions',
    { config: { access: 'fault.read' }, schema: { tags, querystring: ReviewActionListQuery, response: { 200: FaultReviewActionList } } },
    async (req) => ({ items: await listReviewActions(db, actorOf(req), { view: req.query.view }, today()) }),
  );
  typed.post(
    '/api/faults/review-actions/:id/done',
    { config: { access: 'fault.read' }, schema: { tags, params: IdParams, body: FaultActionDoneBody, response: { 200: Ok } } },
    async (req) => {
      await completeReviewAction(platform, ctxOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  // ---- one fault ----
  typed.post(
    '/api/faults',
    { config: { access: 'fault.handle' }, schema: { tags, body: CreateFaultBody, response: { 201: FaultDetail } } },
    async (req, reply) => reply.code(201).send(await detail(req, await createFault(platform, ctxOf(req), req.body))),
  );
  typed.get(
    '/api/faults/:id',
    { config: { access: 'fault.read' }, schema: { tags, params: IdParams, response: { 200: FaultDetail } } },
    async (req) => detail(req, req.params.id),
  );
  typed.patch(
    '/api/faults/:id',
    { config: { access: 'fault.handle' }, schema: { tags, params: IdParams, body: UpdateFaultBody, response: { 200: FaultDetail } } },
    async (req) => {
      await updateFault(db, ctxOf(req), req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  const action = <B extends z.ZodType>(
    path: string,
    access: 'fault.handle' | 'fault.manage',
    body: B,
    run: (req: never, id: number, input: z.infer<B>) => Promise<unknown>,
  ) =>
    typed.post(
      `/api/faults/:id/${path}`,
      { config: { access }, schema: { tags, params: IdParams, body, response: { 200: FaultDetail } } },
      async (req) => {
        await run(req as never, req.params.id, req.body as z.infer<B>);
        return detail(req, req.params.id);
      },
    );
  const transition = (
    name: 'respond' | 'recover' | 'reopen' | 'close' | 'cancel',
    access: 'fault.handle' | 'fault.manage',
    body: z.ZodType,
  ) => action(name, access, body, (req, id, input) => performFaultAction(platform, ctxOf(req), id, name, input as FaultActionBody));
  transition('respond', 'fault.handle', FaultVersionBody);
  transition('recover', 'fault.handle', FaultRecoverBody);
  transition('reopen', 'fault.handle', FaultReasonBody);
  transition('close', 'fault.manage', FaultCloseBody);
  transition('cancel', 'fault.manage', FaultReasonBody);
  action('assign', 'fault.manage', FaultAssignBody, (req, id, input) => assignFault(platform, ctxOf(req), id, input));
  action('times', 'fault.handle', FaultTimesBody, (req, id, input) => editFaultTimes(platform, ctxOf(req), id, input));
  action('comments', 'fault.handle', FaultCommentBody, (req, id, input) => addFaultComment(platform, ctxOf(req), id, input));
  action('work-logs', 'fault.handle', FaultWorkLogBody, (req, id, input) => logFaultWork(platform, ctxOf(req), id, input));
  action('links', 'fault.handle', FaultLinkBody, (req, id, input) => linkToFault(platform, ctxOf(req), id, input.number));
  action('review', 'fault.handle', FaultReviewBody, (req, id, input) => saveReview(platform, ctxOf(req), id, input));
  action('review/complete', 'fault.handle', z.strictObject({ version: z.number().int().min(1) }), (req, id, input) =>
    completeReview(platform, ctxOf(req), id, input.version),
  );
  action('review-actions', 'fault.handle', FaultReviewActionBody, (req, id, input) => addReviewAction(platform, ctxOf(req), id, input));
  // 沉淀为知识: fault.handle here, knowledge.write in the service (as the knowledge module's capture).
  // 201 with a new draft; 200 with the article already captured from the fault.
  const Captured = z.object({ articleId: z.number(), articleNumber: z.string(), versionId: z.number() });
  typed.post(
    '/api/faults/:id/knowledge',
    {
      config: { access: 'fault.handle' },
      schema: { tags, params: IdParams, response: { 200: Captured, 201: Captured } },
    },
    async (req, reply) => {
      const { versionId, created } = await captureFaultKnowledge(platform, ctxOf(req), req.params.id);
      const v = await db
        .selectFrom('knowledge_versions as v')
        .innerJoin('knowledge_articles as a', 'a.id', 'v.article_id')
        .select(['a.id', 'a.number'])
        .where('v.id', '=', versionId)
        .executeTakeFirstOrThrow();
      return reply.code(created ? 201 : 200).send({ articleId: v.id, articleNumber: v.number, versionId });
    },
  );
}
