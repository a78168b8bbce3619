import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext } from '../../test/harness.js';
import { type DeskFixture, serviceDesk } from './test-fixtures.js';

// Found by the full-scale bad-input fuzz: these refusals named the field with an empty message.
let t: TestContext;
let f: DeskFixture;
beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
  f = await serviceDesk(t);
});
afterAll(() => t.close());

const MISSING = 999_999_999;

/** The field issues of a 400, asked by the agent reading zh-CN, then en-US (a signed-in person's own language wins). */
async function refusal(api: ApiClient, method: 'POST' | 'PATCH', url: string, body: () => Promise<object> | object) {
  const answers = [];
  for (const locale of ['zh-CN', 'en-US']) {
    await t.platform.db.updateTable('users').set({ locale }).where('id', '=', f.agent.id).execute();
    const res = await api.request(method, url, { body: await body() });
    expect(res.statusCode, res.body).toBe(400);
    answers.push(res.json().error.details);
  }
  return answers;
}

describe('a ticket field the server refuses is named with a message in the reader’s language', () => {
  it('on submission: an unknown requester, IT system or attachment; nothing is written', async () => {
    const agent = await t.login(f.agent);
    const before = await t.countRows('tickets');
    const base = { title: '字段提示', catalogItemId: f.itemId, formValues: { symptom: 'slow' } };
    expect(await refusal(agent, 'POST', '/api/tickets', () => ({ ...base, requesterId: MISSING }))).toEqual([
      [{ path: 'requesterId', code: 'notFound', message: '该人员不存在或已停用' }],
      [{ path: 'requesterId', code: 'notFound', message: 'No such active person' }],
    ]);
    expect(await refusal(agent, 'POST', '/api/tickets', () => ({ ...base, systemId: MISSING }))).toEqual([
      [{ path: 'systemId', code: 'notFound', message: '该 IT 系统不存在或已停用' }],
      [{ path: 'systemId', code: 'notFound', message: 'No such active IT system' }],
    ]);
    expect(await refusal(agent, 'POST', '/api/tickets', () => ({ ...base, attachmentIds: [MISSING] }))).toEqual([
      [{ path: 'attachmentIds', code: 'notFound', message: '附件不存在、不是你上传的或已被使用' }],
      [{ path: 'attachmentIds', code: 'notFound', message: 'An attachment does not exist, is not yours or is already attached' }],
    ]);
    expect(await t.countRows('tickets')).toBe(before);
  });

  it('on a ticket: an unknown system, a future work day, a merge into itself, an unknown team, an assignee who cannot take it', async () => {
    const requester = await t.login(f.requester);
    const ticket = (
      await requester.post('/api/tickets', { title: '字段提示二', catalogItemId: f.itemId, formValues: { symptom: 'slow' } })
    ).json();
    const agent = await t.login(f.agent);
    const version = async () => (await agent.get(`/api/tickets/${ticket.id}`)).json().version;
    const actions = `/api/tickets/${ticket.id}/actions`;

    expect(
      await refusal(agent, 'PATCH', `/api/tickets/${ticket.id}`, async () => ({ version: await version(), systemId: MISSING })),
    ).toEqual([
      [{ path: 'systemId', code: 'notFound', message: '该 IT 系统不存在或已停用' }],
      [{ path: 'systemId', code: 'notFound', message: 'No such active IT system' }],
    ]);
    expect(await refusal(agent, 'POST', `/api/tickets/${ticket.id}/work-logs`, () => ({ minutes: 10, workedOn: '2999-01-01' }))).toEqual([
      [{ path: 'workedOn', code: 'future', message: '日期不能晚于今天' }],
      [{ path: 'workedOn', code: 'future', message: 'The date cannot be later than today' }],
    ]);
    expect(await refusal(agent, 'POST', `${actions}/merge`, async () => ({ version: await version(), targetId: ticket.id }))).toEqual([
      [{ path: 'targetId', code: 'self', message: '工单不能合并到自身' }],
      [{ path: 'targetId', code: 'self', message: 'A ticket cannot be merged into itself' }],
    ]);
    expect(await refusal(agent, 'POST', `${actions}/assign`, async () => ({ version: await version(), teamId: MISSING }))).toEqual([
      [{ path: 'teamId', code: 'notFound', message: '该支持组不存在或已停用' }],
      [{ path: 'teamId', code: 'notFound', message: 'No such active support team' }],
    ]);
    expect(
      await refusal(agent, 'POST', `${actions}/assign`, async () => ({ version: await version(), assigneeId: f.requester.id })),
    ).toEqual([
      [{ path: 'assigneeId', code: 'cannotHandle', message: '此人已停用或无权处理工单' }],
      [{ path: 'assigneeId', code: 'cannotHandle', message: 'This person is inactive or cannot handle tickets' }],
    ]);
    expect(
      await refusal(agent, 'POST', `${actions}/assign`, async () => ({
        version: await version(),
        teamId: f.teamB,
        assigneeId: f.engineerA.id,
      })),
    ).toEqual([
      [{ path: 'assigneeId', code: 'notInTeam', message: '此人不在所选支持组中' }],
      [{ path: 'assigneeId', code: 'notInTeam', message: 'This person is not a member of the chosen team' }],
    ]);

    // Nothing changed (every change moves the version), and no work was logged.
    const after = (await agent.get(`/api/tickets/${ticket.id}`)).json();
    expect(after).toMatchObject({ version: ticket.version, status: ticket.status });
    expect((await agent.get(`/api/tickets/${ticket.id}/work-logs`)).json().items).toEqual([]);
  });
});
