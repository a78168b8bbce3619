import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadActor } from '../auth/actor.js';
import { safeEqual } from '../auth/secrets.js';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions.js';
import { resolveToken } from '../auth/tokens.js';
import { AppError } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every request (bearer token or session cookie), checks CSRF on cookie-authenticated
 * writes, then enforces the route's declared access. Runs before body parsing, so a denied request
 * never has its body read.
 */
export function registerGuard(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionIdHash', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('ctx', null as never);

  app.addHook('onRequest', async (req) => {
    req.ctx = { actor: null, ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null };
    const access = req.routeOptions.config?.access;
    if (!req.routeOptions.url) return; // 404s: nothing to guard
    if (!access) throw new AppError('forbidden', {}, { reason: 'route declares no access' });

    const expired = await authenticate(app, req);
    req.ctx.actor = req.actor;
    if (access === 'public') return;
    if (!req.actor) throw new AppError(expired ? 'sessionExpired' : 'unauthenticated');
    if (req.actor.via === 'session' && !SAFE_METHODS.has(req.method) && !req.routeOptions.config.csrfExempt) {
      const sent = req.headers['x-csrf-token'];
      const session = req.csrfToken;
      if (typeof sent !== 'string' || !session || !safeEqual(sent, session)) throw new AppError('csrf');
    }
    if (access !== 'authenticated' && !req.actor.permissions.has(access)) throw new AppError('forbidden');
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    csrfToken: string | null;
  }
}

/** Returns true when a session cookie was present but expired. */
async function authenticate(app: FastifyInstance, req: FastifyRequest): Promise<boolean> {
  const { db, config } = app.platform;
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ') && !req.routeOptions.config?.ownBearer) {
    const userId = await resolveToken(db, header.slice(7).trim());
    if (!userId) throw new AppError('unauthenticated');
    req.actor = await loadActor(db, userId, 'token');
    if (!req.actor) throw new AppError('accountInactive');
    return false;
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (!cookie) return false;
  const lookup = await resolveSession(db, config, cookie);
  if (lookup.status !== 'ok') return lookup.status === 'expired';
  req.actor = await loadActor(db, lookup.session.userId, 'session');
  req.sessionIdHash = lookup.session.idHash;
  req.csrfToken = lookup.session.csrfToken;
  return false;
}
