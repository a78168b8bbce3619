import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { actorOf } from '../http/types.js';
import { findReadableAttachment, listAttachments, uploadAttachment } from './attachments.js';

const Attachment = z.object({
  id: z.number(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  hasThumbnail: z.boolean(),
  uploadedBy: z.number(),
  createdAt: z.string(),
});
const RecordRef = z.strictObject({ recordType: z.string().max(40), recordId: z.coerce.number().int().positive() });

export async function fileRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db, files } = app.platform;

  typed.post(
    '/api/files',
    {
      config: { access: 'file.upload' },
      schema: {
        tags: ['files'],
        description: 'multipart/form-data: optional fields recordType and recordId, then one file part',
        response: { 201: Attachment },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('unsupportedMediaType');
      const fields: Record<string, string> = {};
      for await (const part of req.parts()) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        const ref = fields.recordType ? RecordRef.safeParse(fields) : null;
        if (ref && !ref.success) {
          part.file.resume();
          throw new AppError('validation');
        }
        const record = ref?.success ? { type: ref.data.recordType, id: ref.data.recordId } : null;
        const saved = await uploadAttachment(
          db,
          files,
          { ...req.ctx, actor: actorOf(req) },
          { stream: part.file, name: part.filename, mime: part.mimetype },
          record,
        );
        return reply.code(201).send(saved);
      }
      throw new AppError('validation');
    },
  );

  typed.get(
    '/api/files',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['files'], querystring: RecordRef, response: { 200: z.object({ items: z.array(Attachment) }) } },
    },
    async (req) => ({
      items: await listAttachments(db, actorOf(req), { type: req.query.recordType, id: req.query.recordId }),
    }),
  );

  for (const variant of ['', '/thumbnail'] as const) {
    typed.get(
      `/api/files/:id${variant}`,
      {
        config: { access: 'authenticated' },
        schema: { tags: ['files'], params: z.strictObject({ id: z.coerce.number().int().positive() }) },
      },
      async (req, reply) => {
        const row = await findReadableAttachment(db, actorOf(req), req.params.id);
        const thumbnail = variant === '/thumbnail';
        if (thumbnail && !row.has_thumbnail) throw new AppError('notFound');
        const inline = row.mime.startsWith('image/') || row.mime === 'application/pdf';
        reply
          .header('content-type', thumbnail ? 'image/webp' : row.mime)
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
          .header('cache-control', 'private, max-age=3600')
          .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', row.name));
        return reply.send(files.open(row.sha256, thumbnail));
      },
    );
  }
}

/** RFC 6266: an ASCII fallback name for old clients and the exact UTF-8 name (RFC 5987) for the rest. */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7E]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
