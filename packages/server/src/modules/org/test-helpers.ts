import { randomBytes } from 'node:crypto';
import type { Locale } from '@shuyun/shared';
import { sql } from 'kysely';
import type { ApiClient, TestContext } from '../../test/harness.js';

// Helpers shared by the org module's API tests (not a test file itself).

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Rows in a table, for "nothing was written" assertions. */
export async function countRows(t: TestContext, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.platform.db);
  return rows[0]?.n ?? 0;
}

/** Audit entries about one object, oldest first. */
export function auditFor(t: TestContext, objectType: string, objectId: number | string) {
  return t.platform.db
    .selectFrom('audit_log')
    .select(['action', 'object_type', 'object_id', 'object_label', 'actor_id', 'before', 'after'])
    .where('object_type', '=', objectType)
    .where('object_id', '=', String(objectId))
    .orderBy('id')
    .execute();
}

/** The kinds on a user's timeline as the API shows them to `reader`. */
export async function timelineKinds(reader: ApiClient, userId: number): Promise<string[]> {
  const res = await reader.get(`/api/timeline/user/${userId}`);
  if (res.statusCode !== 200) throw new Error(`timeline ${res.statusCode} ${res.body}`);
  return (res.json().items as { event: { kind: string } }[]).map((i) => i.event.kind);
}

/** Sets a user's preferred language (the server answers a signed-in user in it). */
export async function setLocale(t: TestContext, userId: number, locale: Locale): Promise<void> {
  await t.platform.db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

/** A multipart/form-data body with one file part named `file`. */
export function multipart(file: Buffer, filename = 'org.xlsx', contentType = XLSX_MIME) {
  const boundary = `----shuyun${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A short unique suffix for codes and usernames. */
export const uniq = () => randomBytes(3).toString('hex');
