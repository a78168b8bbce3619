import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../http/types.js';

/**
 * `GET /api/events`: a Server-Sent Events stream of changes the signed-in user may see.
 * A comment line every 25 s keeps proxies from closing an idle stream.
 */
export async function realtimeRoutes(app: FastifyInstance): Promise<void> {
  const open = new Set<ServerResponse>();
  app.addHook('onClose', async () => {
    for (const res of open) res.end();
  });

  app.get('/api/events', { config: { access: 'authenticated' }, schema: { tags: ['realtime'] } }, (req, reply) => {
    const actor = actorOf(req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    open.add(res);
    const unsubscribe = app.platform.realtime.subscribe(actor, (event) => {
      const { userIds: _audience, permission: _permission, ...visible } = event;
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(visible)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
    });
  });
}
