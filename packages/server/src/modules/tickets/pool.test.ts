import { afterAll, beforeAll, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { clearSlaCache } from '../sla/service.js';
import { type DeskFixture, serviceDesk } from './test-fixtures.js';

// A transaction must never wait for a second pool connection: with every connection held by a
// transaction waiting for another, the pool deadlocks (the reliability race campaign hung this way
// when the SLA settings were read through the root database inside the change's transaction).
let t: TestContext;
let f: DeskFixture;
beforeAll(async () => {
  t = await setupTestApp({ DATABASE_POOL_SIZE: '2' });
  f = await serviceDesk(t);
});
afterAll(() => t.close());

it('serves more concurrent submissions than it has connections, with the SLA settings not yet cached', async () => {
  const requester = await t.login(f.requester);
  clearSlaCache(t.platform.db);
  const results = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      requester.post('/api/tickets', { title: `连接池 ${i}`, catalogItemId: f.itemId, formValues: { symptom: 'slow' } }),
    ),
  );
  expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
});
