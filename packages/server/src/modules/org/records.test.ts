import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext } from '../../test/harness.js';
import { countRows, uniq } from './test-helpers.js';

// How the shared services (attachments, timeline) reach user records: only within the caller's scope.

let t: TestContext;
let deptA: number;
let deptB: number;

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_PER_MINUTE: '10000' });
  deptA = await t.createDepartment('记录A');
  deptB = await t.createDepartment('记录B');
});
afterAll(() => t.close());

/** Uploads a small text file attached to user `userId`. */
function attachToUser(client: ApiClient, userId: number) {
  const boundary = `----shuyun${uniq()}`;
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const payload = Buffer.from(
    `${field('recordType', 'user')}${field('recordId', String(userId))}--${boundary}\r\n` +
      `Content-Disposition: form-data; name="file"; filename="note.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`,
  );
  return client.request('POST', '/api/files', { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

describe('attaching files to user records', () => {
  it('a department-scoped admin may attach to people in the department, not outside it nor to nobody (404)', async () => {
    const scoped = await t.login(await t.createUser({ roles: ['system_admin'], scope: 'department', departmentId: deptA }));
    const insider = await t.createUser({ departmentId: deptA });
    const outsider = await t.createUser({ departmentId: deptB });
    expect((await attachToUser(scoped, insider.id)).statusCode).toBe(201);

    const before = { attachments: await countRows(t, 'attachments'), activity: await countRows(t, 'activity') };
    for (const id of [outsider.id, 99999999]) {
      const res = await attachToUser(scoped, id);
      expect(res.statusCode, String(id)).toBe(404);
      expect(res.json().error.code).toBe('notFound');
    }
    expect({ attachments: await countRows(t, 'attachments'), activity: await countRows(t, 'activity') }).toEqual(before);
  });

  it('anyone may attach to their own record but not to a colleague’s', async () => {
    const me = await t.createUser({ roles: ['requester'], departmentId: deptA });
    const colleague = await t.createUser({ departmentId: deptA });
    const client = await t.login(me);
    expect((await attachToUser(client, me.id)).statusCode).toBe(201);
    expect((await attachToUser(client, colleague.id)).statusCode).toBe(404);
  });
});
