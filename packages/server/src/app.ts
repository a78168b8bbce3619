import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { type RouteAccess, translate } from '@shuyun/shared';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { analyticsRoutes } from './modules/analytics/routes.js';
import { registerAssetRecords } from './modules/assets/records.js';
import { assetRoutes } from './modules/assets/routes.js';
import { registerStocktakeRecords } from './modules/assets/stocktake/access.js';
import { stocktakeRoutes } from './modules/assets/stocktake/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { catalogRoutes } from './modules/catalog/routes.js';
import { registerDemandRecords } from './modules/demands/records.js';
import { demandRoutes } from './modules/demands/routes.js';
import { registerFaultRecords } from './modules/faults/records.js';
import { faultRoutes } from './modules/faults/routes.js';
import { homeRoutes } from './modules/home/routes.js';
import { registerIncidentRecords } from './modules/incidents/records.js';
import { incidentRoutes } from './modules/incidents/routes.js';
import { registerKnowledgeRecords } from './modules/knowledge/records.js';
import { knowledgeRoutes } from './modules/knowledge/routes.js';
import { mailIntakeRoutes } from './modules/mail-intake/routes.js';
import { registerOrgRecords } from './modules/org/records.js';
import { orgRoutes } from './modules/org/routes.js';
import { registerReleaseRecords } from './modules/releases/access.js';
import { releaseRoutes } from './modules/releases/routes.js';
import { slaRoutes } from './modules/sla/routes.js';
import { registerSpareRecords } from './modules/spares/records.js';
import { spareRoutes } from './modules/spares/routes.js';
import { ticketAdminRoutes } from './modules/tickets/admin-routes.js';
import { registerTicketKnowledgeSource } from './modules/tickets/knowledge-source.js';
import { registerTicketRecords } from './modules/tickets/records.js';
import { ticketRoutes } from './modules/tickets/routes.js';
import { auditRoutes } from './platform/audit/routes.js';
import { AppError } from './platform/errors.js';
import { fileRoutes } from './platform/files/routes.js';
import { registerErrorHandler } from './platform/http/error-handler.js';
import { registerGuard } from './platform/http/guard.js';
import type { Platform } from './platform/http/types.js';
import { registerUnstorableTextCheck } from './platform/http/unstorable-text.js';
import { requestLocale } from './platform/i18n.js';
import { notificationRoutes } from './platform/notifications/routes.js';
import { registerMetrics } from './platform/observability/metrics.js';
import { opsRoutes } from './platform/observability/routes.js';
import { realtimeRoutes } from './platform/realtime/routes.js';
import { timelineRoutes } from './platform/timeline/routes.js';

export interface RouteInfo {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

// Routes added by plugins (API docs, static web files) that cannot carry our config themselves.
const PLUGIN_PUBLIC_PREFIXES = ['/api/docs', '/assets/', '/m', '/favicon', '/*', '/'];

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_WEB_DIST = path.resolve(here, '../../web/dist');

export interface AppOptions {
  logger?: FastifyBaseLogger;
  /** Serve the built web app from this folder (if it exists). */
  webDist?: string | null;
}

/** Builds the HTTP app on a started platform. Every module registers its routes here. */
export async function buildApp(platform: Platform, options: AppOptions = {}): Promise<FastifyInstance & { routeTable: RouteInfo[] }> {
  const { config } = platform;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: config.BODY_LIMIT_KB * 1024,
    trustProxy: config.TRUST_PROXY,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
    // Raised by the router before any hook (an undecodable or overlong path segment): our error shape, localised.
    frameworkErrors: (_error, req, reply) => {
      (reply as FastifyReply)
        .code(400)
        .send({ error: { code: 'validation', message: translate(requestLocale(req), 'errors.validation') } });
    },
  });
  app.decorate('platform', platform);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routeTable: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    route.config ??= {};
    const config = route.config as { access?: RouteAccess };
    if (!config.access && PLUGIN_PUBLIC_PREFIXES.some((p) => route.url === p || (p.length > 2 && route.url.startsWith(p)))) {
      config.access = 'public';
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, access: config.access });
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // antd's CSS-in-JS
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.COOKIE_SECURE === 'true',
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, {
    limits: { fileSize: config.UPLOAD_MAX_MB * 1024 * 1024, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Shuyun API', version: '0.1.0', description: 'Shuyun (数运) IT operations platform' },
      components: {
        securitySchemes: {
          token: { type: 'http', scheme: 'bearer', description: 'Personal API token (sy_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'shuyun_sid' },
        },
      },
      security: [{ token: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerGuard(app);
  registerErrorHandler(app);
  registerUnstorableTextCheck(app);
  const metrics = registerMetrics(app);
  registerOrgRecords();
  registerTicketRecords();
  registerKnowledgeRecords();
  registerTicketKnowledgeSource();
  registerAssetRecords();
  registerSpareRecords();
  registerStocktakeRecords();
  registerDemandRecords();
  registerReleaseRecords();
  registerIncidentRecords();
  registerFaultRecords();

  await app.register(opsRoutes(metrics));
  await app.register(authRoutes);
  await app.register(orgRoutes);
  await app.register(catalogRoutes);
  await app.register(homeRoutes);
  await app.register(auditRoutes);
  await app.register(fileRoutes);
  await app.register(timelineRoutes);
  await app.register(realtimeRoutes);
  await app.register(slaRoutes);
  await app.register(ticketRoutes);
  await app.register(ticketAdminRoutes);
  await app.register(notificationRoutes);
  await app.register(mailIntakeRoutes);
  await app.register(knowledgeRoutes);
  await app.register(analyticsRoutes);
  await app.register(assetRoutes);
  await app.register(spareRoutes);
  await app.register(stocktakeRoutes);
  await app.register(demandRoutes);
  await app.register(releaseRoutes);
  await app.register(incidentRoutes);
  await app.register(faultRoutes);

  const webDist = options.webDist === undefined ? (config.WEB_DIST ?? DEFAULT_WEB_DIST) : options.webDist;
  if (webDist && existsSync(path.join(webDist, 'index.html'))) await serveWeb(app, webDist);

  return Object.assign(app, { routeTable }) as FastifyInstance & { routeTable: RouteInfo[] };
}

/** Serves the built SPA: hashed assets with long caching, every other non-API GET gets index.html. */
async function serveWeb(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    setHeaders(reply, filePath) {
      if (filePath.includes(`${path.sep}assets${path.sep}`)) reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  const spa = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html');
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, (_req, reply) => spa(reply));
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    if (url.startsWith('/api/') || url === '/metrics') throw new AppError('notFound');
    const file = path.join(root, url);
    if (file.startsWith(root) && path.extname(url) && existsSync(file)) return reply.sendFile(url.slice(1));
    return spa(reply);
  });
}
