import {
  CreateReleaseBody,
  IdParams,
  ReleaseAcceptanceBody,
  ReleaseCalendar,
  ReleaseCalendarQuery,
  ReleaseDecisionBody,
  ReleaseDemandOptions,
  ReleaseDemandOptionsQuery,
  ReleaseDetail,
  ReleaseExportQuery,
  ReleaseFailBody,
  ReleaseListQuery,
  ReleaseOverlapQuery,
  ReleaseOverlaps,
  ReleasePage,
  ReleaseRemarkBody,
  ReleaseSucceedBody,
  ReleaseVersionBody,
  type RouteAccess,
  UpdateReleaseBody,
} from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { actorOf, ctxOf } from '../../platform/http/types.js';
import { getReleaseDetail } from './detail.js';
import { exportReleases } from './export.js';
import { demandOptions, listReleases, overlappingReleases, releaseCalendar } from './queries.js';
import { type Ctx, createRelease, updateRelease } from './request.js';
import { addRemark, cancelRelease, decideRelease, failRelease, recordAcceptance, submitRelease, succeedRelease } from './transitions.js';

const tags = ['releases'];

export async function releaseRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const { db, config } = platform;
  const tz = config.TIMEZONE;

  typed.get(
    '/api/releases',
    { config: { access: 'release.read' }, schema: { tags, querystring: ReleaseListQuery, response: { 200: ReleasePage } } },
    async (req) => listReleases(db, actorOf(req), req.query, tz),
  );
  typed.get(
    '/api/releases/calendar',
    { config: { access: 'release.read' }, schema: { tags, querystring: ReleaseCalendarQuery, response: { 200: ReleaseCalendar } } },
    async (req) => releaseCalendar(db, actorOf(req), req.query, tz),
  );
  typed.get(
    '/api/releases/export',
    { config: { access: 'release.manage' }, schema: { tags, querystring: ReleaseExportQuery } },
    async (req, reply) => exportReleases(platform, ctxOf(req), req.query, reply),
  );
  typed.get(
    '/api/releases/demand-options',
    {
      config: { access: 'release.manage' },
      schema: { tags, querystring: ReleaseDemandOptionsQuery, response: { 200: ReleaseDemandOptions } },
    },
    async (req) => demandOptions(db, req.query.systemId, req.query.releaseId),
  );
  typed.get(
    '/api/releases/overlaps',
    { config: { access: 'release.read' }, schema: { tags, querystring: ReleaseOverlapQuery, response: { 200: ReleaseOverlaps } } },
    async (req) => ({
      items: await overlappingReleases(db, req.query.systemId, req.query.windowStart, req.query.windowEnd, req.query.releaseId),
    }),
  );
  // A requester of an included demand reads the release too: access is decided on the record (404 otherwise).
  typed.get(
    '/api/releases/:id',
    { config: { access: 'authenticated' }, schema: { tags, params: IdParams, response: { 200: ReleaseDetail } } },
    async (req) => getReleaseDetail(db, actorOf(req), req.params.id),
  );
  typed.post(
    '/api/releases',
    { config: { access: 'release.manage' }, schema: { tags, body: CreateReleaseBody, response: { 201: ReleaseDetail } } },
    async (req, reply) =>
      reply.code(201).send(await getReleaseDetail(db, actorOf(req), await createRelease(platform, ctxOf(req), req.body))),
  );
  typed.patch(
    '/api/releases/:id',
    { config: { access: 'release.manage' }, schema: { tags, params: IdParams, body: UpdateReleaseBody, response: { 200: ReleaseDetail } } },
    async (req) => {
      await updateRelease(platform, ctxOf(req), req.params.id, req.body);
      return getReleaseDetail(db, actorOf(req), req.params.id);
    },
  );

  // ---- actions: each answers with the release as it is now ----
  const action = <B extends z.ZodType>(
    path: string,
    access: RouteAccess,
    body: B,
    run: (ctx: Ctx, id: number, input: z.infer<B>) => Promise<void>,
  ) =>
    typed.post(
      `/api/releases/:id/${path}`,
      { config: { access }, schema: { tags, params: IdParams, body, response: { 200: ReleaseDetail } } },
      async (req) => {
        await run(ctxOf(req), req.params.id, req.body as z.infer<B>);
        return getReleaseDetail(db, actorOf(req), req.params.id);
      },
    );
  action('submit', 'release.manage', ReleaseVersionBody, (ctx, id, input) => submitRelease(platform, ctx, id, input.version));
  action('approve', 'release.approve', ReleaseDecisionBody, (ctx, id, input) => decideRelease(platform, ctx, id, true, input));
  action('reject', 'release.approve', ReleaseDecisionBody, (ctx, id, input) => decideRelease(platform, ctx, id, false, input));
  action('cancel', 'release.manage', ReleaseVersionBody, (ctx, id, input) => cancelRelease(platform, ctx, id, input.version));
  action('succeed', 'release.manage', ReleaseSucceedBody, (ctx, id, input) => succeedRelease(platform, ctx, id, input));
  action('fail', 'release.manage', ReleaseFailBody, (ctx, id, input) => failRelease(platform, ctx, id, input));
  action('acceptance', 'release.manage', ReleaseAcceptanceBody, (ctx, id, input) => recordAcceptance(platform, ctx, id, input));
  // Requesters' remarks: whoever requested an included demand (checked on the record).
  action('remarks', 'authenticated', ReleaseRemarkBody, (ctx, id, input) => addRemark(platform, ctx, id, input));
}
