import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import { AppError } from '../errors.js';
import { containsMarkup, sniffMime } from './sniff.js';

export interface StoredFile {
  sha256: string;
  size: number;
  mime: string;
  hasThumbnail: boolean;
}

const THUMBNAIL_MIMES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
// Never accepted whatever the configured list says: they run in a browser or on a desktop.
const DANGEROUS_EXTENSIONS = /\.(exe|bat|cmd|com|scr|msi|ps1|vbs|js|mjs|jar|sh|html?|xhtml|svg|hta|dll|apk|php|jsp|aspx?)$/i;

/** Content-addressed files under the data directory: `files/ab/cd/<sha256>`, thumbnails beside them. */
export class FileStore {
  constructor(
    private readonly root: string,
    private readonly maxBytes: number,
    private readonly allowedTypes: Set<string>,
  ) {}

  pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  thumbnailPathOf(sha256: string): string {
    return `${this.pathOf(sha256)}.thumb.webp`;
  }

  /**
   * Streams an upload to disk while hashing it; refuses it (and keeps nothing) when it is too
   * large, has a dangerous name, or its content is not an allowed type. The type is taken from
   * the bytes, not from what the client claims.
   */
  async save(stream: Readable, fileName: string, claimedMime: string): Promise<StoredFile> {
    if (DANGEROUS_EXTENSIONS.test(fileName)) {
      stream.resume();
      throw new AppError('fileType');
    }
    await mkdir(path.join(this.root, 'tmp'), { recursive: true });
    const temp = path.join(this.root, 'tmp', randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    // Markup anywhere in a text file refuses it, not only in the sniffed head.
    let markup = false;
    let carry = '';
    const maxBytes = this.maxBytes;
    try {
      await pipeline(
        stream,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            size += chunk.length;
            if (size > maxBytes) throw new AppError('fileTooLarge', { max: formatBytes(maxBytes) });
            if (head.length < 512) head = Buffer.concat([head, chunk.subarray(0, 512 - head.length)]);
            if (!markup) {
              const text = carry + chunk.toString('latin1');
              markup = containsMarkup(text);
              carry = text.slice(-64);
            }
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(temp),
      );
      if ((stream as Readable & { truncated?: boolean }).truncated) {
        throw new AppError('fileTooLarge', { max: formatBytes(maxBytes) });
      }
      const mime = sniffMime(head, fileName, claimedMime);
      if (!this.allowedTypes.has(mime) || (mime.startsWith('text/') && markup)) throw new AppError('fileType');
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      await mkdir(path.dirname(target), { recursive: true });
      if (existsSync(target)) await rm(temp);
      else await rename(temp, target);
      const hasThumbnail = THUMBNAIL_MIMES.has(mime) && (await this.makeThumbnail(sha256));
      return { sha256, size, mime, hasThumbnail };
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  private async makeThumbnail(sha256: string): Promise<boolean> {
    const target = this.thumbnailPathOf(sha256);
    if (existsSync(target)) return true;
    // Written aside and renamed, so a concurrent upload of the same image never serves half a thumbnail.
    const temp = path.join(this.root, 'tmp', `${randomUUID()}.webp`);
    try {
      await sharp(this.pathOf(sha256), { limitInputPixels: 100_000_000 })
        .rotate()
        .resize(320, 320, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 75 })
        .toFile(temp);
      await rename(temp, target);
      return true;
    } catch {
      await rm(temp, { force: true });
      return false; // a corrupt image is still stored; it just has no preview
    }
  }

  open(sha256: string, thumbnail = false): Readable {
    return createReadStream(thumbnail ? this.thumbnailPathOf(sha256) : this.pathOf(sha256));
  }

  async exists(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}
