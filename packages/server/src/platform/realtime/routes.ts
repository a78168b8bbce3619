import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadActor } from '../auth/actor.js';
import { resolveToken } from '../auth/tokens.js';
import type { Actor } from '../context.js';
import { actorOf } from '../http/types.js';
import type { RealtimeEvent } from './realtime.js';

/**
 * `GET /api/events`: a Server-Sent Events stream of changes the signed-in user may see.
 * A comment line every heartbeat keeps proxies from closing an idle stream; at each heartbeat the
 * stream's session is checked again, so signing out, deactivation or a revoked role reaches open
 * streams too (an ended session gets a `sessionEnded` event and the stream is closed).
 */
export async function realtimeRoutes(app: FastifyInstance): Promise<void> {
  const open = new Set<ServerResponse>();
  app.addHook('onClose', async () => {
    for (const res of open) res.end();
  });

  app.get('/api/events', { config: { access: 'authenticated' }, schema: { tags: ['realtime'] } }, (req, reply) => {
    const actor = actorOf(req);
    const { realtime } = app.platform;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    res.write(': connected\n\n');
    open.add(res);
    const subscription = realtime.subscribe(actor, (event) => res.write(format(event)));
    const stillSignedIn = signedInCheck(app, req, actor);
    let checking = false;
    const heartbeat = setInterval(async () => {
      res.write(': ping\n\n');
      if (checking) return;
      checking = true;
      try {
        const current = await stillSignedIn();
        if (current) subscription.update(current);
        else {
          res.write(format({ type: 'sessionEnded' }));
          res.end();
        }
      } catch (error) {
        req.log.warn({ err: error }, 'realtime session check failed; keeping the stream');
      } finally {
        checking = false;
      }
    }, realtime.heartbeatMs);
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      subscription.close();
      open.delete(res);
    });
  });
}

function format(event: RealtimeEvent): string {
  const { userIds: _audience, permission: _permission, ...visible } = event;
  return `event: ${event.type.replace(/[\r\n]/g, '')}\ndata: ${JSON.stringify(visible)}\n\n`;
}

/**
 * The stream's actor reloaded, or null once its session or token has ended or the user was
 * deactivated. Read-only: an open stream must not keep an idle session alive.
 */
function signedInCheck(app: FastifyInstance, req: FastifyRequest, actor: Actor): () => Promise<Actor | null> {
  const { db, config } = app.platform;
  const sessionIdHash = req.sessionIdHash;
  const bearer = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7).trim() : null;
  return async () => {
    if (sessionIdHash) {
      const session = await db
        .selectFrom('sessions')
        .select(['last_seen_at', 'expires_at'])
        .where('id_hash', '=', sessionIdHash)
        .executeTakeFirst();
      const now = Date.now();
      if (
        !session ||
        new Date(session.expires_at).getTime() < now ||
        now - new Date(session.last_seen_at).getTime() > config.SESSION_IDLE_MINUTES * 60_000
      ) {
        return null;
      }
    } else if (bearer) {
      if ((await resolveToken(db, bearer)) !== actor.userId) return null;
    }
    return loadActor(db, actor.userId, actor.via);
  };
}
