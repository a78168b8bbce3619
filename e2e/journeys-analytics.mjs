// Analytics on PC: the IT manager opens 运营分析 from the menu, changes the range, and drills down
// from a figure to the ticket list, which shows exactly the tickets behind it (as many as the figure
// says, each of the kind the figure counts). Then the satisfaction tab and an en-US pass.
import { apiCall, apiPcSignIn, shot, text, visible } from './journeys.mjs';

/** Waits for the dashboard's next answer from the API while `action` runs. */
async function nextReport(page, kind, action) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/api/analytics/tickets/${kind}?`) && r.status() === 200),
    action(),
  ]);
  return response.json();
}

/** The ticket list's total, as the page says it. */
async function expectListTotal(env, page, locale, count) {
  const t = (key, values) => text(env, locale, key, values);
  await visible(page.getByTestId('drill-filters'));
  await visible(page.getByText(t('common.total', { count }), { exact: true }));
}

const drillDownJourney = {
  name: 'Analytics: IT manager opens the dashboard, changes the range, drills from a figure to its tickets (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    const session = await apiPcSignIn(env, locale, 'liwei', '/');
    const { page, context } = session;
    // The figures come from a rollup a job refreshes every minute, the drill-down list is live: a ticket
    // an earlier journey changed within the last minute can be in the list and not yet in the figure.
    // Compare the two only once the last change is older than a refresh (and a margin).
    const latest = await apiCall(session, 'GET', `${env.baseUrl}/api/tickets?view=all&sort=-updated&pageSize=1`);
    const age = Date.now() - Date.parse(latest.items[0]?.updatedAt ?? 0);
    if (age < 75_000) await page.waitForTimeout(75_000 - age);
    const first = await nextReport(page, 'efficiency', () =>
      page.getByTestId('side-menu').getByText(t('analytics.title'), { exact: true }).click(),
    );
    await visible(page.getByTestId('kpi-created'));
    await visible(page.getByText(t('analytics.tabs.efficiency'), { exact: true }));
    await visible(page.getByTestId('chart-volume').locator('canvas'));
    const shown = await page.getByTestId('kpi-created-value').innerText();
    if (shown.replace(/,/g, '') !== String(first.current.created))
      throw new Error(`created shows ${shown}, API says ${first.current.created}`);

    // A wider range: the figures are the API's for that range.
    const wide = await nextReport(page, 'efficiency', () =>
      page.getByTestId('analytics-presets').getByText(t('analytics.presets.last90'), { exact: true }).click(),
    );
    if (!page.url().includes('preset=last90')) throw new Error(`the range is not in the address: ${page.url()}`);
    if (wide.current.created <= first.current.created) throw new Error('90 days should hold more tickets than 30');
    await visible(page.getByTestId('kpi-created-value').getByText(wide.current.created.toLocaleString(), { exact: true }));
    if (wide.current.transferred === 0) throw new Error('the demo data has no transferred tickets in 90 days');
    await visible(page.getByTestId('breakdown-team').locator('tbody tr.ant-table-row'));
    await shot(env, page, `pc-analytics-efficiency-${locale}`);

    // Drill down from the transfer rate: the transferred tickets submitted in the range.
    await page.getByTestId('kpi-transferRate-value').click();
    await page.waitForURL(/\/tickets\?/);
    if (!page.url().includes('transferred=true')) throw new Error(`not the transferred tickets: ${page.url()}`);
    await expectListTotal(env, page, locale, wide.current.transferred);
    await visible(page.getByTestId('drill-filters').getByText(t('analytics.drill.transferred'), { exact: true }));
    await shot(env, page, `pc-analytics-drill-transferred-${locale}`);

    // Back on the dashboard, the satisfaction tab: the low ratings are tickets rated 1 or 2 stars.
    await page.goBack();
    const satisfaction = await nextReport(page, 'satisfaction', () =>
      page.getByTestId('analytics-tabs').getByText(t('analytics.tabs.satisfaction'), { exact: true }).click(),
    );
    await visible(page.getByTestId('chart-distribution').locator('canvas'));
    await shot(env, page, `pc-analytics-satisfaction-${locale}`);
    await page.getByTestId('kpi-lowRated-value').click();
    await page.waitForURL(/rating=1&rating=2/);
    await expectListTotal(env, page, locale, satisfaction.current.lowRated);
    const ratings = await page.getByTestId('tickets-table').locator('tbody tr.ant-table-row').count();
    if (ratings === 0) throw new Error('no low-rated tickets listed');
    await shot(env, page, `pc-analytics-drill-low-ratings-${locale}`);
    // Clearing the analytics filters leaves the plain list.
    await page.getByTestId('drill-filters').getByText(t('analytics.drill.clear'), { exact: true }).click();
    await page.getByTestId('drill-filters').waitFor({ state: 'detached' });
    await context.close();
  },
};

const englishJourney = {
  name: 'Analytics: the dashboards in en-US, one engineer’s figures linked to their tickets',
  async run(env) {
    const locale = 'en-US';
    const t = (key, values) => text(env, locale, key, values);
    const { page, context } = await apiPcSignIn(env, locale, 'liwei', '/analytics?preset=last365');
    await visible(page.getByTestId('kpi-resolved'));
    await visible(page.getByText(t('analytics.kpi.avgComplete'), { exact: true }));
    await page.getByRole('tab', { name: t('analytics.table.byAssignee') }).click();
    const link = page.getByTestId('breakdown-assignee').locator('tbody tr.ant-table-row a').first();
    await visible(link);
    await shot(env, page, `pc-analytics-efficiency-${locale}`);
    await link.click();
    // The first column is the tickets submitted: the list's own submitted-range filter shows it.
    await page.waitForURL(/createdFrom=.*assigneeId=\d+/);
    await visible(page.getByTestId('tickets-table').locator('tbody tr.ant-table-row'));
    await shot(env, page, `pc-analytics-drill-engineer-${locale}`);
    await page.goto('/analytics?tab=satisfaction&preset=last90');
    await visible(page.getByTestId('kpi-satisfactionRate'));
    await visible(page.getByText(t('analytics.charts.distribution'), { exact: true }));
    await shot(env, page, `pc-analytics-satisfaction-${locale}`);
    await context.close();
  },
};

export const analyticsJourneys = [drillDownJourney, englishJourney];
