import {
  CommentBody,
  CreateTicketBody,
  IdParams,
  LinkBody,
  Ok,
  RatingBody,
  TICKET_ACTIONS,
  TicketActionBody,
  TicketDetail,
  TicketListQuery,
  TicketPage,
  UpdateTicketBody,
  WorkLogBody,
} from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf, ctxOf } from '../../platform/http/types.js';
import { addComment } from './comments.js';
import { createTicket } from './create-ticket.js';
import { getTicketDetail, listTickets } from './detail.js';
import { exportTickets } from './export.js';
import { linkTickets, listLinks, unlinkTickets } from './links.js';
import { performAction } from './perform-action.js';
import { rateTicket } from './rating.js';
import { ticketSlaReport } from './sla.js';
import { updateTicket } from './update-ticket.js';
import { listWorkLogs, logWork } from './work-logs.js';

const tags = ['tickets'];

export async function ticketRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const { db } = platform;

  typed.get(
    '/api/tickets',
    { config: { access: 'ticket.read' }, schema: { tags, querystring: TicketListQuery, response: { 200: TicketPage } } },
    async (req) => listTickets(db, actorOf(req), req.query),
  );

  typed.get(
    '/api/tickets/export',
    { config: { access: 'ticket.export' }, schema: { tags, querystring: TicketListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => exportTickets(platform, ctxOf(req), req.query, reply),
  );

  typed.post(
    '/api/tickets',
    { config: { access: 'ticket.submit' }, schema: { tags, body: CreateTicketBody, response: { 201: TicketDetail } } },
    async (req, reply) => {
      const channel = req.body.channel ?? (req.actor?.via === 'token' ? 'api' : 'pc');
      const id = await createTicket(platform, ctxOf(req), req.body, channel);
      return reply.code(201).send(await getTicketDetail(db, actorOf(req), id));
    },
  );

  typed.get(
    '/api/tickets/:id',
    { config: { access: 'ticket.read' }, schema: { tags, params: IdParams, response: { 200: TicketDetail } } },
    async (req) => getTicketDetail(db, actorOf(req), req.params.id),
  );

  typed.patch(
    '/api/tickets/:id',
    { config: { access: 'ticket.handle' }, schema: { tags, params: IdParams, body: UpdateTicketBody, response: { 200: TicketDetail } } },
    async (req) => {
      await updateTicket(platform, ctxOf(req), req.params.id, req.body);
      return getTicketDetail(db, actorOf(req), req.params.id);
    },
  );

  // Who may take an action is decided by the ticket state machine (requester, assignee, approver…).
  typed.post(
    '/api/tickets/:id/actions/:action',
    {
      config: { access: 'ticket.read' },
      schema: {
        tags,
        params: z.strictObject({ id: IdParams.shape.id, action: z.enum(TICKET_ACTIONS) }),
        body: TicketActionBody,
        description: "200 with the ticket; 204 when the action took it out of the caller's sight (e.g. transferred to another team)",
        response: { 200: TicketDetail, 204: z.null() },
      },
    },
    async (req, reply) => {
      await performAction(platform, ctxOf(req), req.params.id, req.params.action, req.body);
      try {
        return await getTicketDetail(db, actorOf(req), req.params.id);
      } catch (error) {
        if (error instanceof AppError && error.code === 'notFound') return reply.code(204).send(null);
        throw error;
      }
    },
  );

  typed.post(
    '/api/tickets/:id/comments',
    { config: { access: 'ticket.read' }, schema: { tags, params: IdParams, body: CommentBody, response: { 201: Ok } } },
    async (req, reply) => {
      await addComment(platform, ctxOf(req), req.params.id, req.body);
      return reply.code(201).send({ ok: true as const });
    },
  );

  typed.post(
    '/api/tickets/:id/rating',
    { config: { access: 'ticket.submit' }, schema: { tags, params: IdParams, body: RatingBody, response: { 200: TicketDetail } } },
    async (req) => {
      await rateTicket(platform, ctxOf(req), req.params.id, req.body);
      return getTicketDetail(db, actorOf(req), req.params.id);
    },
  );

  const WorkLog = z.object({
    id: z.number(),
    minutes: z.number(),
    note: z.string().nullable(),
    workedOn: z.string(),
    user: z.object({ id: z.number(), displayName: z.string() }),
    createdAt: z.string(),
  });
  typed.get(
    '/api/tickets/:id/work-logs',
    { config: { access: 'ticket.read' }, schema: { tags, params: IdParams, response: { 200: z.object({ items: z.array(WorkLog) }) } } },
    async (req) => ({
      items: await listWorkLogs(platform, actorOf(req), req.params.id),
    }),
  );
  typed.post(
    '/api/tickets/:id/work-logs',
    { config: { access: 'ticket.handle' }, schema: { tags, params: IdParams, body: WorkLogBody, response: { 201: Ok } } },
    async (req, reply) => {
      await logWork(platform, ctxOf(req), req.params.id, req.body);
      return reply.code(201).send({ ok: true as const });
    },
  );

  const LinkedTicket = z.object({ id: z.number(), number: z.string(), title: z.string(), status: z.string() });
  typed.get(
    '/api/tickets/:id/links',
    {
      config: { access: 'ticket.read' },
      schema: { tags, params: IdParams, response: { 200: z.object({ items: z.array(LinkedTicket) }) } },
    },
    async (req) => ({
      items: await listLinks(platform, actorOf(req), req.params.id),
    }),
  );
  typed.post(
    '/api/tickets/:id/links',
    { config: { access: 'ticket.handle' }, schema: { tags, params: IdParams, body: LinkBody, response: { 201: Ok } } },
    async (req, reply) => {
      await linkTickets(platform, ctxOf(req), req.params.id, req.body.targetId);
      return reply.code(201).send({ ok: true as const });
    },
  );
  typed.delete(
    '/api/tickets/:id/links/:targetId',
    {
      config: { access: 'ticket.handle' },
      schema: { tags, params: z.strictObject({ id: IdParams.shape.id, targetId: IdParams.shape.id }), response: { 200: Ok } },
    },
    async (req) => {
      await unlinkTickets(platform, ctxOf(req), req.params.id, req.params.targetId);
      return { ok: true as const };
    },
  );

  typed.get('/api/tickets/:id/sla', { config: { access: 'ticket.read' }, schema: { tags, params: IdParams } }, async (req) =>
    ticketSlaReport(platform, actorOf(req), req.params.id),
  );
}
