import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAccess } from '../access/records.js';
import { notFound } from '../errors.js';
import { actorOf } from '../http/types.js';
import { listTimeline } from './timeline.js';

const TimelineEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  internal: z.boolean(),
  event: z.looseObject({ kind: z.string() }),
});

/** `GET /api/timeline/:type/:id`: any record's timeline, after the owning module's access check. */
export async function timelineRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/timeline/:recordType/:recordId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['timeline'],
        params: z.strictObject({ recordType: z.string().max(40), recordId: z.coerce.number().int().positive() }),
        querystring: z.strictObject({ afterId: z.coerce.number().int().min(0).optional() }),
        response: { 200: z.object({ items: z.array(TimelineEntry) }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { recordType, recordId } = req.params;
      const access = recordAccess(recordType);
      if (!access || !(await access.canRead(app.platform.db, actor, recordId))) throw notFound();
      const items = await listTimeline(
        app.platform.db,
        { type: recordType, id: recordId },
        { includeInternal: access.canSeeInternal?.(actor) ?? false, afterId: req.query.afterId },
      );
      return { items };
    },
  );
}
