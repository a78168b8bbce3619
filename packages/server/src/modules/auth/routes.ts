import {
  ChangePasswordBody,
  CreatedToken,
  CreateTokenBody,
  IdParams,
  LoginBody,
  Me,
  Ok,
  TokenView,
  UpdateProfileBody,
} from '@shuyun/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditAlone } from '../../platform/audit/audit.js';
import { loadActor } from '../../platform/auth/actor.js';
import { destroySession, SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/types.js';
import { changePassword, createToken, getMe, listTokens, revokeToken, updateProfile } from './account.js';
import { login } from './login.js';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.platform;
  const tags = ['auth'];

  const setCookie = (reply: FastifyReply, value: string, maxAge: number, secure: boolean) =>
    reply.setCookie(SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge });

  typed.post(
    '/api/auth/login',
    {
      config: {
        access: 'public',
        csrfExempt: true,
        rateLimit: { max: config.LOGIN_RATE_PER_MINUTE, timeWindow: '1 minute' },
      },
      schema: { tags, body: LoginBody, response: { 200: Me } },
    },
    async (req, reply) => {
      const meta = { ip: req.ip, userAgent: req.headers['user-agent'] ?? null };
      const { userId, session } = await login(db, config, meta, req.body.username, req.body.password);
      const secure = config.COOKIE_SECURE === 'true' || (config.COOKIE_SECURE === 'auto' && req.protocol === 'https');
      setCookie(reply, session.id, config.SESSION_MAX_HOURS * 3600, secure);
      const actor = await loadActor(db, userId, 'session');
      if (!actor) throw new AppError('accountInactive');
      return getMe(db, config, actor, session.csrfToken);
    },
  );

  typed.post('/api/auth/logout', { config: { access: 'authenticated' }, schema: { tags, response: { 200: Ok } } }, async (req, reply) => {
    if (req.sessionIdHash) await destroySession(db, req.sessionIdHash);
    await auditAlone(db, req.ctx, {
      action: 'auth.logout',
      objectType: 'user',
      objectId: actorOf(req).userId,
      objectLabel: actorOf(req).username,
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  typed.get('/api/auth/me', { config: { access: 'authenticated' }, schema: { tags, response: { 200: Me } } }, async (req) =>
    getMe(db, config, actorOf(req), req.csrfToken),
  );

  typed.post(
    '/api/auth/password',
    { config: { access: 'authenticated' }, schema: { tags, body: ChangePasswordBody, response: { 200: Ok } } },
    async (req) => {
      await changePassword(
        db,
        config,
        { ...req.ctx, actor: actorOf(req) },
        req.sessionIdHash,
        req.body.currentPassword,
        req.body.newPassword,
      );
      return { ok: true as const };
    },
  );

  typed.patch(
    '/api/auth/profile',
    { config: { access: 'authenticated' }, schema: { tags, body: UpdateProfileBody, response: { 200: Me } } },
    async (req) => {
      await updateProfile(db, { ...req.ctx, actor: actorOf(req) }, req.body);
      const actor = await loadActor(db, actorOf(req).userId, actorOf(req).via);
      return getMe(db, config, actor ?? actorOf(req), req.csrfToken);
    },
  );

  typed.get(
    '/api/auth/tokens',
    { config: { access: 'authenticated' }, schema: { tags, response: { 200: z.object({ items: z.array(TokenView) }) } } },
    async (req) => ({ items: await listTokens(db, actorOf(req)) }),
  );

  typed.post(
    '/api/auth/tokens',
    { config: { access: 'authenticated' }, schema: { tags, body: CreateTokenBody, response: { 201: CreatedToken } } },
    async (req, reply) =>
      reply.code(201).send(await createToken(db, { ...req.ctx, actor: actorOf(req) }, req.body.name, req.body.expiresAt)),
  );

  typed.delete(
    '/api/auth/tokens/:id',
    { config: { access: 'authenticated' }, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await revokeToken(db, { ...req.ctx, actor: actorOf(req) }, req.params.id);
      return { ok: true as const };
    },
  );
}
