import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { safeEqual } from '../auth/secrets.js';
import { AppError } from '../errors.js';

/** `/api/health` for load balancers and `/metrics` for Prometheus (bearer METRICS_TOKEN when configured). */
export function opsRoutes(metrics: Registry) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    typed.get(
      '/api/health',
      {
        config: { access: 'public' },
        schema: {
          tags: ['ops'],
          response: {
            200: z.object({ status: z.literal('ok'), database: z.literal('ok'), version: z.string() }),
            503: z.object({ status: z.literal('unavailable'), database: z.literal('unreachable') }),
          },
        },
      },
      async (_req, reply) => {
        try {
          await sql`SELECT 1`.execute(app.platform.db);
        } catch {
          return reply.code(503).send({ status: 'unavailable' as const, database: 'unreachable' as const });
        }
        return { status: 'ok' as const, database: 'ok' as const, version: '0.1.0' };
      },
    );

    app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
      const token = app.platform.config.METRICS_TOKEN;
      if (token && !safeEqual(req.headers.authorization ?? '', `Bearer ${token}`)) throw new AppError('unauthenticated');
      reply.header('content-type', metrics.contentType);
      return metrics.metrics();
    });
  };
}
