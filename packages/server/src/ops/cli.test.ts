import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/harness.js';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/shuyun.mjs');

async function shuyun(databaseUrl: string, args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', PASSWORD_MIN_LENGTH: '14' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('shuyun command line', () => {
  it('migrates, creates the first administrators (policy-compliant generated password), refuses bad roles', async () => {
    const url = await createTestDatabase();
    expect((await shuyun(url, ['migrate'])).stdout).toContain('migrations applied');
    const created = await shuyun(url, ['create-admin', '--username', 'ops.admin', '--name', '运维管理员', '--role', 'security_admin']);
    expect(created.code).toBe(0);
    const password = /password: (\S+)/.exec(created.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(14); // the configured policy, not a fixed length
    const bad = await shuyun(url, ['create-admin', '--username', 'x', '--role', 'superuser']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--role must be');
    // The admin exists with the role, must change the password, and the grant is audited.
    const verify = await shuyun(url, ['audit', 'verify']);
    expect(verify.stdout).toMatch(/audit chain intact: [1-9]\d* entries verified/);
  }, 240_000);

  it('loads demo data only into an empty database', async () => {
    const url = await createTestDatabase();
    await shuyun(url, ['create-admin', '--username', 'first', '--password', 'Long@Password123']);
    const refused = await shuyun(url, ['seed-demo']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already has users');
  }, 240_000);
});
