import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { type DeskFixture, serviceDesk } from '../tickets/test-fixtures.js';
import { type AssetWorld, assetWorld, registerAsset } from './test-fixtures.js';

let t: TestContext;
let w: AssetWorld;
let f: DeskFixture;

beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
  w = await assetWorld(t);
  f = await serviceDesk(t);
});
afterAll(() => t.close());

describe('tickets linked to an asset', () => {
  it('an asset admin links a ticket by number; the asset page lists it and both histories name the other', async () => {
    const requester = await t.login(f.requester);
    const ticket = (
      await requester.post('/api/tickets', { title: '笔记本无法开机', catalogItemId: f.itemId, formValues: { symptom: 'no_power' } })
    ).json();
    const a = await registerAsset(w.adminApi, w);
    const linked = await w.adminApi.post(`/api/assets/${a.id}/tickets`, { number: ticket.number.toLowerCase() });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().tickets).toEqual([{ id: ticket.id, number: ticket.number, title: '笔记本无法开机', status: ticket.status }]);
    const again = await w.adminApi.post(`/api/assets/${a.id}/tickets`, { number: ticket.number });
    expect(again.json().error.code).toBe('duplicate');
    const missing = await w.adminApi.post(`/api/assets/${a.id}/tickets`, { number: 'GD20000101-9999' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].path).toBe('number');
    const assetHistory = (await w.adminApi.get(`/api/timeline/asset/${a.id}`)).json().items.map((e: { event: unknown }) => e.event);
    expect(assetHistory.at(-1)).toEqual({ kind: 'linked', targetType: 'ticket', targetNumber: ticket.number });
    const ticketHistory = (await requester.get(`/api/timeline/ticket/${ticket.id}`)).json().items.map((e: { event: unknown }) => e.event);
    expect(ticketHistory).toContainEqual({ kind: 'linked', targetType: 'asset', targetNumber: a.tag });
    // A requester may not link, and the ticket's own links list is untouched by the asset link.
    expect((await requester.post(`/api/assets/${a.id}/tickets`, { number: ticket.number })).statusCode).toBe(403);
    const ticketLinks = await requester.get(`/api/tickets/${ticket.id}/links`);
    expect(ticketLinks.statusCode).toBe(200);
    expect(ticketLinks.json().items).toEqual([]);
  });
});
