// Knowledge on PC: an engineer writes a how-to with a picture (and a script payload a hostile client
// slips into the body and title), submits it; a knowledge reviewer sees it in the queue rendered
// harmlessly and approves; a Chinese search finds it highlighted; an edit makes a revision that is
// reviewed as a diff; the history shows both. Then an en-US pass over the knowledge pages.
import { apiPcSignIn, png, shot, TIMEOUT, text, visible } from './journeys.mjs';

const XSS_TITLE = '<img src=x onerror="window.__xss=1;alert(1)">';
const XSS_TYPED = '<script>alert("typed")</script>';
// What a client bypassing the editor could send: every part must be gone or inert after the server's sanitiser.
const XSS_BODY =
  '<script>window.__xss=1;alert(1)</script>' +
  '<img src=x onerror="window.__xss=1;alert(1)">' +
  '<p onclick="window.__xss=1">点击段落</p>' +
  '<a href="javascript:window.__xss=1">恶意链接</a>' +
  '<svg onload="window.__xss=1"><circle r="5"/></svg>' +
  '<iframe src="javascript:window.__xss=1"></iframe>';

/** Nothing the payload could do happened: no dialog, no flag, no live element it carried. */
async function expectHarmless(page, dialogs, scope) {
  await page.waitForTimeout(600); // a broken image's onerror would have fired by now
  if (dialogs.length) throw new Error(`a dialog opened: ${dialogs.join(' | ')}`);
  if (await page.evaluate(() => window.__xss)) throw new Error('the payload ran (window.__xss set)');
  // Inside rendered article HTML only (the page's own icons are SVG too).
  const injected = await scope
    .locator('.article-body')
    .locator('script, iframe, svg, img[src="x"], [onerror], [onclick], [onload], a[href^="javascript"]')
    .count();
  if (injected) throw new Error(`${injected} injected element(s) survived`);
}

async function pickTreeOption(page, testId, label) {
  await page.getByTestId(testId).click();
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper')
    .filter({ hasText: label });
  await option.first().waitFor({ state: 'visible' });
  await page.waitForTimeout(250); // the dropdown slides in
  await option.first().click();
}

/** The reviewer opens the queue item with this title and approves it. */
async function approveFromQueue(env, reviewer, locale, title, expectKind) {
  const t = (key, values) => text(env, locale, key, values);
  await reviewer.page.goto('/knowledge/review');
  const row = reviewer.page.getByTestId('queue-item').filter({ hasText: title });
  await visible(row);
  await visible(reviewer.page.locator('tr', { has: row }).getByText(t(`knowledge.review.${expectKind}`), { exact: true }));
  await row.locator('a').first().click();
  const drawer = reviewer.page.getByTestId('review-drawer');
  await visible(drawer.getByTestId('review-content'));
  return drawer;
}

async function confirmApprove(page) {
  await page.getByTestId('review-drawer').locator('[data-action=approve]').click();
  await visible(page.getByTestId('review-confirm'));
  await page.getByTestId('review-confirm').click();
  await page.getByTestId('review-drawer').waitFor({ state: 'detached', timeout: TIMEOUT });
}

const writeReviewPublishJourney = {
  name: 'Knowledge PC: engineer writes a how-to with a picture and a script payload → reviewer sees it harmless and approves → Chinese search finds it highlighted → revision reviewed as a diff → history shows both (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    const stamp = Date.now().toString(36);
    const title = `绘图仪驱动安装指南 ${XSS_TITLE} ${stamp}`;

    // The engineer writes a how-to: text, a typed "<script>", a picture, category and a tag.
    const author = await apiPcSignIn(env, locale, 'zhoujie', '/knowledge');
    await visible(author.page.getByTestId('knowledge-home'));
    await author.page.getByTestId('knowledge-new').click();
    const editor = author.page.getByTestId('knowledge-editor');
    await visible(editor);
    await author.page.getByTestId('editor-title').fill(title);
    const body = author.page.getByTestId('editor-body').locator('[contenteditable]');
    await body.click();
    await author.page.keyboard.type('第一步：从共享盘下载绘图仪驱动。');
    await author.page.keyboard.press('Enter');
    await author.page.keyboard.type(`第二步：双击安装。${XSS_TYPED}`);
    await author.page.keyboard.press('Enter');
    // A link is inserted, then taken off again: its text stays.
    const href = 'https://intranet.example.com/drivers/plotter';
    await author.page.locator('[data-tool=link]').click();
    await author.page.getByTestId('rte-link-input').fill(href);
    await author.page.getByTestId('rte-link-input').press('Enter');
    await visible(body.locator(`a[href="${href}"]`));
    await body.locator(`a[href="${href}"]`).click();
    await author.page.locator('[data-tool=unlink]').click();
    await body.locator('a').first().waitFor({ state: 'detached', timeout: TIMEOUT });
    await visible(body.getByText(href, { exact: false }));
    await author.page.keyboard.press('End');
    await author.page.keyboard.press('Enter');
    await author.page.getByTestId('editor-body-file').setInputFiles({ name: 'plotter.png', mimeType: 'image/png', buffer: png(160, 90) });
    await visible(body.locator('img[src^="/api/files/"]'));
    await pickTreeOption(author.page, 'editor-category', '电脑与办公软件');
    await author.page.getByTestId('editor-tags').click();
    await author.page.keyboard.type('绘图仪');
    await author.page.keyboard.press('Enter');
    await author.page.keyboard.press('Escape');
    await shot(env, author.page, `pc-knowledge-editor-${locale}`);
    await author.page.getByTestId('editor-save').click();
    await author.page.waitForURL(/\/knowledge\/articles\/\d+\/edit$/);
    const articleId = Number(new URL(author.page.url()).pathname.split('/')[3]);
    await visible(author.page.getByTestId('knowledge-editor').locator('[data-status=draft]'));

    // A client bypassing the editor adds raw HTML with scripts and handlers to the saved draft.
    const detail = await (await author.context.request.get(`/api/knowledge/articles/${articleId}`)).json();
    const draft = await (await author.context.request.get(`/api/knowledge/versions/${detail.working.id}`)).json();
    if (!/<img src="\/api\/files\/\d+"/.test(draft.content.body)) throw new Error(`the picture was not saved: ${draft.content.body}`);
    const patched = await author.context.request.patch(`/api/knowledge/versions/${draft.id}`, {
      data: { version: draft.version, body: draft.content.body + XSS_BODY },
      headers: { 'x-csrf-token': author.csrf },
    });
    if (!patched.ok()) throw new Error(`patching the draft failed: ${patched.status()}`);
    await author.page.reload();
    await visible(author.page.getByTestId('editor-body').locator('img[src^="/api/files/"]'));
    await expectHarmless(author.page, author.dialogs, author.page.getByTestId('knowledge-editor'));
    await author.page.getByTestId('editor-submit').click();
    await author.page.waitForURL(new RegExp(`/knowledge/articles/${articleId}$`));
    await visible(author.page.locator('[data-testid=working-banner][data-status=submitted]'));
    await expectHarmless(author.page, author.dialogs, author.page.getByTestId('article-page'));
    await shot(env, author.page, `pc-knowledge-submitted-${locale}`);

    // The reviewer (a different person) finds it in the queue: text shows as text, nothing ran, the picture loads.
    const reviewer = await apiPcSignIn(env, locale, 'zhengkai', '/knowledge');
    const drawer = await approveFromQueue(env, reviewer, locale, stamp, 'newArticle');
    await visible(drawer.getByTestId('review-title').getByText(XSS_TITLE, { exact: false }));
    await visible(drawer.getByText('alert("typed")', { exact: false }));
    await visible(drawer.getByText('点击段落'));
    const picture = drawer.locator('.article-body img[src^="/api/files/"]');
    await visible(picture);
    await reviewer.page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await picture.first().elementHandle());
    await expectHarmless(reviewer.page, reviewer.dialogs, drawer);
    await shot(env, reviewer.page, `pc-knowledge-review-${locale}`);
    await confirmApprove(reviewer.page);

    // A Chinese search finds it, its words highlighted.
    await reviewer.page.goto(`/knowledge/search?q=${encodeURIComponent('绘图仪 驱动')}`);
    const hit = reviewer.page.locator(`[data-testid=search-hit][data-article-id="${articleId}"]`);
    await visible(hit);
    await visible(hit.locator('.knowledge-results__title mark').filter({ hasText: '绘图仪' }));
    await expectHarmless(reviewer.page, reviewer.dialogs, reviewer.page.getByTestId('search-results'));
    await shot(env, reviewer.page, `pc-knowledge-search-${locale}`);
    await hit.locator('.knowledge-results__title').click();
    await visible(reviewer.page.getByTestId('article-page'));
    await expectHarmless(reviewer.page, reviewer.dialogs, reviewer.page.getByTestId('article-page'));

    // The author edits the published article: a new revision, in review while the first stays shown.
    await author.page.goto(`/knowledge/articles/${articleId}`);
    await visible(author.page.locator('[data-testid=article-actions] [data-action=edit]'));
    await author.page.locator('[data-testid=article-actions] [data-action=edit]').click();
    await author.page.waitForURL(/\/edit$/);
    const editBody = author.page.getByTestId('editor-body').locator('[contenteditable]');
    await visible(editBody.locator('img'));
    await editBody.click();
    await author.page.keyboard.press('Control+Home');
    await author.page.keyboard.type('第零步：关闭正在运行的绘图软件。');
    await author.page.keyboard.press('Enter');
    await author.page.getByTestId('editor-submit').click();
    await author.page.waitForURL(new RegExp(`/knowledge/articles/${articleId}$`));
    await visible(author.page.locator('[data-testid=working-banner][data-status=submitted]'));
    await visible(author.page.getByTestId('article-title'));

    // The reviewer sees the revision as a diff and approves it.
    const revision = await approveFromQueue(env, reviewer, locale, stamp, 'newVersion');
    await visible(revision.locator('[data-testid=knowledge-diff] [data-op=insert]').filter({ hasText: '第零步' }));
    await expectHarmless(reviewer.page, reviewer.dialogs, revision);
    await shot(env, reviewer.page, `pc-knowledge-review-diff-${locale}`);
    await confirmApprove(reviewer.page);

    // History: revision 1 superseded, revision 2 published; the diff between them opens.
    await author.page.goto(`/knowledge/articles/${articleId}`);
    const history = author.page.getByTestId('version-history');
    await visible(history.locator('[data-revision="2"]'));
    await visible(history.locator('tr', { has: author.page.locator('[data-revision="1"]') }).locator('[data-status=superseded]'));
    await visible(history.locator('tr', { has: author.page.locator('[data-revision="2"]') }).locator('[data-status=published]'));
    await visible(author.page.getByTestId('article-sections').getByText('第零步'));
    await history.getByTestId('history-compare').first().click();
    await visible(author.page.locator('.ant-modal [data-testid=knowledge-diff] [data-op=insert]').filter({ hasText: '第零步' }));
    await expectHarmless(author.page, author.dialogs, author.page.locator('body'));
    await shot(env, author.page, `pc-knowledge-history-diff-${locale}`);
    await author.page.keyboard.press('Escape');
    await author.page.getByTestId('history-card').scrollIntoViewIfNeeded();
    await shot(env, author.page, `pc-knowledge-article-${locale}`);
    if (!(await author.page.getByText(t('knowledge.versionStatuses.superseded')).count())) throw new Error('no superseded label');

    await author.context.close();
    await reviewer.context.close();
  },
};

const englishPassJourney = {
  name: 'Knowledge PC: home, search, article and category admin in en-US',
  async run(env) {
    const locale = 'en-US';
    const t = (key, values) => text(env, locale, key, values);
    const manager = await apiPcSignIn(env, locale, 'liwei', '/knowledge');
    const home = manager.page.getByTestId('knowledge-home');
    await visible(home);
    await visible(home.getByText(t('knowledge.popular'), { exact: true }));
    await visible(home.getByText(t('knowledge.recent'), { exact: true }));
    await visible(home.getByTestId('knowledge-category').filter({ hasText: 'Network and VPN' }));
    await visible(manager.page.getByTestId('side-menu').getByText(t('knowledge.title'), { exact: true }));
    await shot(env, manager.page, `pc-knowledge-home-${locale}`);

    await home.getByTestId('knowledge-search-input').locator('input').fill('VPN 连接失败');
    await home.getByTestId('knowledge-search-input').locator('input').press('Enter');
    await visible(manager.page.getByTestId('search-hit').locator('mark'));
    await visible(manager.page.getByText(t('knowledge.sort.helpful'), { exact: true }));
    await shot(env, manager.page, `pc-knowledge-search-${locale}`);
    await manager.page.getByTestId('search-hit').first().locator('.knowledge-results__title').click();
    await visible(manager.page.getByTestId('article-page'));
    await visible(manager.page.getByText(t('knowledge.statsTitle'), { exact: true }));
    await shot(env, manager.page, `pc-knowledge-article-${locale}`);

    await manager.page.goto('/admin/knowledge-categories');
    await visible(manager.page.getByTestId('category-row').filter({ hasText: '网络与 VPN' }));
    await visible(manager.page.getByText('Network and VPN', { exact: true }));
    await shot(env, manager.page, `pc-knowledge-categories-${locale}`);
    await manager.context.close();
  },
};

export const knowledgePcJourneys = [writeReviewPublishJourney, englishPassJourney];
