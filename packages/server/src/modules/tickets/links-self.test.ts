import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { serviceDesk } from './test-fixtures.js';

// Found by the bad-input fuzz: linking a ticket to itself answered a field error with an empty message.
let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp();
});
afterAll(() => t.close());

describe('linking a ticket to itself', () => {
  it('→ 400 naming targetId with a message in the reader’s language', async () => {
    const f = await serviceDesk(t);
    const requester = await t.login(f.requester);
    const ticket = (
      await requester.post('/api/tickets', { title: '自链接', catalogItemId: f.itemId, formValues: { symptom: 'slow' } })
    ).json();
    const agent = await t.login(f.agent);
    const res = await agent.post(`/api/tickets/${ticket.id}/links`, { targetType: 'ticket', targetId: ticket.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'targetId', code: 'self', message: '取值无效' }]);
  });
});
