import {
  CreateDemandBody,
  type DemandAction,
  DemandApproveBody,
  DemandCommentBody,
  DemandDetail,
  DemandDivision,
  DemandEvaluateBody,
  DemandExportQuery,
  DemandListQuery,
  DemandMetrics,
  DemandMetricsQuery,
  DemandPage,
  DemandRateBody,
  DemandReasonBody,
  DemandTaskBody,
  DemandTaskParams,
  DemandTaskUpdateBody,
  DemandTestBody,
  DemandVersionBody,
  DemandWorkLogBody,
  IdParams,
  type Permission,
} from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { forbidden } from '../../platform/errors.js';
import { actorOf, ctxOf } from '../../platform/http/types.js';
import { getDemandDetail } from './detail.js';
import { demandDivision } from './division.js';
import { exportDemands } from './export.js';
import { addTask, logWork, registerTest, updateTask } from './implementation.js';
import { demandMetrics } from './metrics.js';
import { listDemands } from './queries.js';
import { submitDemand } from './submit.js';
import { type DemandActionBody, performDemandAction } from './transitions.js';

const tags = ['demands'];

export async function demandRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const { db, config } = platform;
  const tz = config.TIMEZONE;

  typed.get(
    '/api/demands',
    { config: { access: 'demand.read' }, schema: { tags, querystring: DemandListQuery, response: { 200: DemandPage } } },
    async (req) => listDemands(db, actorOf(req), req.query, tz),
  );
  typed.get(
    '/api/demands/export',
    { config: { access: 'demand.manage' }, schema: { tags, querystring: DemandExportQuery } },
    async (req, reply) => exportDemands(platform, ctxOf(req), req.query, reply),
  );
  // 需求效率: for demand managers, and for holders of analytics.view (who read every dashboard).
  typed.get(
    '/api/demands/metrics',
    { config: { access: 'demand.read' }, schema: { tags, querystring: DemandMetricsQuery, response: { 200: DemandMetrics } } },
    async (req) => {
      const actor = actorOf(req);
      if (!actor.permissions.has('demand.manage') && !actor.permissions.has('analytics.view')) throw forbidden();
      return demandMetrics(db, req.query, tz);
    },
  );
  typed.get('/api/demands/division', { config: { access: 'demand.read' }, schema: { tags, response: { 200: DemandDivision } } }, async () =>
    demandDivision(db),
  );
  typed.get(
    '/api/demands/:id',
    { config: { access: 'demand.read' }, schema: { tags, params: IdParams, response: { 200: DemandDetail } } },
    async (req) => getDemandDetail(db, actorOf(req), req.params.id, tz),
  );
  typed.post(
    '/api/demands',
    { config: { access: 'demand.submit' }, schema: { tags, body: CreateDemandBody, response: { 201: DemandDetail } } },
    async (req, reply) =>
      reply.code(201).send(await getDemandDetail(db, actorOf(req), await submitDemand(platform, ctxOf(req), req.body), tz)),
  );

  // ---- the flow: each step answers with the demand as it is now ----
  const step = <B extends z.ZodType>(path: string, action: DemandAction, access: Permission, body: B) =>
    typed.post(
      `/api/demands/:id/${path}`,
      { config: { access }, schema: { tags, params: IdParams, body, response: { 200: DemandDetail } } },
      async (req) => {
        await performDemandAction(platform, ctxOf(req), req.params.id, action, req.body as DemandActionBody);
        return getDemandDetail(db, actorOf(req), req.params.id, tz);
      },
    );
  step('cancel', 'cancel', 'demand.submit', DemandVersionBody);
  step('accept', 'accept', 'demand.handle', DemandVersionBody);
  step('reject', 'reject', 'demand.handle', DemandReasonBody);
  step('evaluate', 'evaluate', 'demand.handle', DemandEvaluateBody);
  step('approve', 'approve', 'demand.approve', DemandApproveBody);
  step('disapprove', 'disapprove', 'demand.approve', DemandReasonBody);
  step('return', 'return', 'demand.approve', DemandCommentBody);
  step('rate', 'rate', 'demand.submit', DemandRateBody);

  // ---- implementation 实现 ----
  typed.post(
    '/api/demands/:id/tasks',
    { config: { access: 'demand.implement' }, schema: { tags, params: IdParams, body: DemandTaskBody, response: { 200: DemandDetail } } },
    async (req) => {
      await addTask(platform, ctxOf(req), req.params.id, req.body);
      return getDemandDetail(db, actorOf(req), req.params.id, tz);
    },
  );
  typed.patch(
    '/api/demands/:id/tasks/:taskId',
    {
      config: { access: 'demand.implement' },
      schema: { tags, params: DemandTaskParams, body: DemandTaskUpdateBody, response: { 200: DemandDetail } },
    },
    async (req) => {
      await updateTask(platform, ctxOf(req), req.params.id, req.params.taskId, req.body);
      return getDemandDetail(db, actorOf(req), req.params.id, tz);
    },
  );
  typed.post(
    '/api/demands/:id/work-logs',
    {
      config: { access: 'demand.implement' },
      schema: { tags, params: IdParams, body: DemandWorkLogBody, response: { 200: DemandDetail } },
    },
    async (req) => {
      await logWork(platform, ctxOf(req), req.params.id, req.body);
      return getDemandDetail(db, actorOf(req), req.params.id, tz);
    },
  );
  typed.post(
    '/api/demands/:id/tests',
    { config: { access: 'demand.implement' }, schema: { tags, params: IdParams, body: DemandTestBody, response: { 200: DemandDetail } } },
    async (req) => {
      await registerTest(platform, ctxOf(req), req.params.id, req.body);
      return getDemandDetail(db, actorOf(req), req.params.id, tz);
    },
  );
}
