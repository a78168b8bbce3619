import { IdParams, Ok, page } from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../errors.js';
import { actorOf } from '../http/types.js';
import { requestLocale } from '../i18n.js';
import { adminNotificationRoutes } from './admin-routes.js';
import { listPreferences, savePreferences } from './preferences.js';
import { listMyNotifications, markAllRead, markRead, unreadCount } from './queries.js';
import { NotificationItem, NotificationListQuery, PreferenceItem, PreferencesBody } from './schemas.js';

/** The bell and personal preferences (every signed-in user, own notifications only), plus the admin routes. */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.platform;
  const tags = ['notifications'];
  const access = { access: 'authenticated' as const };

  typed.get(
    '/api/notifications',
    { config: access, schema: { tags, querystring: NotificationListQuery, response: { 200: page(NotificationItem) } } },
    async (req) => listMyNotifications(db, actorOf(req), requestLocale(req), req.query),
  );

  typed.get(
    '/api/notifications/unread-count',
    { config: access, schema: { tags, response: { 200: z.object({ count: z.number() }) } } },
    async (req) => ({ count: await unreadCount(db, actorOf(req)) }),
  );

  typed.post('/api/notifications/:id/read', { config: access, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    if (!(await markRead(db, actorOf(req), req.params.id))) throw notFound();
    return { ok: true as const };
  });

  typed.post(
    '/api/notifications/read-all',
    { config: access, schema: { tags, response: { 200: z.object({ count: z.number() }) } } },
    async (req) => ({ count: await markAllRead(db, actorOf(req)) }),
  );

  const Preferences = z.object({ items: z.array(PreferenceItem) });
  typed.get('/api/notifications/preferences', { config: access, schema: { tags, response: { 200: Preferences } } }, async (req) => ({
    items: await listPreferences(db, actorOf(req).userId),
  }));

  typed.put(
    '/api/notifications/preferences',
    { config: access, schema: { tags, body: PreferencesBody, response: { 200: Preferences } } },
    async (req) => {
      const { userId } = actorOf(req);
      await savePreferences(db, userId, req.body.items);
      return { items: await listPreferences(db, userId) };
    },
  );

  await app.register(adminNotificationRoutes);
}
