#!/usr/bin/env node
// Browser journeys: builds the web app, starts the real server on a throwaway data directory
// (embedded PostgreSQL with demo data, or DATABASE_URL), drives Debian's Chromium through the PC
// and phone ends in both languages, and saves screenshots to e2e/screenshots/.
// Prints "N passed, M failed" last and exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';
import { journeys } from './journeys.mjs';
import { adminDeskJourneys } from './journeys-admin-desk.mjs';
import { analyticsJourneys } from './journeys-analytics.mjs';
import { assetJourneys } from './journeys-assets.mjs';
import { demandJourneys } from './journeys-demands.mjs';
import { faultJourneys } from './journeys-faults.mjs';
import { incidentJourneys } from './journeys-incidents.mjs';
import { knowledgeDeskJourneys } from './journeys-knowledge-desk.mjs';
import { knowledgePcJourneys } from './journeys-knowledge-pc.mjs';
import { releaseJourneys } from './journeys-releases.mjs';
import { sparesJourneys } from './journeys-spares.mjs';
import { stocktakeJourneys } from './journeys-stocktake.mjs';
import { ticketJourneys } from './journeys-tickets.mjs';
import { startServer } from './server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const screenshots = path.join(root, 'e2e/screenshots');

const { catalogues } = await tsImport('../packages/shared/src/i18n/index.ts', import.meta.url);

if (process.env.E2E_SKIP_BUILD !== 'true') {
  console.log('Building the web app…');
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '-w', '@shuyun/web'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

rmSync(screenshots, { recursive: true, force: true });
mkdirSync(screenshots, { recursive: true });
mkdirSync(path.join(root, 'e2e/.tmp'), { recursive: true });

let passed = 0;
let failed = 0;
let server;
let browser;
try {
  server = await startServer(root);
  console.log(`Server up at ${server.url}`);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : null;
  for (const journey of [
    ...journeys,
    ...adminDeskJourneys,
    ...ticketJourneys,
    ...knowledgeDeskJourneys,
    ...knowledgePcJourneys,
    ...analyticsJourneys,
    ...sparesJourneys,
    ...stocktakeJourneys,
    ...assetJourneys,
    ...demandJourneys,
    ...releaseJourneys,
    ...incidentJourneys,
    ...faultJourneys,
  ]) {
    if (only && !only.test(journey.name)) continue;
    const started = Date.now();
    const env = { browser, baseUrl: server.url, catalogues, screenshots, problems: [] };
    try {
      await journey.run(env);
      if (env.problems.length > 0) throw new Error(`page errors:\n    ${env.problems.join('\n    ')}`);
      passed += 1;
      console.log(`✓ ${journey.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed += 1;
      console.log(
        `✗ ${journey.name}\n    ${String(error?.stack ?? error)
          .split('\n')
          .slice(0, 8)
          .join('\n    ')}`,
      );
    }
  }
} catch (error) {
  failed += 1;
  console.error(error);
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
}

console.log(`Screenshots: ${path.relative(process.cwd(), screenshots)}/`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
