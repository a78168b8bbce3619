import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { formatBytes } from '../../platform/files/store.js';
import { ctxOf } from '../../platform/http/types.js';
import { requestLocale } from '../../platform/i18n.js';
import { importOrg, importTemplate } from './import.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function importRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.platform;

  typed.get('/api/org/import/template', { config: { access: 'org.import' }, schema: { tags: ['org'] } }, async (_req, reply) => {
    reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('组织导入模板-org-import-template.xlsx')}`);
    return importTemplate();
  });

  typed.post(
    '/api/org/import',
    {
      config: { access: 'org.import' },
      schema: {
        tags: ['org'],
        description: 'multipart/form-data with one file part (the filled-in template)',
        response: {
          200: z.object({
            departments: z.number(),
            users: z.number(),
            credentials: z.array(z.object({ username: z.string(), password: z.string() })),
          }),
        },
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw new AppError('unsupportedMediaType');
      const file = await req.file();
      if (!file) throw new AppError('validation');
      const buffer = await file.toBuffer().catch((error: { code?: string }) => {
        // Name the limit in the answer instead of the multipart library's generic error.
        if (error.code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError('fileTooLarge', { max: formatBytes(config.UPLOAD_MAX_MB * 1024 * 1024) });
        throw error;
      });
      return importOrg(db, config, ctxOf(req), buffer, requestLocale(req));
    },
  );
}
