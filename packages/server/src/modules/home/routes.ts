import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/types.js';
import { todoCounts } from './todos.js';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/home/todos',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['home'],
        response: { 200: z.object({ items: z.array(z.object({ key: z.string(), count: z.number(), link: z.string() })) }) },
      },
    },
    async (req) => ({ items: await todoCounts(app.platform.db, actorOf(req), app.platform.config.TIMEZONE) }),
  );
}
