// Incident journeys: the service desk registers a P1 on PC and routes it to the infrastructure team; an
// engineer accepts it, comments and resolves it; the post-incident review is written and completed; the
// desk closes it. The alert intake: a new webhook token, a real Alertmanager delivery, the incident it
// opens. A ticket's 事件 card registers an incident from the ticket. The figures. On the phone the
// on-call engineer's 我的事件. Then a pass in English.
import { apiCall, apiPcSignIn, apiSignIn, PHONE, phoneShot, shot, TIMEOUT, text, visible } from './journeys.mjs';

/** Picks an option in the open antd select dropdown. */
async function pickOption(page, label) {
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label });
  await option.first().waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.waitForTimeout(200);
  await option.first().click();
}

async function expectStatus(page, env, locale, status) {
  await visible(
    page
      .getByTestId('incident-page')
      .getByTestId('incident-status')
      .filter({ hasText: text(env, locale, `incidents.status.${status}`) }),
  );
}

/** Clicks an action button; confirms its dialog (or fills the form) and waits for the new status. */
async function action(page, env, locale, name, status, fill) {
  await page.getByTestId(`incident-action-${name}`).click();
  if (fill) {
    const modal = page.locator('.ant-modal:visible');
    await visible(modal);
    await fill(modal);
    await page.getByTestId('incident-action-submit').click();
  } else {
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
  }
  await expectStatus(page, env, locale, status);
}

const incidentJourney = {
  name: 'Incidents: desk registers a P1 for the infrastructure team → engineer accepts, comments, resolves → review completed → closed; alert webhook opens one; registered from a ticket; figures; phone 我的事件 (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    const stamp = Date.now().toString(36).toUpperCase();
    const title = `POS 华东门店收银全部超时 ${stamp}`;

    // The list the demo fills, and its figures.
    const desk = await apiPcSignIn(env, locale, 'wangfang', '/incidents');
    const page = desk.page;
    await visible(page.getByTestId('incident-row'));
    await shot(env, page, 'incidents-pc-list');
    await page.getByRole('tab', { name: t('incidents.stats.title') }).click();
    await visible(page.getByTestId('incident-mtta'));
    await shot(env, page, 'incidents-pc-stats');
    await page.getByRole('tab', { name: t('incidents.views.all') }).click();

    // Register: impact and urgency high → P1, routed to 基础设施组.
    await page.getByTestId('incident-new').click();
    await visible(page.getByTestId('incident-new-form'));
    await page.getByTestId('incident-title').fill(title);
    await page.getByTestId('incident-description').fill('华东大区 12 家门店收银台提交订单超时，顾客排队。');
    await page.getByTestId('incident-impact').click();
    await pickOption(page, t('incidents.level.high'));
    await page.getByTestId('incident-urgency').click();
    await pickOption(page, t('incidents.level.high'));
    await visible(page.getByTestId('incident-priority-hint').getByText('P1'));
    await page.getByTestId('incident-system').click();
    await pickOption(page, 'POS 门店收银');
    await page.getByTestId('target-team').click();
    await pickOption(page, '基础设施组');
    await shot(env, page, 'incidents-pc-register');
    await page.getByTestId('incident-new-submit').click();
    await visible(page.getByTestId('incident-page').getByText(title));
    const incidentUrl = new URL(page.url()).pathname;
    await expectStatus(page, env, locale, 'new');

    // The engineer of that team accepts, comments, logs work and resolves.
    const engineer = await apiPcSignIn(env, locale, 'huanglei', incidentUrl);
    const ep = engineer.page;
    await action(ep, env, locale, 'accept', 'in_progress');
    await visible(ep.getByTestId('incident-assignee').getByText('黄磊'));
    await ep.getByTestId('incident-comment').fill('已切换到备用收银通道，正在排查支付网关。');
    await ep.getByTestId('incident-comment-send').click();
    await visible(ep.getByTestId('timeline').getByText('已切换到备用收银通道'));
    await ep.locator('[data-testid=incident-work-minutes] input, input[data-testid=incident-work-minutes]').first().fill('50');
    await ep.getByTestId('incident-work-add').click();
    await visible(ep.getByTestId('incident-work').getByText('50′'));
    await action(ep, env, locale, 'resolve', 'resolved', async () => {
      await ep.getByTestId('incident-resolution').fill('重启支付网关集群并清理积压连接，收银恢复');
      await ep.getByTestId('incident-cause').fill('支付网关连接池耗尽');
    });
    await visible(ep.getByTestId('incident-outcome').getByText('支付网关连接池耗尽'));

    // The review: required for a P1; the desk cannot close before it is completed.
    await visible(ep.getByTestId('incident-review').getByText(t('incidents.review.required')));
    await ep.getByTestId('incident-review-summary').fill('14:05–14:50 华东 12 家门店无法收银。');
    await ep.getByTestId('incident-review-narrative').fill('14:05 门店报障；14:08 受理；14:30 切换备用通道；14:50 恢复');
    await ep.getByTestId('incident-review-cause').fill('支付网关连接池上限 200，促销高峰打满');
    await ep.getByTestId('incident-review-lessons').fill('大促前按峰值 3 倍做容量评估；连接池使用率纳入监控');
    await ep.getByTestId('incident-review-save').click();
    await visible(ep.getByTestId('incident-review-status').getByText(t('incidents.review.statuses.draft')));
    await ep.getByTestId('incident-review-add-action').click();
    await ep.getByTestId('incident-action-title').fill(`支付网关连接池扩容 ${stamp}`);
    const ownerModal = ep.locator('.ant-modal:visible');
    await ownerModal.locator('.ant-select').first().click();
    await ep.keyboard.type('张强');
    await pickOption(ep, '张强');
    await ownerModal.locator('.ant-btn-primary').click();
    await visible(ep.getByTestId('incident-review-action').getByText(`支付网关连接池扩容 ${stamp}`));
    await ep.getByTestId('incident-review-complete').click();
    await visible(ep.getByTestId('incident-review-status').getByText(t('incidents.review.statuses.completed')));
    await shot(env, ep, 'incidents-pc-resolved-with-review', { fullPage: true });

    await page.reload();
    await action(page, env, locale, 'close', 'closed');
    await shot(env, page, 'incidents-pc-closed');

    // Alert intake: a new token, then a real Alertmanager delivery.
    await page.goto('/admin/incident-alerts');
    await visible(page.getByTestId('incident-settings'));
    await page.getByTestId('incident-token-rotate').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    const token = (await page.getByTestId('incident-token').first().innerText()).trim();
    await shot(env, page, 'incidents-pc-alert-settings');
    const alertname = `PosGatewayDown${stamp}`;
    const response = await page.context().request.post('/api/incidents/alerts/alertmanager', {
      headers: { authorization: `Bearer ${token}` },
      data: {
        version: '4',
        status: 'firing',
        receiver: 'shuyun',
        alerts: [
          {
            status: 'firing',
            labels: { alertname, severity: 'critical', system: 'POS', instance: 'pos-gw-01:9100' },
            annotations: { summary: `POS 支付网关不可用 ${stamp}` },
            startsAt: new Date(Date.now() - 120_000).toISOString(),
            endsAt: '0001-01-01T00:00:00Z',
            fingerprint: `e2e${stamp.toLowerCase()}`,
          },
        ],
      },
    });
    if (!response.ok()) throw new Error(`alert delivery: ${response.status()} ${await response.text()}`);
    await page.goto('/incidents');
    await page.locator('[data-testid=incident-search] input, input[data-testid=incident-search]').first().fill(`支付网关不可用 ${stamp}`);
    await page
      .getByTestId('incidents-page')
      .getByRole('link', { name: `POS 支付网关不可用 ${stamp}` })
      .click();
    await visible(page.getByTestId('incident-alert').getByText(`alertname=${alertname}`));
    await shot(env, page, 'incidents-pc-from-alert');

    // From a ticket: the ticket page's 事件 card.
    const tickets = await apiCall(desk, 'GET', '/api/tickets?pageSize=1');
    const ticket = tickets.items[0];
    await page.goto(`/tickets/${ticket.id}`);
    await visible(page.getByTestId('ticket-incident-card'));
    await page.getByTestId('ticket-incident-register').click();
    await visible(page.getByText(t('incidents.new.fromTicket', { number: ticket.number })));
    await page.getByTestId('incident-new-submit').click();
    await visible(page.getByTestId('incident-facts').getByText(ticket.number));
    await shot(env, page, 'incidents-pc-from-ticket');
    await page.goto(`/tickets/${ticket.id}`);
    await visible(page.getByTestId('ticket-incident-card').getByText(/^SJ/));
    await shot(env, page, 'incidents-pc-ticket-card');

    // The on-call engineer's phone: my incidents, one opened.
    const phone = await apiSignIn(env, locale, PHONE, 'huanglei', '/m/incidents');
    await visible(phone.page.getByTestId('incidents-mobile'));
    await phoneShot(env, phone.page, 'incidents-phone-list');
    const row = phone.page.getByTestId('incident-mobile-row').first();
    await row.click();
    await visible(phone.page.getByTestId('incident-mobile'));
    await phone.page.getByTestId('incident-mobile-text').locator('textarea').fill('现场确认中');
    await phone.page.getByTestId('incident-mobile-comment').click();
    await visible(phone.page.getByText(t('incidents.detail.done')));
    await phoneShot(env, phone.page, 'incidents-phone-detail');

    await phone.context.close();
    await engineer.context.close();
    await desk.context.close();
  },
};

const incidentEnglishJourney = {
  name: 'Incidents in English: the list, a P1 with its completed review, the figures (en-US)',
  async run(env) {
    const locale = 'en-US';
    const t = (key, values) => text(env, locale, key, values);
    const manager = await apiPcSignIn(env, locale, 'liwei', '/incidents');
    await visible(manager.page.getByTestId('incident-row'));
    await shot(env, manager.page, `incidents-pc-list-${locale}`);
    const p1 = await apiCall(manager, 'GET', '/api/incidents?priority=P1&status=closed&pageSize=1');
    await manager.page.goto(`/incidents/${p1.items[0].id}`);
    await visible(manager.page.getByTestId('incident-review-status').getByText(t('incidents.review.statuses.completed')));
    await shot(env, manager.page, `incidents-pc-review-${locale}`, { fullPage: true });
    await manager.page.goto('/incidents?view=stats');
    await visible(manager.page.getByTestId('incident-mttr'));
    await shot(env, manager.page, `incidents-pc-stats-${locale}`);
    await manager.context.close();
  },
};

export const incidentJourneys = [incidentJourney, incidentEnglishJourney];
