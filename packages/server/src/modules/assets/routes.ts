import {
  AssetCategory,
  AssetCategoryBody,
  AssetCategoryList,
  AssetCategoryUpdateBody,
  AssetDecisionBody,
  AssetDeclineBody,
  AssetDetail,
  AssetDisposeBody,
  AssetExportQuery,
  AssetImportResult,
  AssetIssueBody,
  AssetLinkTicketBody,
  AssetListQuery,
  AssetLocation,
  AssetLocationBody,
  AssetLocationList,
  AssetLocationUpdateBody,
  AssetLoseBody,
  AssetPage,
  AssetRepairBody,
  AssetRepairDoneBody,
  AssetReplaceBody,
  AssetReturnBody,
  AssetScrapBody,
  AssetTransferBody,
  AssetVersionBody,
  CreateAssetBody,
  IdParams,
  MyAssets,
  Ok,
  type Permission,
  ScrapApprovals,
  UpdateAssetBody,
} from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { formatBytes } from '../../platform/files/store.js';
import { actorOf, ctxOf } from '../../platform/http/types.js';
import { requestLocale } from '../../platform/i18n.js';
import { createCategory, getCategory, listCategories, updateCategory } from './categories.js';
import { getAssetDetail } from './detail.js';
import { exportAssets } from './export.js';
import { assetImportTemplate, importAssetWorkbook } from './import-workbook.js';
import { linkTicket } from './links.js';
import { myAssets, scrapApprovals } from './lists.js';
import { createLocation, listLocations, updateLocation } from './locations.js';
import type { Ctx } from './operate.js';
import {
  acceptTransfer,
  completeRepair,
  decideScrap,
  declineTransfer,
  disposeAsset,
  issueAsset,
  loseAsset,
  receiveAsset,
  repairAsset,
  replacePart,
  requestScrap,
  requestTransfer,
  returnAsset,
} from './operations.js';
import { listAssets } from './queries.js';
import { createAsset, updateAsset } from './register.js';

const tags = ['assets'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const { db, config } = platform;
  const tz = config.TIMEZONE;

  // ---- categories and locations ----
  typed.get(
    '/api/assets/categories',
    { config: { access: 'asset.read' }, schema: { tags, response: { 200: AssetCategoryList } } },
    async () => ({ items: await listCategories(db) }),
  );
  typed.post(
    '/api/assets/categories',
    { config: { access: 'asset.manage' }, schema: { tags, body: AssetCategoryBody, response: { 201: AssetCategory } } },
    async (req, reply) => reply.code(201).send(await getCategory(db, await createCategory(db, ctxOf(req), req.body))),
  );
  typed.patch(
    '/api/assets/categories/:id',
    {
      config: { access: 'asset.manage' },
      schema: { tags, params: IdParams, body: AssetCategoryUpdateBody, response: { 200: AssetCategory } },
    },
    async (req) => {
      await updateCategory(db, ctxOf(req), req.params.id, req.body);
      return getCategory(db, req.params.id);
    },
  );
  typed.get(
    '/api/assets/locations',
    { config: { access: 'asset.read' }, schema: { tags, response: { 200: AssetLocationList } } },
    async () => ({ items: await listLocations(db) }),
  );
  typed.post(
    '/api/assets/locations',
    { config: { access: 'asset.manage' }, schema: { tags, body: AssetLocationBody, response: { 201: AssetLocation } } },
    async (req, reply) => {
      const id = await createLocation(db, ctxOf(req), req.body);
      return reply.code(201).send((await listLocations(db)).find((l) => l.id === id) as z.infer<typeof AssetLocation>);
    },
  );
  typed.patch(
    '/api/assets/locations/:id',
    {
      config: { access: 'asset.manage' },
      schema: { tags, params: IdParams, body: AssetLocationUpdateBody, response: { 200: AssetLocation } },
    },
    async (req) => {
      await updateLocation(db, ctxOf(req), req.params.id, req.body);
      return (await listLocations(db)).find((l) => l.id === req.params.id) as z.infer<typeof AssetLocation>;
    },
  );

  // ---- the register ----
  typed.get(
    '/api/assets',
    { config: { access: 'asset.read' }, schema: { tags, querystring: AssetListQuery, response: { 200: AssetPage } } },
    async (req) => listAssets(db, actorOf(req), req.query, tz),
  );
  typed.get(
    '/api/assets/export',
    { config: { access: 'asset.export' }, schema: { tags, querystring: AssetExportQuery } },
    async (req, reply) => exportAssets(platform, ctxOf(req), req.query, reply),
  );
  typed.get('/api/assets/mine', { config: { access: 'asset.read' }, schema: { tags, response: { 200: MyAssets } } }, async (req) =>
    myAssets(db, actorOf(req)),
  );
  typed.get(
    '/api/assets/scrap-approvals',
    { config: { access: 'asset.approve' }, schema: { tags, response: { 200: ScrapApprovals } } },
    async (req) => scrapApprovals(db, actorOf(req)),
  );
  typed.get(
    '/api/assets/:id',
    { config: { access: 'asset.read' }, schema: { tags, params: IdParams, response: { 200: AssetDetail } } },
    async (req) => getAssetDetail(db, actorOf(req), req.params.id, tz),
  );
  typed.post(
    '/api/assets',
    { config: { access: 'asset.manage' }, schema: { tags, body: CreateAssetBody, response: { 201: AssetDetail } } },
    async (req, reply) => reply.code(201).send(await getAssetDetail(db, actorOf(req), await createAsset(db, ctxOf(req), req.body), tz)),
  );
  typed.patch(
    '/api/assets/:id',
    { config: { access: 'asset.manage' }, schema: { tags, params: IdParams, body: UpdateAssetBody, response: { 200: AssetDetail } } },
    async (req) => {
      await updateAsset(db, ctxOf(req), req.params.id, req.body);
      return getAssetDetail(db, actorOf(req), req.params.id, tz);
    },
  );

  // ---- operations: each answers with the asset as it is now ----
  const operation = <B extends z.ZodType>(
    path: string,
    access: Permission,
    body: B,
    run: (ctx: Ctx, id: number, input: z.infer<B>) => Promise<void>,
  ) =>
    typed.post(
      `/api/assets/:id/${path}`,
      { config: { access }, schema: { tags, params: IdParams, body, response: { 200: AssetDetail } } },
      async (req) => {
        await run(ctxOf(req), req.params.id, req.body as z.infer<B>);
        return getAssetDetail(db, actorOf(req), req.params.id, tz);
      },
    );
  operation('issue', 'asset.manage', AssetIssueBody, (ctx, id, input) => issueAsset(platform, ctx, id, input));
  operation('receive', 'asset.read', AssetVersionBody, (ctx, id, input) => receiveAsset(platform, ctx, id, input));
  operation('return', 'asset.manage', AssetReturnBody, (ctx, id, input) => returnAsset(platform, ctx, id, input));
  operation('transfer', 'asset.read', AssetTransferBody, (ctx, id, input) => requestTransfer(platform, ctx, id, input));
  operation('accept-transfer', 'asset.read', AssetVersionBody, (ctx, id, input) => acceptTransfer(platform, ctx, id, input));
  // Declining hands the asset back out of the receiver's sight, so this one answers only that it is done.
  typed.post(
    '/api/assets/:id/decline-transfer',
    { config: { access: 'asset.read' }, schema: { tags, params: IdParams, body: AssetDeclineBody, response: { 200: Ok } } },
    async (req) => {
      await declineTransfer(platform, ctxOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
  operation('repair', 'asset.manage', AssetRepairBody, (ctx, id, input) => repairAsset(platform, ctx, id, input));
  operation('complete-repair', 'asset.manage', AssetRepairDoneBody, (ctx, id, input) => completeRepair(platform, ctx, id, input));
  operation('replace', 'asset.manage', AssetReplaceBody, (ctx, id, input) => replacePart(platform, ctx, id, input));
  operation('scrap', 'asset.manage', AssetScrapBody, (ctx, id, input) => requestScrap(platform, ctx, id, input));
  operation('approve-scrap', 'asset.approve', AssetDecisionBody, (ctx, id, input) => decideScrap(platform, ctx, id, true, input));
  operation('reject-scrap', 'asset.approve', AssetDecisionBody, (ctx, id, input) => decideScrap(platform, ctx, id, false, input));
  operation('dispose', 'asset.manage', AssetDisposeBody, (ctx, id, input) => disposeAsset(platform, ctx, id, input));
  operation('lose', 'asset.manage', AssetLoseBody, (ctx, id, input) => loseAsset(platform, ctx, id, input));

  typed.post(
    '/api/assets/:id/tickets',
    { config: { access: 'asset.manage' }, schema: { tags, params: IdParams, body: AssetLinkTicketBody, response: { 200: AssetDetail } } },
    async (req) => {
      await linkTicket(platform, ctxOf(req), req.params.id, req.body.number);
      return getAssetDetail(db, actorOf(req), req.params.id, tz);
    },
  );

  // ---- batch inbound from Excel ----
  typed.get('/api/assets/import/template', { config: { access: 'asset.manage' }, schema: { tags } }, async (req, reply) => {
    reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('资产导入模板-asset-import-template.xlsx')}`);
    return assetImportTemplate(db, requestLocale(req));
  });
  typed.post(
    '/api/assets/import',
    {
      config: { access: 'asset.manage' },
      schema: {
        tags,
        description: 'multipart/form-data with one file part (the filled-in template)',
        response: { 200: AssetImportResult },
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw new AppError('unsupportedMediaType');
      const file = await req.file();
      if (!file) throw new AppError('validation');
      const buffer = await file.toBuffer().catch((error: { code?: string }) => {
        if (error.code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError('fileTooLarge', { max: formatBytes(config.UPLOAD_MAX_MB * 1024 * 1024) });
        throw error;
      });
      return importAssetWorkbook(platform, ctxOf(req), buffer, requestLocale(req));
    },
  );
}
