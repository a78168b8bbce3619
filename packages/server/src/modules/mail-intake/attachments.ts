import { Readable } from 'node:stream';
import type { Transaction } from 'kysely';
import type { Attachment } from 'mailparser';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { sanitizeFileName } from '../../platform/files/attachments.js';
import type { FileStore, StoredFile } from '../../platform/files/store.js';

/** As many as a ticket or comment takes (`attachmentIds` max 20). */
const MAX_ATTACHMENTS = 20;

export interface KeptFile extends StoredFile {
  name: string;
}
export interface SkippedFile {
  name: string;
  /** The file store's error code (`fileType`, `fileTooLarge`) or `tooMany`. */
  reason: string;
}

/**
 * Stores a mail's attachments through the file store, which refuses dangerous names, types outside
 * the allowed list and oversize files; those are skipped (and reported), never fatal to the mail.
 */
export async function storeAttachments(files: FileStore, attachments: Attachment[]): Promise<{ kept: KeptFile[]; skipped: SkippedFile[] }> {
  const kept: KeptFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const [index, attachment] of attachments.entries()) {
    const rawName = attachment.filename?.trim() || `attachment-${index + 1}`;
    if (kept.length >= MAX_ATTACHMENTS) {
      skipped.push({ name: rawName, reason: 'tooMany' });
      continue;
    }
    try {
      const name = sanitizeFileName(rawName);
      const stored = await files.save(Readable.from([attachment.content]), name, attachment.contentType || 'application/octet-stream');
      kept.push({ ...stored, name });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      skipped.push({ name: rawName.slice(0, 200), reason: error.code });
    }
  }
  return { kept, skipped };
}

/** Records stored files as the sender's unattached uploads, for the ticket service to move onto the ticket. */
export async function recordUploads(trx: Transaction<DB>, ctx: ActionContext & { actor: Actor }, kept: KeptFile[]): Promise<number[]> {
  const ids: number[] = [];
  for (const file of kept) {
    const row = await trx
      .insertInto('attachments')
      .values({
        sha256: file.sha256,
        size: file.size,
        mime: file.mime,
        name: file.name,
        record_type: null,
        record_id: null,
        uploaded_by: ctx.actor.userId,
        has_thumbnail: file.hasThumbnail,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, {
      action: 'upload',
      objectType: 'attachment',
      objectId: row.id,
      objectLabel: file.name,
      after: { name: file.name, size: file.size, mime: file.mime, sha256: file.sha256, record: null, via: 'email' },
    });
    ids.push(row.id);
  }
  return ids;
}
