import { IdParams } from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import { ctxOf } from '../../platform/http/types.js';
import { createCalendar, previewDue, replaceYearDays, updateCalendar, yearDays } from './calendars.js';
import { createPolicy, updatePolicy } from './policies.js';
import { getCalendar, getPolicy, listCalendars, listPolicies } from './queries.js';
import {
  Calendar,
  CalendarBody,
  CalendarUpdateBody,
  Days,
  DaysBody,
  Policy,
  PolicyBody,
  PolicyUpdateBody,
  Preview,
  PreviewQuery,
  YearQuery,
} from './schemas.js';
import type { CalendarRecord, SlaPolicy } from './types.js';

const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

const presentCalendar = (c: CalendarRecord): z.infer<typeof Calendar> => ({
  ...c,
  weekly: c.weekly.map((day) => day.map(([s, e]): [number, number] => [s, e])),
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});
const presentPolicy = (p: SlaPolicy): z.infer<typeof Policy> => ({
  ...p,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

/** Business calendars and SLA policies: read by IT staff, managed by admins. */
export async function slaRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.platform;
  const calendar = async (id: number) => presentCalendar((await getCalendar(db, id)) ?? throwNotFound());
  const policy = async (id: number) => presentPolicy((await getPolicy(db, id)) ?? throwNotFound());

  typed.get(
    '/api/sla/calendars',
    { config: { access: 'sla.read' }, schema: { tags: ['sla'], response: { 200: Items(Calendar) } } },
    async () => ({ items: (await listCalendars(db)).map(presentCalendar) }),
  );
  typed.post(
    '/api/sla/calendars',
    { config: { access: 'sla.manage' }, schema: { tags: ['sla'], body: CalendarBody, response: { 201: Calendar } } },
    async (req, reply) => reply.code(201).send(await calendar(await createCalendar(db, ctxOf(req), req.body))),
  );
  typed.patch(
    '/api/sla/calendars/:id',
    {
      config: { access: 'sla.manage' },
      schema: { tags: ['sla'], params: IdParams, body: CalendarUpdateBody, response: { 200: Calendar } },
    },
    async (req) => {
      await updateCalendar(db, ctxOf(req), req.params.id, req.body);
      return calendar(req.params.id);
    },
  );
  typed.get(
    '/api/sla/calendars/:id/days',
    { config: { access: 'sla.read' }, schema: { tags: ['sla'], params: IdParams, querystring: YearQuery, response: { 200: Days } } },
    async (req) => yearDays(db, req.params.id, req.query.year),
  );
  typed.put(
    '/api/sla/calendars/:id/days',
    {
      config: { access: 'sla.manage' },
      schema: { tags: ['sla'], params: IdParams, querystring: YearQuery, body: DaysBody, response: { 200: Days } },
    },
    async (req) => replaceYearDays(db, ctxOf(req), req.params.id, req.query.year, req.body),
  );
  typed.get(
    '/api/sla/calendars/:id/preview',
    { config: { access: 'sla.read' }, schema: { tags: ['sla'], params: IdParams, querystring: PreviewQuery, response: { 200: Preview } } },
    async (req) => ({ dueAt: (await previewDue(db, req.params.id, new Date(req.query.start), req.query.minutes)).toISOString() }),
  );

  typed.get(
    '/api/sla/policies',
    { config: { access: 'sla.read' }, schema: { tags: ['sla'], response: { 200: Items(Policy) } } },
    async () => ({ items: (await listPolicies(db)).map(presentPolicy) }),
  );
  typed.post(
    '/api/sla/policies',
    { config: { access: 'sla.manage' }, schema: { tags: ['sla'], body: PolicyBody, response: { 201: Policy } } },
    async (req, reply) => reply.code(201).send(await policy(await createPolicy(db, ctxOf(req), req.body))),
  );
  typed.patch(
    '/api/sla/policies/:id',
    { config: { access: 'sla.manage' }, schema: { tags: ['sla'], params: IdParams, body: PolicyUpdateBody, response: { 200: Policy } } },
    async (req) => {
      await updatePolicy(db, ctxOf(req), req.params.id, req.body);
      return policy(req.params.id);
    },
  );
}

function throwNotFound(): never {
  throw notFound();
}
