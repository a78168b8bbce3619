import { page, translate } from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requestLocale } from '../../platform/i18n.js';
import { listLog } from './queries.js';
import { MailLogEntry, MailLogQuery } from './schemas.js';

/** What the mail intake did with each mail, and why mails were ignored or rejected — for notification admins. */
export async function mailIntakeRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.platform;

  typed.get(
    '/api/mail-intake/log',
    {
      config: { access: 'notification.manage' },
      schema: { tags: ['mail-intake'], querystring: MailLogQuery, response: { 200: page(MailLogEntry) } },
    },
    async (req) => {
      const locale = requestLocale(req);
      const result = await listLog(db, req.query);
      return {
        ...result,
        items: result.items.map((item) => ({
          ...item,
          reasonText: item.reason ? translate(locale, `mailIntake.reasons.${item.reason}`) : null,
        })),
      };
    },
  );
}
