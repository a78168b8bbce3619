import type { TestContext, TestUser } from '../../test/harness.js';

export interface DeskFixture {
  admin: TestUser;
  agent: TestUser;
  engineerA: TestUser;
  engineerA2: TestUser;
  engineerB: TestUser;
  requester: TestUser;
  otherRequester: TestUser;
  supervisor: TestUser;
  teamA: number;
  teamB: number;
  department: number;
  itemId: number;
  approvalItemId: number;
}

/**
 * A small service desk: two support teams, a dispatcher, engineers, a requester whose supervisor
 * approves, and two catalogue items (one needing approval) created through the catalogue's own API.
 */
export async function serviceDesk(t: TestContext): Promise<DeskFixture> {
  const department = await t.createDepartment('市场部');
  const otherDepartment = await t.createDepartment('财务部');
  const admin = await t.createUser({ roles: ['system_admin'] });
  const agent = await t.createUser({ roles: ['service_desk'] });
  const engineerA = await t.createUser({ roles: ['engineer'] });
  const engineerA2 = await t.createUser({ roles: ['engineer'] });
  const engineerB = await t.createUser({ roles: ['engineer'] });
  const supervisor = await t.createUser({ roles: ['supervisor'], departmentId: department });
  const requester = await t.createUser({ roles: ['requester'], departmentId: department });
  const otherRequester = await t.createUser({ roles: ['requester'], departmentId: otherDepartment });
  await t.platform.db.updateTable('users').set({ supervisor_id: supervisor.id }).where('id', '=', requester.id).execute();
  const teamA = await t.createTeam('桌面支持组', [engineerA.id, engineerA2.id], engineerA.id);
  const teamB = await t.createTeam('网络组', [engineerB.id], engineerB.id);

  const api = await t.login(admin);
  const category = await api.post('/api/catalog/admin/categories', {
    code: `C${teamA}`,
    name: { 'zh-CN': '电脑与外设', 'en-US': 'Computers' },
  });
  if (category.statusCode !== 201) throw new Error(`category: ${category.body}`);
  const item = await api.post('/api/catalog/admin/items', {
    categoryId: category.json().id,
    code: `PC-REPAIR-${teamA}`,
    name: { 'zh-CN': '电脑故障报修', 'en-US': 'Computer repair' },
    defaultPriority: 'P3',
    defaultTeamId: teamA,
    form: [
      {
        key: 'symptom',
        label: { 'zh-CN': '故障现象', 'en-US': 'Symptom' },
        type: 'select',
        required: true,
        options: [
          { value: 'no_power', label: { 'zh-CN': '无法开机', 'en-US': 'No power' } },
          { value: 'slow', label: { 'zh-CN': '运行缓慢', 'en-US': 'Slow' } },
        ],
      },
      { key: 'photo', label: { 'zh-CN': '照片', 'en-US': 'Photo' }, type: 'attachment' },
    ],
  });
  if (item.statusCode !== 201) throw new Error(`item: ${item.body}`);
  const approvalItem = await api.post('/api/catalog/admin/items', {
    categoryId: category.json().id,
    code: `PC-NEW-${teamA}`,
    name: { 'zh-CN': '新电脑申领', 'en-US': 'New computer' },
    defaultTeamId: teamA,
    approvalRequired: true,
    price: 6999,
  });
  if (approvalItem.statusCode !== 201) throw new Error(`approval item: ${approvalItem.body}`);
  return {
    admin,
    agent,
    engineerA,
    engineerA2,
    engineerB,
    requester,
    otherRequester,
    supervisor,
    teamA,
    teamB,
    department,
    itemId: item.json().id,
    approvalItemId: approvalItem.json().id,
  };
}

/** Polls until `check` passes or the deadline is reached (jobs run asynchronously). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw lastError;
}
