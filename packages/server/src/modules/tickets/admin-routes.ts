import { IdParams, Ok, text } from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, ctxOf } from '../../platform/http/types.js';
import { itemOptions } from '../catalog/service.js';
import { addAbsence, listAbsences, removeAbsence } from './absences.js';
import { bulkAction } from './bulk.js';
import { createRule, listRules, reorderRules, updateRule } from './rules.js';
import { deleteView, listSavedViews, saveView } from './saved-views.js';
import { SLA_RECOMPUTE_JOB } from './sla.js';

const RuleBody = z.strictObject({
  name: text(1, 80),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
  catalogItemIds: z.array(z.number().int().positive()).max(200).default([]),
  departmentIds: z.array(z.number().int().positive()).max(200).default([]),
  systemIds: z.array(z.number().int().positive()).max(200).default([]),
  keywords: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
  teamId: z.number().int().positive(),
  strategy: z.enum(['none', 'round_robin', 'least_loaded']).default('none'),
  active: z.boolean().default(true),
});
const Rule = RuleBody.extend({ id: z.number(), version: z.number() });

const ViewBody = z.strictObject({
  name: z.string().trim().min(1).max(60),
  filters: z.record(z.string().max(40), z.unknown()).default({}),
  columns: z.array(z.string().max(40)).max(30).default([]),
});

export async function ticketAdminRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['tickets'];

  typed.get(
    '/api/assignment-rules',
    { config: { access: 'ticket.manage' }, schema: { tags, response: { 200: z.object({ items: z.array(Rule) }) } } },
    async () => ({
      items: await listRules(platform.db),
    }),
  );
  typed.post(
    '/api/assignment-rules',
    { config: { access: 'ticket.manage' }, schema: { tags, body: RuleBody, response: { 201: Rule } } },
    async (req, reply) => reply.code(201).send(await createRule(platform.db, ctxOf(req), req.body)),
  );
  typed.patch(
    '/api/assignment-rules/:id',
    {
      config: { access: 'ticket.manage' },
      schema: { tags, params: IdParams, body: RuleBody.partial().extend({ version: z.number().int().min(1) }), response: { 200: Rule } },
    },
    async (req) => updateRule(platform.db, ctxOf(req), req.params.id, req.body),
  );

  typed.put(
    '/api/assignment-rules/order',
    {
      config: { access: 'ticket.manage' },
      schema: {
        tags,
        body: z.strictObject({
          rules: z
            .array(z.strictObject({ id: z.number().int().positive(), version: z.number().int().min(1) }))
            .min(1)
            .max(1000),
        }),
        response: { 200: z.object({ items: z.array(Rule) }) },
      },
    },
    async (req) => ({ items: await reorderRules(platform.db, ctxOf(req), req.body.rules) }),
  );

  // The rule editor picks among every catalogue item, also for ticket managers without catalog.manage.
  typed.get(
    '/api/assignment-rules/item-options',
    {
      config: { access: 'ticket.manage' },
      schema: {
        tags,
        response: {
          200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), category: z.string(), active: z.boolean() })) }),
        },
      },
    },
    async (req) => ({ items: await itemOptions(platform.db, actorOf(req).locale) }),
  );

  typed.post(
    '/api/tickets/bulk',
    {
      config: { access: 'ticket.dispatch' },
      schema: {
        tags,
        body: z.strictObject({
          ids: z.array(z.number().int().positive()).min(1).max(200),
          action: z.enum(['assign', 'close']),
          assigneeId: z.number().int().positive().nullable().optional(),
          teamId: z.number().int().positive().nullable().optional(),
        }),
        response: { 200: z.object({ results: z.array(z.object({ id: z.number(), ok: z.boolean(), code: z.string().optional() })) }) },
      },
    },
    async (req) => ({ results: await bulkAction(platform, ctxOf(req), req.body) }),
  );

  const Absence = z.object({ id: z.number(), startsAt: z.string(), endsAt: z.string(), note: z.string().nullable() });
  const UserParams = z.strictObject({ userId: IdParams.shape.id });
  typed.get(
    '/api/users/:userId/absences',
    { config: { access: 'ticket.read' }, schema: { tags, params: UserParams, response: { 200: z.object({ items: z.array(Absence) }) } } },
    async (req) => ({
      items: await listAbsences(platform.db, actorOf(req), req.params.userId),
    }),
  );
  typed.post(
    '/api/users/:userId/absences',
    {
      config: { access: 'ticket.read' },
      schema: {
        tags,
        params: UserParams,
        body: z.strictObject({
          startsAt: z.iso.datetime({ offset: true }),
          endsAt: z.iso.datetime({ offset: true }),
          note: z.string().trim().max(200).nullable().optional(),
        }),
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (req, reply) => reply.code(201).send({ id: await addAbsence(platform.db, ctxOf(req), req.params.userId, req.body) }),
  );
  typed.delete(
    '/api/users/:userId/absences/:id',
    { config: { access: 'ticket.read' }, schema: { tags, params: UserParams.extend({ id: IdParams.shape.id }), response: { 200: Ok } } },
    async (req) => {
      await removeAbsence(platform.db, ctxOf(req), req.params.userId, req.params.id);
      return { ok: true as const };
    },
  );

  // After editing a policy or calendar: recompute every open ticket's SLA (also runs nightly).
  typed.post('/api/sla/recompute', { config: { access: 'sla.manage' }, schema: { tags, response: { 202: Ok } } }, async (_req, reply) => {
    await platform.jobs.boss.send(SLA_RECOMPUTE_JOB, {}, { singletonKey: 'sla-recompute', singletonSeconds: 30 });
    return reply.code(202).send({ ok: true as const });
  });

  const SavedView = z.object({
    id: z.number(),
    name: z.string(),
    filters: z.record(z.string(), z.unknown()),
    columns: z.array(z.string()),
  });
  typed.get(
    '/api/ticket-views',
    { config: { access: 'ticket.read' }, schema: { tags, response: { 200: z.object({ items: z.array(SavedView) }) } } },
    async (req) => ({
      items: await listSavedViews(platform.db, actorOf(req)),
    }),
  );
  typed.post(
    '/api/ticket-views',
    { config: { access: 'ticket.read' }, schema: { tags, body: ViewBody, response: { 201: z.object({ id: z.number() }) } } },
    async (req, reply) => reply.code(201).send({ id: (await saveView(platform.db, actorOf(req), req.body)) as number }),
  );
  typed.delete(
    '/api/ticket-views/:id',
    { config: { access: 'ticket.read' }, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await deleteView(platform.db, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
