#!/usr/bin/env node
// `npm start`: build the web app if it has not been built yet, then start the server
// (embedded PostgreSQL in ./data unless DATABASE_URL is set). Extra arguments go to `shuyun start`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webIndex = path.join(root, 'packages/web/dist/index.html');
if (!process.env.WEB_DIST && !existsSync(webIndex)) {
  console.log('Building the web app (first start only)…');
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '-w', '@shuyun/web'], { cwd: root, stdio: 'inherit' });
}
process.argv.splice(2, 0, 'start');
await import('../packages/server/bin/shuyun.mjs');
