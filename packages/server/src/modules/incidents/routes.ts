import {
  AlertmanagerPayload,
  AlertmanagerResult,
  CreateIncidentBody,
  IdParams,
  IncidentActionBody,
  IncidentCommentBody,
  IncidentDetail,
  IncidentExportQuery,
  IncidentLinkBody,
  IncidentLinks,
  IncidentListQuery,
  IncidentPage,
  IncidentReview,
  IncidentReviewActionBody,
  IncidentReviewActionDoneBody,
  IncidentReviewBody,
  IncidentSettings,
  IncidentSettingsBody,
  IncidentStats,
  IncidentStatsQuery,
  IncidentTokenResult,
  IncidentWorkLogBody,
  IncidentWorkLogs,
  Ok,
  Version,
} from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf, ctxOf } from '../../platform/http/types.js';
import { performIncidentAction } from './actions.js';
import { alertTokenValid, getIncidentSettings, receiveAlerts, rotateAlertToken, updateIncidentSettings } from './alerts.js';
import { exportIncidents, getIncidentDetail } from './detail.js';
import { incidentStats, incidentsOfTicket, listIncidents, myReviewActions } from './lists.js';
import { createIncident } from './register.js';
import { addReviewAction, completeReview, getReview, saveReview, setReviewActionDone } from './review.js';
import { addIncidentComment, linkIncident, listIncidentLinks, listIncidentWorkLogs, logIncidentWork, unlinkIncident } from './work.js';

const tags = ['incidents'];

export async function incidentRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const { db, config } = platform;
  const tz = config.TIMEZONE;

  // ---- lists, figures, export ----
  typed.get(
    '/api/incidents',
    { config: { access: 'incident.read' }, schema: { tags, querystring: IncidentListQuery, response: { 200: IncidentPage } } },
    async (req) => listIncidents(db, actorOf(req), req.query, tz),
  );
  typed.get(
    '/api/incidents/export',
    { config: { access: 'incident.manage' }, schema: { tags, querystring: IncidentExportQuery } },
    async (req, reply) => exportIncidents(platform, ctxOf(req), req.query, reply),
  );
  typed.get(
    '/api/incidents/stats',
    { config: { access: 'incident.read' }, schema: { tags, querystring: IncidentStatsQuery, response: { 200: IncidentStats } } },
    async (req) => incidentStats(db, actorOf(req), req.query, tz),
  );
  typed.get(
    '/api/incidents/review-actions/mine',
    {
      config: { access: 'incident.read' },
      schema: {
        tags,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                title: z.string(),
                dueDate: z.string(),
                overdue: z.boolean(),
                incident: z.object({ id: z.number(), number: z.string(), title: z.string() }),
              }),
            ),
          }),
        },
      },
    },
    async (req) => myReviewActions(db, actorOf(req), tz),
  );
  typed.get(
    '/api/incidents/by-ticket/:id',
    {
      config: { access: 'incident.read' },
      schema: { tags, params: IdParams, response: { 200: z.object({ items: IncidentPage.shape.items }) } },
    },
    async (req) => incidentsOfTicket(db, actorOf(req), req.params.id),
  );

  // ---- settings: the Alertmanager webhook token and the default team ----
  typed.get(
    '/api/incidents/settings',
    { config: { access: 'incident.manage' }, schema: { tags, response: { 200: IncidentSettings } } },
    async () => getIncidentSettings(db),
  );
  typed.put(
    '/api/incidents/settings',
    { config: { access: 'incident.manage' }, schema: { tags, body: IncidentSettingsBody, response: { 200: IncidentSettings } } },
    async (req) => {
      await updateIncidentSettings(db, ctxOf(req), req.body);
      return getIncidentSettings(db);
    },
  );
  typed.post(
    '/api/incidents/settings/token',
    { config: { access: 'incident.manage' }, schema: { tags, response: { 201: IncidentTokenResult } } },
    async (req, reply) => reply.code(201).send(await rotateAlertToken(db, ctxOf(req))),
  );

  // ---- the Alertmanager webhook: no session; its own bearer token, checked before the body is read ----
  typed.post(
    '/api/incidents/alerts/alertmanager',
    {
      config: { access: 'public', ownBearer: true },
      onRequest: async (req) => {
        if (!(await alertTokenValid(db, req.headers.authorization))) throw new AppError('alertTokenInvalid');
      },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        description: 'Prometheus Alertmanager webhook (payload version 4). Authorization: Bearer <the token from the incident settings>.',
        body: AlertmanagerPayload,
        response: { 200: AlertmanagerResult },
      },
    },
    async (req) => receiveAlerts(platform, req.ctx, req.body),
  );

  // ---- one incident ----
  typed.post(
    '/api/incidents',
    { config: { access: 'incident.handle' }, schema: { tags, body: CreateIncidentBody, response: { 201: IncidentDetail } } },
    async (req, reply) => {
      const id = await createIncident(platform, ctxOf(req), req.body);
      return reply.code(201).send(await getIncidentDetail(db, actorOf(req), id));
    },
  );
  typed.get(
    '/api/incidents/:id',
    { config: { access: 'incident.read' }, schema: { tags, params: IdParams, response: { 200: IncidentDetail } } },
    async (req) => getIncidentDetail(db, actorOf(req), req.params.id),
  );
  // Who may take which action is the shared state machine's answer (assignee, team, manager).
  typed.post(
    '/api/incidents/:id/actions',
    {
      config: { access: 'incident.handle' },
      schema: {
        tags,
        params: IdParams,
        body: IncidentActionBody,
        description: "200 with the incident; 204 when the action took it out of the caller's sight (assigned to another team)",
        response: { 200: IncidentDetail, 204: z.null() },
      },
    },
    async (req, reply) => {
      await performIncidentAction(platform, ctxOf(req), req.params.id, req.body);
      try {
        return await getIncidentDetail(db, actorOf(req), req.params.id);
      } catch (error) {
        if (error instanceof AppError && error.code === 'notFound') return reply.code(204).send(null);
        throw error;
      }
    },
  );
  typed.post(
    '/api/incidents/:id/comments',
    { config: { access: 'incident.handle' }, schema: { tags, params: IdParams, body: IncidentCommentBody, response: { 201: Ok } } },
    async (req, reply) => {
      await addIncidentComment(db, ctxOf(req), req.params.id, req.body.body);
      return reply.code(201).send({ ok: true as const });
    },
  );
  typed.get(
    '/api/incidents/:id/work-logs',
    { config: { access: 'incident.read' }, schema: { tags, params: IdParams, response: { 200: IncidentWorkLogs } } },
    async (req) => ({ items: await listIncidentWorkLogs(db, actorOf(req), req.params.id) }),
  );
  typed.post(
    '/api/incidents/:id/work-logs',
    { config: { access: 'incident.handle' }, schema: { tags, params: IdParams, body: IncidentWorkLogBody, response: { 201: Ok } } },
    async (req, reply) => {
      await logIncidentWork(db, ctxOf(req), req.params.id, req.body);
      return reply.code(201).send({ ok: true as const });
    },
  );
  typed.get(
    '/api/incidents/:id/links',
    { config: { access: 'incident.read' }, schema: { tags, params: IdParams, response: { 200: IncidentLinks } } },
    async (req) => ({ items: await listIncidentLinks(db, actorOf(req), req.params.id) }),
  );
  typed.post(
    '/api/incidents/:id/links',
    { config: { access: 'incident.handle' }, schema: { tags, params: IdParams, body: IncidentLinkBody, response: { 201: Ok } } },
    async (req, reply) => {
      await linkIncident(db, ctxOf(req), req.params.id, req.body.number);
      return reply.code(201).send({ ok: true as const });
    },
  );
  typed.delete(
    '/api/incidents/:id/links/:type/:targetId',
    {
      config: { access: 'incident.handle' },
      schema: {
        tags,
        params: z.strictObject({
          id: IdParams.shape.id,
          type: z.enum(['ticket', 'incident', 'fault', 'knowledge']),
          targetId: IdParams.shape.id,
        }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await unlinkIncident(db, ctxOf(req), req.params.id, req.params.type, req.params.targetId);
      return { ok: true as const };
    },
  );

  // ---- the post-incident review 复盘 ----
  typed.get(
    '/api/incidents/:id/review',
    { config: { access: 'incident.read' }, schema: { tags, params: IdParams, response: { 200: IncidentReview } } },
    async (req) => getReview(db, actorOf(req), req.params.id, tz),
  );
  typed.put(
    '/api/incidents/:id/review',
    {
      config: { access: 'incident.handle' },
      schema: { tags, params: IdParams, body: IncidentReviewBody, response: { 200: IncidentReview } },
    },
    async (req) => {
      await saveReview(db, ctxOf(req), req.params.id, req.body);
      return getReview(db, actorOf(req), req.params.id, tz);
    },
  );
  typed.post(
    '/api/incidents/:id/review/complete',
    {
      config: { access: 'incident.handle' },
      schema: { tags, params: IdParams, body: z.strictObject({ version: Version }), response: { 200: IncidentReview } },
    },
    async (req) => {
      await completeReview(db, ctxOf(req), req.params.id, req.body.version);
      return getReview(db, actorOf(req), req.params.id, tz);
    },
  );
  typed.post(
    '/api/incidents/:id/review/actions',
    {
      config: { access: 'incident.handle' },
      schema: { tags, params: IdParams, body: IncidentReviewActionBody, response: { 201: IncidentReview } },
    },
    async (req, reply) => {
      await addReviewAction(db, ctxOf(req), req.params.id, req.body);
      return reply.code(201).send(await getReview(db, actorOf(req), req.params.id, tz));
    },
  );
  // The owner of an action item marks it done (they hold incident.read at least), even on an incident
  // outside their scope; then the answer holds only their own items.
  typed.put(
    '/api/incidents/:id/review/actions/:actionId',
    {
      config: { access: 'incident.read' },
      schema: {
        tags,
        params: z.strictObject({ id: IdParams.shape.id, actionId: IdParams.shape.id }),
        body: IncidentReviewActionDoneBody,
        response: { 200: IncidentReview },
      },
    },
    async (req) => {
      const { inScope } = await setReviewActionDone(db, ctxOf(req), req.params.id, req.params.actionId, req.body.done);
      return getReview(db, actorOf(req), req.params.id, tz, !inScope);
    },
  );
}
