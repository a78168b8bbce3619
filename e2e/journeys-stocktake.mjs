// Stocktaking (资产盘点): the asset admin creates and starts a stocktake on the PC; on the phone a counter
// scans tags by typing them (found, surplus), a second counter's camera reads a QR label (a QR image fed
// to Chromium as the fake camera), and the same tag scanned again names who scanned it first; the admin
// completes it (missing and surplus shown) and applies the results, which marks the missing assets lost.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import QRCode from 'qrcode';
import { apiCall, apiPcSignIn, apiSignIn, PHONE, phoneShot, shot, text, visible } from './journeys.mjs';

/** A Y4M video (what Chromium's fake camera plays) showing one QR code, black on white. */
function qrVideo(file, content) {
  const width = 640;
  const height = 480;
  const qr = QRCode.create(content, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const scale = Math.floor(300 / (size + 8));
  const side = (size + 8) * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const y = Buffer.alloc(width * height, 235);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!qr.modules.get(row, col)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const offset = (top + (row + 4) * scale + dy) * width + left + (col + 4) * scale;
        y.fill(16, offset, offset + scale);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...Array(10).fill(frame)]));
}

async function confirmPopover(page) {
  const ok = page.locator('.ant-popover:not(.ant-popover-hidden) .ant-btn-primary');
  await visible(ok);
  await ok.first().click();
}

async function scanByHand(page, t, tag) {
  const input = page.getByPlaceholder(t('stocktake.mobile.tagPlaceholder'));
  await input.fill(tag);
  await page.getByTestId('scan-submit').click();
}

const stocktakeJourney = {
  name: 'Stocktake: admin creates and starts one on PC → counter scans by hand on the phone (found, surplus) → a second counter’s camera reads a QR label → a repeat scan names who scanned it → completion shows missing and surplus → applying marks the missing lost (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    const name = `信息部季度盘点 ${Date.now().toString(36)}`;

    // A store room of its own with four assets put on the books through the API, so that the count
    // touches nothing the other journeys use.
    const admin = await apiPcSignIn(env, locale, 'linna', '/stocktakes');
    const room = `盘点间 ${Date.now().toString(36)}`;
    const stamp = Date.now().toString(36).toUpperCase();
    const location = await apiCall(admin, 'POST', '/api/assets/locations', { code: `ST-${stamp}`, name: room });
    const category = (await apiCall(admin, 'GET', '/api/assets/categories')).items[0];
    for (let i = 1; i <= 4; i++) {
      await apiCall(admin, 'POST', '/api/assets', { categoryId: category.id, name: `盘点样机 ${i}`, locationId: location.id });
    }

    // PC: the list (with the demo stocktakes), then a new one over that room counted by 刘洋 and 周杰.
    await admin.page.reload();
    await visible(admin.page.getByText('2026 年第三季度 IT 资产盘点'));
    await shot(env, admin.page, `pc-stocktakes-${locale}`);
    await admin.page.getByRole('button', { name: t('stocktake.create') }).click();
    const modal = admin.page.locator('.ant-modal');
    await visible(modal);
    await modal.locator('#name').fill(name);
    await modal.locator('#locationIds').click();
    const locations = admin.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper');
    await visible(locations.filter({ hasText: room }));
    await admin.page.waitForTimeout(250);
    await locations.filter({ hasText: room }).first().click();
    await admin.page.keyboard.press('Escape');
    for (const person of ['刘洋', '周杰']) {
      await modal.locator('#counterIds').click();
      await admin.page.keyboard.type(person);
      await visible(
        admin.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: person }),
      );
      await admin.page.keyboard.press('Enter');
    }
    await admin.page.keyboard.press('Escape');
    await shot(env, admin.page, `pc-stocktake-create-${locale}`);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await admin.page.waitForURL(/\/stocktakes\/\d+$/);
    const id = Number(new URL(admin.page.url()).pathname.split('/')[2]);
    await visible(admin.page.getByTestId('status').getByText(t('stocktake.status.draft')));
    await admin.page.getByRole('button', { name: t('stocktake.actions.start') }).click();
    await confirmPopover(admin.page);
    await visible(admin.page.getByTestId('status').getByText(t('stocktake.status.in_progress')));
    const started = await apiCall(admin, 'GET', `/api/stocktakes/${id}`);
    if (started.progress.expected < 3) throw new Error(`expected at least 3 assets in scope, got ${started.progress.expected}`);
    const pending = (await apiCall(admin, 'GET', `/api/stocktakes/${id}/lines?result=pending&pageSize=100`)).items.map((l) => l.tag);
    const [byHand, byCamera] = pending;

    // Phone: 刘洋 finds it among his stocktakes and scans one tag by hand, then an unknown label.
    const counter = await apiSignIn(env, locale, PHONE, 'liuyang', '/m/mine');
    await counter.page.getByTestId('mine-stocktakes').click();
    await counter.page.waitForURL(/\/m\/stocktakes$/);
    await counter.page.getByText(name).click();
    await counter.page.waitForURL(new RegExp(`/m/stocktakes/${id}$`));
    await visible(counter.page.getByTestId('progress-expected').getByText(String(started.progress.expected), { exact: true }));
    await scanByHand(counter.page, t, byHand);
    await visible(counter.page.getByTestId('scan-feedback').getByText(`✓ ${t('stocktake.result.found')}`, { exact: false }));
    await visible(counter.page.getByTestId('progress-found').getByText('1', { exact: true }));
    await scanByHand(counter.page, t, 'ZC-OLD-0099');
    await visible(counter.page.getByTestId('scan-feedback').getByText(t('stocktake.mobile.feedback.surplus', { tag: 'ZC-OLD-0099' })));
    await phoneShot(env, counter.page, `phone-stocktake-scan-${locale}`);

    // The camera: a second browser whose fake camera shows the QR label of another tag; 周杰 opens it and it is read.
    const video = path.join(env.screenshots, '..', '.tmp', 'stocktake-qr.y4m');
    qrVideo(video, byCamera);
    const cameraBrowser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
    try {
      const second = await apiSignIn({ ...env, browser: cameraBrowser }, locale, PHONE, 'zhoujie', `/m/stocktakes/${id}`);
      await second.context.grantPermissions(['camera']);
      await second.page.getByRole('button', { name: t('stocktake.mobile.cameraStart') }).click();
      await visible(second.page.getByTestId('scan-feedback').getByText(byCamera, { exact: false }));
      const feedback = await second.page.getByTestId('scan-feedback').innerText();
      if (!feedback.includes(t('stocktake.result.found'))) throw new Error(`camera scan gave: ${feedback}`);
      await phoneShot(env, second.page, `phone-stocktake-camera-${locale}`);
      await second.page.getByRole('button', { name: t('stocktake.mobile.cameraStop') }).click();

      // 周杰 types the tag 刘洋 already scanned: told who scanned it and when.
      await scanByHand(second.page, t, byHand);
      const repeat = second.page.getByTestId('scan-feedback');
      await visible(repeat.getByText('刘洋', { exact: false }));
      const said = await repeat.innerText();
      if (!said.includes(byHand) || !/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(said)) throw new Error(`repeat scan said: ${said}`);
      await phoneShot(env, second.page, `phone-stocktake-already-${locale}`);
      await second.context.close();
    } finally {
      await cameraBrowser.close();
    }
    await counter.context.close();

    // PC: complete; the missing and the surplus show; apply all anomalies; the missing assets are marked lost.
    await admin.page.reload();
    await admin.page.getByRole('button', { name: t('stocktake.actions.complete') }).click();
    await confirmPopover(admin.page);
    await visible(admin.page.getByTestId('status').getByText(t('stocktake.status.completed')));
    const missing = started.progress.expected - 2;
    await visible(admin.page.getByTestId('stat-missing').getByText(String(missing), { exact: true }));
    await visible(admin.page.getByTestId('stat-surplus').getByText('1', { exact: true }));
    await admin.page.getByTestId('stat-missing').click();
    await visible(admin.page.locator('.ant-table-row').getByText(t('stocktake.result.missing'), { exact: true }));
    await shot(env, admin.page, `pc-stocktake-completed-${locale}`, { fullPage: true });
    await admin.page.getByTestId('apply-all').click();
    await confirmPopover(admin.page);
    await visible(admin.page.getByText(t('stocktake.applied', { count: missing })));
    await visible(admin.page.getByTestId('stat-applied').getByText(String(missing), { exact: true }));
    await visible(admin.page.locator('.ant-table-row').getByText(t('stocktake.progress.applied'), { exact: true }));
    // The stocktake's activity says which asset was dealt with and how.
    const lostLine = (await apiCall(admin, 'GET', `/api/stocktakes/${id}/lines?result=missing&pageSize=1`)).items[0];
    if (!lostLine.appliedAt) throw new Error('the missing line was not applied');
    await visible(
      admin.page.getByText(t('timeline.stocktakeApplied', { actor: '林娜', tag: lostLine.tag, result: t('stocktake.result.missing') })),
    );
    await shot(env, admin.page, `pc-stocktake-applied-${locale}`, { fullPage: true });
    await admin.context.close();
  },
};

const englishJourney = {
  name: 'Stocktake in English: the demo stocktakes on PC (list, completed one with anomalies) and the phone scan page (en-US)',
  async run(env) {
    const locale = 'en-US';
    const t = (key, values) => text(env, locale, key, values);
    const admin = await apiPcSignIn(env, locale, 'linna', '/stocktakes?status=completed');
    await visible(admin.page.getByRole('link', { name: '2026 年第三季度 IT 资产盘点' }));
    await admin.page.getByRole('link', { name: '2026 年第三季度 IT 资产盘点' }).click();
    await visible(admin.page.getByTestId('status').getByText(t('stocktake.status.completed')));
    await admin.page.getByTestId('stat-anomalies').click();
    await visible(admin.page.locator('.ant-table-row').getByText(t('stocktake.result.wrong_location'), { exact: true }));
    await visible(admin.page.getByRole('button', { name: t('stocktake.actions.applyAll') }));
    await shot(env, admin.page, `pc-stocktake-anomalies-${locale}`);
    await admin.context.close();

    const counter = await apiSignIn(env, locale, PHONE, 'liuyang', '/m');
    await counter.page.getByTestId('todo-stocktakesToCount').click();
    await counter.page.waitForURL(/\/m\/stocktakes$/);
    await visible(counter.page.getByText('2026 年第四季度 IT 资产盘点'));
    await phoneShot(env, counter.page, `phone-stocktakes-${locale}`);
    await counter.page.getByText('2026 年第四季度 IT 资产盘点').click();
    await visible(counter.page.getByText(t('stocktake.mobile.notFound'), { exact: false }));
    await phoneShot(env, counter.page, `phone-stocktake-${locale}`);
    await counter.context.close();
  },
};

export const stocktakeJourneys = [stocktakeJourney, englishJourney];
