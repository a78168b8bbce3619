import type { Readable } from 'node:stream';
import type { Database } from '../../db/database.js';
import { recordAccess } from '../access/records.js';
import { writeAudit } from '../audit/audit.js';
import type { ActionContext, Actor } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { appendTimeline } from '../timeline/timeline.js';
import type { FileStore } from './store.js';

export interface AttachmentView {
  id: number;
  name: string;
  mime: string;
  size: number;
  hasThumbnail: boolean;
  uploadedBy: number;
  createdAt: string;
}

/**
 * Stores an upload and records it, attached to a record when one is named (the caller must be
 * allowed to write to it; the record's timeline gets an entry) or held by the uploader until attached.
 */
export async function uploadAttachment(
  db: Database,
  store: FileStore,
  ctx: ActionContext & { actor: Actor },
  file: { stream: Readable; name: string; mime: string },
  record: { type: string; id: number } | null,
): Promise<AttachmentView> {
  let name: string;
  try {
    if (record) {
      const access = recordAccess(record.type);
      const allowed = access && (await (access.canWrite ?? access.canRead)(db, ctx.actor, record.id));
      if (!allowed) throw notFound();
    }
    name = sanitizeFileName(file.name);
  } catch (error) {
    file.stream.resume(); // drain the refused upload so the request completes
    throw error;
  }
  const stored = await store.save(file.stream, name, file.mime);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('attachments')
      .values({
        sha256: stored.sha256,
        size: stored.size,
        mime: stored.mime,
        name,
        record_type: record?.type ?? null,
        record_id: record?.id ?? null,
        uploaded_by: ctx.actor.userId,
        has_thumbnail: stored.hasThumbnail,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (record) await appendTimeline(trx, record, ctx.actor.userId, { kind: 'attached', fileName: name, attachmentId: row.id });
    await writeAudit(trx, ctx, {
      action: 'upload',
      objectType: 'attachment',
      objectId: row.id,
      objectLabel: name,
      after: { name, size: stored.size, mime: stored.mime, sha256: stored.sha256, record },
    });
    return view(row);
  });
}

/** An attachment the actor may read: their own unattached upload, or one on a record they can see. */
export async function findReadableAttachment(db: Database, actor: Actor, id: number) {
  const row = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  if (row.record_type && row.record_id) {
    const access = recordAccess(row.record_type);
    if (!access || !(await access.canRead(db, actor, row.record_id))) throw notFound();
  } else if (row.uploaded_by !== actor.userId) {
    throw notFound();
  }
  return row;
}

export async function listAttachments(db: Database, actor: Actor, record: { type: string; id: number }) {
  const access = recordAccess(record.type);
  if (!access || !(await access.canRead(db, actor, record.id))) throw notFound();
  const rows = await db
    .selectFrom('attachments')
    .selectAll()
    .where('record_type', '=', record.type)
    .where('record_id', '=', record.id)
    .orderBy('id')
    .execute();
  return rows.map(view);
}

function view(row: {
  id: number;
  name: string;
  mime: string;
  size: number;
  has_thumbnail: boolean;
  uploaded_by: number;
  created_at: Date;
}): AttachmentView {
  return {
    id: row.id,
    name: row.name,
    mime: row.mime,
    size: Number(row.size),
    hasThumbnail: row.has_thumbnail,
    uploadedBy: row.uploaded_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Keeps the base name only, without control characters or path separators. */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const clean = base
    .replace(/[\u0000-\u001F\u007F"<>|:*?]/g, '_')
    .trim()
    .slice(0, 200);
  if (!clean || /^\.+$/.test(clean)) throw new AppError('fileType');
  return clean;
}
