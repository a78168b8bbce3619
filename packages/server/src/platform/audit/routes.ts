import { translate } from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { streamWorkbook } from '../excel/xlsx-stream.js';
import { ctxOf } from '../http/types.js';
import { requestLocale } from '../i18n.js';
import { auditAlone, verifyAuditChain } from './audit.js';
import { AUDIT_COLUMNS, auditQuery, auditView } from './queries.js';

const Filter = z.strictObject({
  actorId: z.coerce.number().int().positive().optional(),
  action: z.string().max(64).optional(),
  objectType: z.string().max(40).optional(),
  objectId: z.string().max(40).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
const AuditRow = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  objectLabel: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

/** The auditor's read-only view of the audit log (nobody else holds audit.read). */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.platform;
  const tags = ['audit'];

  typed.get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags,
        querystring: Filter.extend({
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(AuditRow), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      const base = auditQuery(db, filter);
      const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
      const rows = await base
        .select(AUDIT_COLUMNS)
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { items: rows.map(auditView), total: Number(total), page, pageSize };
    },
  );

  typed.get(
    '/api/audit/verify',
    {
      config: { access: 'audit.read' },
      schema: { tags, response: { 200: z.object({ ok: z.boolean(), checked: z.number(), brokenAt: z.number().nullable() }) } },
    },
    async () => verifyAuditChain(db),
  );

  typed.get('/api/audit/export', { config: { access: 'audit.export' }, schema: { tags, querystring: Filter } }, async (req, reply) => {
    const locale = requestLocale(req);
    const t = (key: string) => translate(locale, key);
    await auditAlone(db, ctxOf(req), { action: 'export', objectType: 'audit', after: req.query });
    const query = auditQuery(db, req.query).select(AUDIT_COLUMNS).orderBy('id');
    async function* rows() {
      for await (const r of query.stream(500)) {
        const v = auditView(r);
        yield {
          ...v,
          action: translate(locale, `audit.actions.${v.action}`),
          objectType: translate(locale, `audit.objects.${v.objectType}`),
          before: v.before == null ? '' : JSON.stringify(v.before),
          after: v.after == null ? '' : JSON.stringify(v.after),
        };
      }
    }
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${t('audit.title')}.xlsx`)}`);
    return reply.send(
      streamWorkbook(
        {
          name: t('audit.title'),
          columns: [
            { key: 'id', header: '#', width: 8 },
            { key: 'at', header: t('audit.at'), width: 24 },
            { key: 'actorName', header: t('audit.actor') },
            { key: 'ip', header: t('audit.ip') },
            { key: 'action', header: t('audit.action') },
            { key: 'objectType', header: t('audit.object') },
            { key: 'objectLabel', header: t('common.name') },
            { key: 'before', header: t('audit.before'), width: 40 },
            { key: 'after', header: t('audit.after'), width: 40 },
            { key: 'userAgent', header: t('audit.userAgent'), width: 30 },
          ],
        },
        rows(),
      ),
    );
  });
}
