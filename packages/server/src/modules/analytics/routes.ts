import { AnalyticsExportQuery, AnalyticsQuery, EfficiencyReport, SatisfactionReport } from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, ctxOf } from '../../platform/http/types.js';
import { exportAnalytics } from './export.js';
import { efficiencyReport, satisfactionReport } from './report.js';

const tags = ['analytics'];

export async function analyticsRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const { db } = platform;

  typed.get(
    '/api/analytics/tickets/efficiency',
    { config: { access: 'analytics.view' }, schema: { tags, querystring: AnalyticsQuery, response: { 200: EfficiencyReport } } },
    async (req) => efficiencyReport(db, actorOf(req), req.query),
  );

  typed.get(
    '/api/analytics/tickets/satisfaction',
    { config: { access: 'analytics.view' }, schema: { tags, querystring: AnalyticsQuery, response: { 200: SatisfactionReport } } },
    async (req) => satisfactionReport(db, actorOf(req), req.query),
  );

  typed.get(
    '/api/analytics/tickets/export',
    { config: { access: 'analytics.view' }, schema: { tags, querystring: AnalyticsExportQuery } },
    async (req, reply) => exportAnalytics(platform, ctxOf(req), req.query, reply),
  );
}
