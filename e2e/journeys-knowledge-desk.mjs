// Knowledge at the service desk: an engineer turns a resolved ticket into a draft article (知识沉淀),
// opens it pre-filled in the PC editor and submits it; a knowledge manager approves it from the review
// queue; a requester on the phone starts a ticket about the same problem, sees the article suggested,
// opens it and taps "solved" — no ticket is created and the article counts one more deflection.
// Then a short en-US pass over the phone knowledge tab and the ticket form's suggestions.
import { apiCall, apiSignIn, PC, PHONE, phoneShot, shot, TIMEOUT, text, visible } from './journeys.mjs';

/**
 * A resolved ticket with a problem no demo article covers: a requester reports it, the service desk
 * hands it to an engineer of the desktop team, who accepts and resolves it with a solution (over the
 * API — the ticket journeys drive those screens).
 */
async function resolvedTicket(env, stamp) {
  const requester = await apiSignIn(env, 'zh-CN', PC, 'qianhui', '/');
  const desk = await apiSignIn(env, 'zh-CN', PC, 'wangfang', '/');
  const engineer = await apiSignIn(env, 'zh-CN', PC, 'zhoujie', '/');
  const zhoujie = await apiCall(engineer, 'GET', '/api/auth/me');
  const teams = await apiCall(desk, 'GET', '/api/teams');
  const team = (teams.items ?? teams).find((candidate) => candidate.members.some((member) => member.id === zhoujie.id));
  if (!team) throw new Error('zhoujie has no team');
  let ticket = await apiCall(requester, 'POST', '/api/tickets', {
    title: `考勤机 ${stamp} 指纹打卡后查不到记录`,
    description: `门口的考勤机 ${stamp} 按指纹提示打卡成功，但考勤系统里查不到当天的打卡记录。`,
    catalogItemId: null,
    formValues: {},
    channel: 'pc',
    attachmentIds: [],
  });
  ticket = await apiCall(desk, 'POST', `/api/tickets/${ticket.id}/actions/assign`, {
    version: ticket.version,
    teamId: team.id,
    assigneeId: zhoujie.id,
  });
  ticket = await apiCall(engineer, 'POST', `/api/tickets/${ticket.id}/actions/accept`, { version: ticket.version });
  ticket = await apiCall(engineer, 'POST', `/api/tickets/${ticket.id}/actions/resolve`, {
    version: ticket.version,
    solution: '考勤机与考勤服务器的时间不同步：在考勤机菜单里重新校时，并重启考勤同步服务，打卡记录随即同步到考勤系统。',
    resolutionCategory: 'config',
  });
  if (ticket.status !== 'resolved') throw new Error(`ticket not resolved: ${ticket.status}`);
  await requester.context.close();
  await desk.context.close();
  await engineer.context.close();
  return ticket;
}

const captureReviewDeflectJourney = {
  name: 'Knowledge desk: engineer captures a resolved ticket → pre-filled draft in the PC editor → submitted → approved in the review queue → suggested to a phone requester typing the same problem → "solved": no ticket, one more deflection (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    const stamp = `KQ${Date.now().toString(36).slice(-5).toUpperCase()}`;
    const ticket = await resolvedTicket(env, stamp);

    // The engineer opens the ticket: the 知识 card is there, with "create knowledge from this".
    const engineer = await apiSignIn(env, locale, PC, 'zhoujie', `/tickets/${ticket.id}`);
    const card = engineer.page.getByTestId('kb-ticket-card');
    await visible(card);
    await visible(card.getByTestId('kb-related-articles'));
    await card.scrollIntoViewIfNeeded();
    await shot(env, engineer.page, `pc-ticket-knowledge-card-${locale}`);
    await card.getByTestId('kb-capture').click();
    await engineer.page
      .locator('.ant-popover')
      .getByRole('button', { name: t('knowledge.capture.button') })
      .click();

    // The draft opens in the editor, pre-filled from the ticket (title, problem, solution), and is submitted.
    await engineer.page.waitForURL(/\/knowledge\/articles\/\d+\/edit$/);
    const articleId = Number(new URL(engineer.page.url()).pathname.split('/')[3]);
    const editor = engineer.page.getByTestId('knowledge-editor');
    await visible(editor);
    await editor.getByTestId('editor-title').waitFor();
    const title = await editor.getByTestId('editor-title').inputValue();
    if (!title.includes(stamp)) throw new Error(`the draft's title is not the ticket's: ${title}`);
    await visible(editor.getByText('重新校时', { exact: false }));
    const { number } = await apiCall(engineer, 'GET', `/api/knowledge/articles/${articleId}`);
    await shot(env, engineer.page, `pc-knowledge-captured-draft-${locale}`);
    await engineer.page.getByTestId('editor-submit').click();
    await engineer.page.waitForURL(new RegExp(`/knowledge/articles/${articleId}$`));

    // The ticket links to its draft, and its timeline says knowledge was captured from it.
    await engineer.page.goto(`/tickets/${ticket.id}`);
    await visible(engineer.page.getByTestId('kb-linked').getByText(t('knowledge.related.source'), { exact: true }));
    await visible(
      engineer.page.getByTestId('timeline').getByText(t('timeline.knowledgeCaptured', { actor: '周杰', articleNumber: number })),
    );

    // A knowledge manager approves it from the review queue.
    const reviewer = await apiSignIn(env, locale, PC, 'liwei', '/knowledge/review');
    const row = reviewer.page.getByTestId('queue-item').filter({ hasText: stamp });
    await visible(row);
    await row.locator('a').first().click();
    const drawer = reviewer.page.getByTestId('review-drawer');
    await visible(drawer.getByTestId('review-content'));
    await shot(env, reviewer.page, `pc-knowledge-review-captured-${locale}`);
    await drawer.locator('[data-action=approve]').click();
    await reviewer.page.getByTestId('review-confirm').click();
    await drawer.waitFor({ state: 'detached', timeout: TIMEOUT });
    const published = await apiCall(reviewer, 'GET', `/api/knowledge/articles/${articleId}`);
    if (published.status !== 'published') throw new Error(`article not published: ${published.status}`);
    const before = published.stats.deflections;

    // A requester on the phone starts a free request about the same problem.
    const phone = await apiSignIn(env, locale, PHONE, 'zhangmin', '/m');
    await visible(phone.page.getByTestId('tab-bar'));
    const mine = await apiCall(phone, 'GET', '/api/tickets?view=requested&pageSize=1');
    await phone.page.getByTestId('tab-bar').getByText(t('ticketsUi.tab'), { exact: true }).click();
    await phone.page.getByTestId('mobile-new-ticket').click();
    await phone.page
      .locator('.mt-free .adm-list-item')
      .filter({ hasText: t('ticketsUi.catalog.freeButton') })
      .click();
    const form = phone.page.getByTestId('mobile-submit-form');
    await visible(form);
    const field = (label) => form.locator('.adm-form-item').filter({ hasText: label });
    await field(t('ticketsUi.catalog.ticketTitle')).locator('input').fill(`考勤机 ${stamp} 打卡没记录`);
    await field(t('ticketsUi.catalog.description')).locator('textarea').fill('早上按了指纹，考勤系统里没有我的打卡记录');

    // The article is suggested right under the title (not at the foot of the form); it opens over the form.
    const suggestion = phone.page.locator(`[data-testid=km-suggestion][data-article-id="${articleId}"]`);
    await visible(suggestion);
    const suggestBox = await phone.page.getByTestId('km-suggest').boundingBox();
    const descriptionBox = await field(t('ticketsUi.catalog.description')).boundingBox();
    if (!suggestBox || !descriptionBox || suggestBox.y > descriptionBox.y)
      throw new Error('the suggestions are not between the title and the description');
    await suggestion.scrollIntoViewIfNeeded();
    await phoneShot(env, phone.page, `mobile-submit-suggestion-${locale}`);
    await suggestion.click();
    const sheet = phone.page.getByTestId('km-solve-article');
    await visible(sheet.getByTestId('km-article-title').getByText(stamp, { exact: false }));
    await phoneShot(env, phone.page, `mobile-suggested-article-${locale}`);

    // "Not solved" returns to the form as it was; opening it again and "solved" ends the submission.
    await sheet.getByTestId('km-not-solved').click();
    await sheet.waitFor({ state: 'detached', timeout: TIMEOUT });
    const kept = await field(t('ticketsUi.catalog.ticketTitle')).locator('input').inputValue();
    if (!kept.includes(stamp)) throw new Error(`the form lost its title: ${kept}`);
    await suggestion.click();
    await visible(sheet.getByTestId('km-solved'));
    await sheet.getByTestId('km-solved').click();
    await visible(phone.page.getByTestId('km-deflected'));
    await visible(phone.page.getByText(t('knowledge.feedback.solvedThanks'), { exact: true }));
    await phoneShot(env, phone.page, `mobile-solved-${locale}`);

    // No ticket was created, and the article counts one more deflection (seen on its PC page too).
    const after = await apiCall(phone, 'GET', '/api/tickets?view=requested&pageSize=1');
    if (after.total !== mine.total) throw new Error(`a ticket was created: ${mine.total} → ${after.total}`);
    const counted = await apiCall(reviewer, 'GET', `/api/knowledge/articles/${articleId}`);
    if (counted.stats.deflections !== before + 1) throw new Error(`deflections ${before} → ${counted.stats.deflections}`);
    await reviewer.page.goto(`/knowledge/articles/${articleId}`);
    await visible(
      reviewer.page.locator('[data-testid=article-stats] [data-stat=deflections]').getByText(String(before + 1), { exact: true }),
    );
    await shot(env, reviewer.page, `pc-knowledge-article-deflected-${locale}`);

    // The phone's 知识 tab finds it, highlighted, and the article can be voted helpful.
    await phone.page.getByTestId('km-back-home').click();
    await phone.page.getByTestId('tab-bar').getByText(t('knowledgeDesk.mobile.tab'), { exact: true }).click();
    await visible(phone.page.getByTestId('km-categories'));
    await phone.page.getByTestId('km-search').locator('input').fill(`考勤机 ${stamp}`);
    const hit = phone.page.locator(`[data-testid=km-result][data-article-id="${articleId}"]`);
    await visible(hit.locator('mark'));
    await phoneShot(env, phone.page, `mobile-knowledge-search-${locale}`);
    await hit.click();
    await visible(phone.page.getByTestId('km-article'));
    await phone.page.getByTestId('km-helpful').click();
    await visible(phone.page.locator('[data-testid=km-helpful].adm-button-primary'));
    await phoneShot(env, phone.page, `mobile-knowledge-article-${locale}`);

    await engineer.context.close();
    await reviewer.context.close();
    await phone.context.close();
  },
};

const englishPhoneJourney = {
  name: 'Knowledge desk en-US: phone knowledge tab (categories, search with highlights, article and vote) and suggestions on the ticket form; PC ticket knowledge card',
  async run(env) {
    const locale = 'en-US';
    const t = (key, values) => text(env, locale, key, values);
    const phone = await apiSignIn(env, locale, PHONE, 'zhangmin', '/m');
    await visible(phone.page.getByTestId('tab-bar'));
    await phone.page.getByTestId('tab-bar').getByText(t('knowledgeDesk.mobile.tab'), { exact: true }).click();
    await visible(phone.page.getByText(t('knowledge.popular'), { exact: true }));
    await visible(phone.page.getByTestId('km-categories'));
    await phoneShot(env, phone.page, `mobile-knowledge-home-${locale}`);
    await phone.page.getByTestId('km-search').locator('input').fill('VPN 809');
    await visible(phone.page.getByTestId('km-result').first().locator('mark'));
    await visible(phone.page.getByTestId('km-count'));
    await phoneShot(env, phone.page, `mobile-knowledge-results-${locale}`);
    await phone.page.getByTestId('km-result').first().click();
    await visible(phone.page.getByTestId('km-article'));
    await visible(phone.page.getByText(t('knowledge.feedback.question'), { exact: true }));
    await phoneShot(env, phone.page, `mobile-knowledge-article-${locale}`);

    await phone.page.goto('/m/tickets/new/free');
    const form = phone.page.getByTestId('mobile-submit-form');
    await visible(form);
    await form
      .locator('.adm-form-item')
      .filter({ hasText: t('ticketsUi.catalog.ticketTitle') })
      .locator('input')
      .fill('VPN error 809');
    await visible(phone.page.getByTestId('km-suggestion'));
    await phone.page.getByTestId('km-suggest').scrollIntoViewIfNeeded();
    await visible(phone.page.getByText(t('knowledge.suggest.title'), { exact: true }));
    await phoneShot(env, phone.page, `mobile-submit-suggestions-${locale}`);
    await phone.page.getByTestId('km-suggestion').first().click();
    await visible(phone.page.getByTestId('km-solved').getByText(t('knowledge.feedback.solved'), { exact: true }));
    await phoneShot(env, phone.page, `mobile-suggested-article-${locale}`);

    // An engineer's ticket page in English: the knowledge card with suggestions and similar tickets.
    const engineer = await apiSignIn(env, locale, PC, 'zhoujie', '/tickets?view=waiting');
    const first = engineer.page.locator('[data-testid=tickets-table] tbody tr.ant-table-row').first();
    await visible(first);
    await first.getByTestId('ticket-title').click();
    const card = engineer.page.getByTestId('kb-ticket-card');
    await visible(card.getByText(t('knowledge.related.suggested'), { exact: true }));
    await card.scrollIntoViewIfNeeded();
    await shot(env, engineer.page, `pc-ticket-knowledge-card-${locale}`);
    await phone.context.close();
    await engineer.context.close();
  },
};

export const knowledgeDeskJourneys = [captureReviewDeflectJourney, englishPhoneJourney];
