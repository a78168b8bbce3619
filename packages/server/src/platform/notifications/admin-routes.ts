import { IdParams, Ok, page } from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../errors.js';
import { ctxOf } from '../http/types.js';
import { type ChannelView, createChannel, deleteChannel, listChannels, updateChannel } from './channels.js';
import { retryDelivery, sendTestMessage } from './deliveries.js';
import { notificationEventTypes } from './events.js';
import { listDeliveries } from './queries.js';
import { Channel, ChannelBody, ChannelUpdateBody, Delivery, DeliveryQuery } from './schemas.js';

/** Group-bot channels and the delivery log, for holders of notification.manage. */
export async function adminNotificationRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const { db } = platform;
  const tags = ['notifications'];
  const access = { access: 'notification.manage' as const };
  const one = async (id: number): Promise<ChannelView> => {
    const [channel] = await listChannels(db, id);
    if (!channel) throw notFound();
    return channel;
  };

  typed.get(
    '/api/notification-event-types',
    { config: access, schema: { tags, response: { 200: z.object({ items: z.array(z.string()) }) } } },
    async () => ({ items: notificationEventTypes() }),
  );

  typed.get(
    '/api/notification-deliveries',
    { config: access, schema: { tags, querystring: DeliveryQuery, response: { 200: page(Delivery) } } },
    async (req) => listDeliveries(db, req.query),
  );

  typed.post(
    '/api/notification-deliveries/:id/retry',
    { config: access, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await retryDelivery(platform, req.params.id);
      return { ok: true as const };
    },
  );

  typed.get(
    '/api/notification-channels',
    { config: access, schema: { tags, response: { 200: z.object({ items: z.array(Channel) }) } } },
    async () => ({ items: await listChannels(db) }),
  );

  typed.post(
    '/api/notification-channels',
    { config: access, schema: { tags, body: ChannelBody, response: { 201: Channel } } },
    async (req, reply) => {
      const id = await createChannel(db, ctxOf(req), req.body);
      return reply.code(201).send(await one(id));
    },
  );

  typed.patch(
    '/api/notification-channels/:id',
    { config: access, schema: { tags, params: IdParams, body: ChannelUpdateBody, response: { 200: Channel } } },
    async (req) => {
      await updateChannel(db, ctxOf(req), req.params.id, req.body);
      return one(req.params.id);
    },
  );

  typed.delete(
    '/api/notification-channels/:id',
    { config: access, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await deleteChannel(db, ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  typed.post(
    '/api/notification-channels/:id/test',
    {
      config: access,
      schema: {
        tags,
        params: IdParams,
        response: { 200: z.object({ deliveryId: z.number(), sent: z.boolean(), error: z.string().nullable() }) },
      },
    },
    async (req) => {
      const { deliveryId, error } = await sendTestMessage(platform, req.params.id);
      return { deliveryId, sent: error === null, error };
    },
  );
}
