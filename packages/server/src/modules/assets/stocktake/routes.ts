import {
  ApplyBody,
  ApplyResult,
  CreateStocktakeBody,
  IdParams,
  LineParams,
  Ok,
  ScanBody,
  ScanResult,
  StocktakeActionParams,
  StocktakeDetail,
  StocktakeLinePage,
  StocktakeLinesQuery,
  StocktakeListQuery,
  StocktakeOptions,
  StocktakePage,
  StocktakeProgress,
  StocktakeVersionBody,
} from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, ctxOf } from '../../../platform/http/types.js';
import { loadStocktake } from './access.js';
import { applyLine, applyLines } from './apply.js';
import { createStocktake } from './create.js';
import { exportStocktake } from './export.js';
import { cancelStocktake, completeStocktake, startStocktake } from './lifecycle.js';
import { getLine, listLines, listStocktakes, stocktakeDetail, stocktakeOptions, stocktakeProgress } from './read.js';
import { resetLine, scanTag } from './scan.js';

const tags = ['stocktake'];
const ExportQuery = z.strictObject({ result: StocktakeLinesQuery.shape.result });

/** Stocktaking 资产盘点: every route needs `asset.stocktake`; managing is the owner's, scanning the counters'. */
export async function stocktakeRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const { db, config } = platform;
  const access = 'asset.stocktake' as const;

  typed.get(
    '/api/stocktakes',
    { config: { access }, schema: { tags, querystring: StocktakeListQuery, response: { 200: StocktakePage } } },
    async (req) => listStocktakes(db, actorOf(req), req.query),
  );
  typed.get('/api/stocktakes/options', { config: { access }, schema: { tags, response: { 200: StocktakeOptions } } }, async () =>
    stocktakeOptions(db),
  );
  typed.post(
    '/api/stocktakes',
    { config: { access }, schema: { tags, body: CreateStocktakeBody, response: { 201: StocktakeDetail } } },
    async (req, reply) => {
      const id = await createStocktake(db, ctxOf(req), req.body, config.TIMEZONE);
      return reply.code(201).send(await stocktakeDetail(db, actorOf(req), id));
    },
  );
  typed.get(
    '/api/stocktakes/:id',
    { config: { access }, schema: { tags, params: IdParams, response: { 200: StocktakeDetail } } },
    async (req) => stocktakeDetail(db, actorOf(req), req.params.id),
  );
  typed.get(
    '/api/stocktakes/:id/progress',
    { config: { access }, schema: { tags, params: IdParams, response: { 200: StocktakeProgress } } },
    async (req) => {
      await loadStocktake(db, actorOf(req), req.params.id);
      return stocktakeProgress(db, req.params.id);
    },
  );
  typed.post(
    '/api/stocktakes/:id/actions/:action',
    { config: { access }, schema: { tags, params: StocktakeActionParams, body: StocktakeVersionBody, response: { 200: StocktakeDetail } } },
    async (req) => {
      const { id, action } = req.params;
      const run = { start: startStocktake, complete: completeStocktake, cancel: cancelStocktake }[action];
      await run(platform, ctxOf(req), id, req.body.version);
      return stocktakeDetail(db, actorOf(req), id);
    },
  );
  typed.post(
    '/api/stocktakes/:id/scans',
    { config: { access }, schema: { tags, params: IdParams, body: ScanBody, response: { 201: ScanResult } } },
    async (req, reply) => {
      const lineId = await scanTag(platform, ctxOf(req), req.params.id, req.body);
      return reply.code(201).send({ line: await getLine(db, req.params.id, lineId), progress: await stocktakeProgress(db, req.params.id) });
    },
  );
  typed.get(
    '/api/stocktakes/:id/lines',
    { config: { access }, schema: { tags, params: IdParams, querystring: StocktakeLinesQuery, response: { 200: StocktakeLinePage } } },
    async (req) => listLines(db, actorOf(req), req.params.id, req.query),
  );
  typed.post(
    '/api/stocktakes/:id/lines/:lineId/reset',
    { config: { access }, schema: { tags, params: LineParams, response: { 200: Ok } } },
    async (req) => {
      await resetLine(platform, ctxOf(req), req.params.id, req.params.lineId);
      return { ok: true as const };
    },
  );
  typed.post(
    '/api/stocktakes/:id/lines/:lineId/apply',
    // Applying changes the register: the owner needs asset.manage too.
    { config: { access: 'asset.manage' }, schema: { tags, params: LineParams, response: { 200: ApplyResult } } },
    async (req) => {
      await applyLine(platform, ctxOf(req), req.params.id, req.params.lineId);
      return { applied: 1, conflicts: [], progress: await stocktakeProgress(db, req.params.id) };
    },
  );
  typed.post(
    '/api/stocktakes/:id/apply',
    { config: { access: 'asset.manage' }, schema: { tags, params: IdParams, body: ApplyBody, response: { 200: ApplyResult } } },
    async (req) => {
      const result = await applyLines(platform, ctxOf(req), req.params.id, req.body.lineIds);
      return { ...result, progress: await stocktakeProgress(db, req.params.id) };
    },
  );
  typed.get(
    '/api/stocktakes/:id/export',
    { config: { access }, schema: { tags, params: IdParams, querystring: ExportQuery } },
    async (req, reply) => exportStocktake(platform, ctxOf(req), req.params.id, req.query, reply),
  );
}
