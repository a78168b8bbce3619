import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext, type TestUser } from '../../test/harness.js';

let t: TestContext;
let admin: TestUser;
let adminClient: ApiClient;
beforeAll(async () => {
  t = await setupTestApp({ UPLOAD_MAX_MB: '1' });
  admin = await t.createUser({ roles: ['system_admin'] });
  adminClient = await t.login(admin);
});
afterAll(() => t.close());

type Part = { name: string; value: string } | { name: string; filename: string; contentType: string; data: Buffer };

/** A multipart/form-data body as a browser would send it. */
function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----shuyun${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('value' in part) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType}\r\n\r\n`,
        ),
        part.data,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(client: ApiClient, file: { filename: string; contentType: string; data: Buffer }, record?: { type: string; id: number }) {
  const fields: Part[] = record
    ? [
        { name: 'recordType', value: record.type },
        { name: 'recordId', value: String(record.id) },
      ]
    : [];
  return client.request('POST', '/api/files', multipart([...fields, { name: 'file', ...file }]));
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const textFile = (text: string, filename = 'notes.txt') => ({ filename, contentType: 'text/plain', data: Buffer.from(text) });

/** Every file under DATA_DIR/files, relative paths. */
function storedFiles(): string[] {
  const root = t.config.filesDir;
  const walk = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? walk(path.join(dir, e.name)) : [path.relative(root, path.join(dir, e.name))],
        )
      : [];
  return walk(root).sort();
}

async function attachmentCount(): Promise<number> {
  const row = await t.platform.db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('uploading', () => {
  it('stores a PNG content-addressed and serves a WebP thumbnail of it', async () => {
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 30, b: 30 } } })
      .png()
      .toBuffer();
    const res = await upload(adminClient, { filename: '故障截图.png', contentType: 'image/png', data: png });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ name: '故障截图.png', mime: 'image/png', size: png.length, hasThumbnail: true, uploadedBy: admin.id });

    const hash = sha256(png);
    expect(existsSync(path.join(t.config.filesDir, hash.slice(0, 2), hash.slice(2, 4), hash))).toBe(true);

    const thumb = await adminClient.get(`/api/files/${body.id}/thumbnail`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const meta = await sharp(thumb.rawPayload).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(320);

    const original = await adminClient.get(`/api/files/${body.id}`);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('image/png');
    expect(sha256(original.rawPayload)).toBe(hash);
  });

  it('stores a damaged image without a preview and leaves no temp file behind', async () => {
    const broken = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(300)]);
    const res = await upload(adminClient, { filename: 'broken.png', contentType: 'image/png', data: broken });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ mime: 'image/png', hasThumbnail: false });
    expect((await adminClient.get(`/api/files/${res.json().id}/thumbnail`)).statusCode).toBe(404);
    expect(storedFiles().filter((f) => f.startsWith('tmp'))).toEqual([]);
  });

  it('gives a text file no thumbnail', async () => {
    const res = await upload(adminClient, textFile('plain words'));
    expect(res.statusCode).toBe(201);
    expect(res.json().hasThumbnail).toBe(false);
    expect((await adminClient.get(`/api/files/${res.json().id}/thumbnail`)).statusCode).toBe(404);
  });

  it('stores the same content once however often it is uploaded', async () => {
    const data = Buffer.from(`same content ${randomBytes(8).toString('hex')}`);
    const before = storedFiles();
    const first = await upload(adminClient, { filename: 'a.txt', contentType: 'text/plain', data });
    const second = await upload(adminClient, { filename: 'b.txt', contentType: 'text/plain', data });
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(first.json().id).not.toBe(second.json().id);
    const added = storedFiles().filter((f) => !before.includes(f));
    const hash = sha256(data);
    expect(added).toEqual([path.join(hash.slice(0, 2), hash.slice(2, 4), hash)]);
    expect((await adminClient.get(`/api/files/${second.json().id}`)).body).toBe(data.toString());
  });

  it('refuses a file over UPLOAD_MAX_MB with 413, keeping no row and no temp file', async () => {
    const before = storedFiles();
    const count = await attachmentCount();
    const res = await upload(adminClient, {
      filename: 'big.txt',
      contentType: 'text/plain',
      data: Buffer.alloc(1024 * 1024 + 10, 'a'),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('fileTooLarge');
    expect(res.json().error.message).toBe('文件超过大小上限 1 MB');
    expect(await attachmentCount()).toBe(count);
    expect(storedFiles()).toEqual(before);
    expect(storedFiles().some((f) => f.startsWith('tmp'))).toBe(false);
  });

  it('accepts a file exactly at the limit', async () => {
    const res = await upload(adminClient, { filename: 'edge.txt', contentType: 'text/plain', data: Buffer.alloc(1024 * 1024, 'b') });
    expect(res.statusCode).toBe(201);
    expect(res.json().size).toBe(1024 * 1024);
  });

  it.each([
    ['an executable', { filename: 'setup.exe', contentType: 'application/octet-stream', data: Buffer.from('MZ\x90\x00\x03') }],
    ['an HTML page', { filename: 'page.html', contentType: 'text/html', data: Buffer.from('<p>hi</p>') }],
    ['an SVG image', { filename: 'logo.SVG', contentType: 'image/svg+xml', data: Buffer.from('<svg onload="alert(1)"/>') }],
    ['HTML named .txt', textFile('<html><script>alert(document.cookie)</script></html>', 'readme.txt')],
    ['HTML named .png', { filename: 'photo.png', contentType: 'image/png', data: Buffer.from('<script>alert(1)</script>') }],
    ['an HTML document without an html tag', textFile('<!DOCTYPE html><body onload="alert(1)">', 'notes.txt')],
    ['an HTML fragment', textFile('  <img src=x onerror="alert(1)">', 'notes.txt')],
    ['an XML document', textFile('<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>', 'x.txt')],
    ['a binary blob', { filename: 'blob.bin', contentType: 'application/octet-stream', data: Buffer.from([0, 1, 2, 3, 4]) }],
  ])('refuses %s with 415 and stores nothing', async (_label, file) => {
    const before = storedFiles();
    const count = await attachmentCount();
    const res = await upload(adminClient, file);
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toEqual({ code: 'fileType', message: '不允许上传此类型的文件' });
    expect(await attachmentCount()).toBe(count);
    expect(storedFiles()).toEqual(before);
  });

  it('refuses a text file with a script hidden past its first bytes', async () => {
    const count = await attachmentCount();
    const res = await upload(adminClient, textFile(`${'log line\n'.repeat(20_000)}<script>alert(1)</script>`, 'app.log'));
    expect(res.statusCode).toBe(415);
    expect(await attachmentCount()).toBe(count);
  });

  it('accepts ordinary text that merely mentions angle brackets', async () => {
    const res = await upload(adminClient, textFile('if a <b and c> d then <none>\nerror: <timeout>', 'server.log'));
    expect(res.statusCode).toBe(201);
    expect(res.json().mime).toBe('text/plain');
  });

  it('forbids a caller without file.upload, before reading the body', async () => {
    const nobody = await t.createUser({ roles: [] });
    const count = await attachmentCount();
    const res = await upload(await t.login(nobody), textFile('hello'));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect(await attachmentCount()).toBe(count);
  });

  it('answers 404 and stores nothing when attaching to a record the uploader may not change', async () => {
    const requester = await t.createUser();
    const before = storedFiles();
    const res = await upload(await t.login(requester), textFile('sneaky'), { type: 'user', id: admin.id });
    expect(res.statusCode).toBe(404);
    const unknown = await upload(adminClient, textFile('sneaky'), { type: 'nosuchtype', id: 1 });
    expect(unknown.statusCode).toBe(404);
    expect(storedFiles()).toEqual(before);
  });

  it('refuses a file whose name is nothing but dots or separators', async () => {
    const before = storedFiles();
    for (const filename of ['..', 'a/..', ' . ']) {
      const res = await upload(adminClient, { filename, contentType: 'text/plain', data: Buffer.alloc(200_000, 'z') });
      expect(res.statusCode, filename).toBe(415);
    }
    expect(storedFiles()).toEqual(before);
  });

  it('answers 400 for a form without a file and 415 for a body that is not a form', async () => {
    const empty = await adminClient.request('POST', '/api/files', multipart([{ name: 'recordType', value: 'user' }]));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('validation');
    const json = await adminClient.post('/api/files', { file: 'x' });
    expect(json.statusCode).toBe(415);
  });

  it('rejects a malformed record reference with 400', async () => {
    const res = await upload(adminClient, textFile('x'), { type: 'user', id: -5 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation');
  });
});

describe('attaching to a record', () => {
  let subject: TestUser;
  let attachmentId: number;
  beforeAll(async () => {
    subject = await t.createUser();
    const res = await upload(adminClient, textFile('交换机配置备份', "../../etc/配置(v2)'s <backup>.txt"), {
      type: 'user',
      id: subject.id,
    });
    expect(res.statusCode).toBe(201);
    attachmentId = res.json().id;
  });

  it('writes an attached entry on the record’s timeline and an audit row, in the same change', async () => {
    const timeline = await adminClient.get(`/api/timeline/user/${subject.id}`);
    expect(timeline.json().items.map((e: { event: unknown }) => e.event)).toContainEqual({
      kind: 'attached',
      fileName: "配置(v2)'s _backup_.txt",
      attachmentId,
    });
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .selectAll()
      .where('object_type', '=', 'attachment')
      .where('object_id', '=', String(attachmentId))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'upload', actor_id: admin.id, object_label: "配置(v2)'s _backup_.txt" });
    expect(audit[0]?.after).toMatchObject({ record: { type: 'user', id: subject.id }, mime: 'text/plain' });
  });

  it('lists and serves it to a reader who can see the record, as a safe download', async () => {
    const desk = await t.login(await t.createUser({ roles: ['service_desk'] }));
    const list = await desk.get(`/api/files?recordType=user&recordId=${subject.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((a: { id: number }) => a.id)).toEqual([attachmentId]);

    const res = await desk.get(`/api/files/${attachmentId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('交换机配置备份');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment;/);
    expect(disposition).toBe(
      `attachment; filename="__(v2)'s _backup_.txt"; filename*=UTF-8''%E9%85%8D%E7%BD%AE%28v2%29%27s%20_backup_.txt`,
    );
  });

  it('answers 404 to a reader who cannot see the record', async () => {
    const outsider = await t.login(await t.createUser());
    expect((await outsider.get(`/api/files/${attachmentId}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/files/${attachmentId}/thumbnail`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/files?recordType=user&recordId=${subject.id}`)).statusCode).toBe(404);
  });
});

describe('unattached uploads', () => {
  it('are readable by their uploader only', async () => {
    const owner = await t.createUser();
    const ownerClient = await t.login(owner);
    const res = await upload(ownerClient, textFile('my draft'));
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect((await ownerClient.get(`/api/files/${id}`)).statusCode).toBe(200);
    const other = await t.login(await t.createUser({ roles: ['service_desk'] }));
    const denied = await other.get(`/api/files/${id}`);
    expect(denied.statusCode).toBe(404);
    expect(denied.body).not.toContain('my draft');
    expect((await t.anonymous().get(`/api/files/${id}`)).statusCode).toBe(401);
  });

  it('answers 404 for an id that does not exist', async () => {
    expect((await adminClient.get('/api/files/99999999')).statusCode).toBe(404);
  });
});
