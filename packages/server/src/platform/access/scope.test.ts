import type { DataScope, Permission } from '@shuyun/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import type { Actor } from '../context.js';
import { type ScopeColumns, scopeFilter, scopeOf } from './scope.js';

let t: TestContext;

// The org chart: HQ ▸ IT ▸ Network, and Sales beside HQ. `lookalike` has an id that starts with IT's
// id (e.g. 1 and 10), so a path prefix match done carelessly would take it for IT's child.
const dept = { hq: 0, it: 0, network: 0, sales: 0, lookalike: 0 };
const user = { me: 0, colleague: 0, networker: 0, seller: 0, teammate: 0, stranger: 0 };
let myTeam = 0;

const PERMISSION: Permission = 'org.user.read';

function actor(scope: DataScope | null, overrides: Partial<Actor> = {}): Actor {
  return {
    userId: user.me,
    username: 'me',
    displayName: '我',
    departmentId: dept.it,
    locale: 'zh-CN',
    permissions: new Map(scope ? [[PERMISSION, scope]] : []),
    roleKeys: [],
    teamIds: [myTeam],
    via: 'session',
    ...overrides,
  };
}

/** Probe records (like tickets) and who or what they belong to. */
const records: Record<
  string,
  { requester?: keyof typeof user; assignee?: keyof typeof user; department?: keyof typeof dept; team?: 'mine' }
> = {
  mineAsRequester: { requester: 'me' },
  mineAsAssignee: { requester: 'stranger', assignee: 'me' },
  colleagueInMyDepartment: { requester: 'colleague', department: 'it' },
  inSubDepartment: { requester: 'networker', department: 'network' },
  inParentDepartment: { requester: 'stranger', department: 'hq' },
  inOtherDepartment: { requester: 'seller', department: 'sales' },
  inLookalikeDepartment: { requester: 'stranger', department: 'lookalike' },
  myTeamsQueue: { requester: 'stranger', team: 'mine' },
  teammatesRecord: { requester: 'teammate', department: 'sales' },
  nobodys: {},
};

async function visible(
  who: Actor,
  columns: ScopeColumns = { users: ['r.requester_id', 'r.assignee_id'], department: 'r.department_id', team: 'r.team_id' },
) {
  const rows = await t.platform.db
    .selectFrom('scope_probe as r' as never)
    .select(sql<string>`r.label`.as('label'))
    .where(scopeFilter(who, PERMISSION, columns) as never)
    .execute();
  return rows.map((r) => r.label).sort();
}

const all = Object.keys(records).sort();

beforeAll(async () => {
  t = await setupTestApp();
  dept.hq = await t.createDepartment('总部');
  dept.it = await t.createDepartment('信息部', dept.hq);
  dept.network = await t.createDepartment('网络组', dept.it);
  dept.sales = await t.createDepartment('销售部');
  for (;;) {
    const id = await t.createDepartment(`填充${Math.random()}`);
    if (String(id).startsWith(String(dept.it)) && id !== dept.it) {
      dept.lookalike = id;
      break;
    }
  }
  user.me = (await t.createUser({ departmentId: dept.it })).id;
  user.colleague = (await t.createUser({ departmentId: dept.it })).id;
  user.networker = (await t.createUser({ departmentId: dept.network })).id;
  user.seller = (await t.createUser({ departmentId: dept.sales })).id;
  user.teammate = (await t.createUser({ departmentId: dept.sales })).id;
  user.stranger = (await t.createUser({ departmentId: dept.hq })).id;
  myTeam = await t.createTeam('桌面支持组', [user.me, user.teammate]);
  await t.createTeam('其他组', [user.stranger, user.seller]);

  await sql`CREATE TABLE scope_probe (label text PRIMARY KEY, requester_id bigint, assignee_id bigint, department_id bigint, team_id bigint)`.execute(
    t.platform.db,
  );
  for (const [label, r] of Object.entries(records)) {
    await sql`INSERT INTO scope_probe VALUES (${label}, ${r.requester ? user[r.requester] : null}, ${r.assignee ? user[r.assignee] : null},
      ${r.department ? dept[r.department] : null}, ${r.team ? myTeam : null})`.execute(t.platform.db);
  }
});
afterAll(() => t.close());

describe('the scope filter', () => {
  it('own: only records where the caller is one of the people', async () => {
    expect(await visible(actor('own'))).toEqual(['mineAsAssignee', 'mineAsRequester']);
  });

  it('team: own, the team’s queue, and records of teammates', async () => {
    expect(await visible(actor('team'))).toEqual(['mineAsAssignee', 'mineAsRequester', 'myTeamsQueue', 'teammatesRecord']);
  });

  it('department: own, the caller’s department and every department below it', async () => {
    expect(await visible(actor('department'))).toEqual(['colleagueInMyDepartment', 'inSubDepartment', 'mineAsAssignee', 'mineAsRequester']);
  });

  it('department: reaches further down as the tree grows', async () => {
    const deeper = await t.createDepartment('机房', dept.network);
    await sql`INSERT INTO scope_probe (label, department_id) VALUES ('deepDown', ${deeper})`.execute(t.platform.db);
    try {
      expect(await visible(actor('department'))).toContain('deepDown');
      expect(await visible(actor('department', { departmentId: dept.sales, userId: user.seller }))).not.toContain('deepDown');
    } finally {
      await sql`DELETE FROM scope_probe WHERE label = 'deepDown'`.execute(t.platform.db);
    }
  });

  it('department: a caller with no department sees only their own', async () => {
    expect(await visible(actor('department', { departmentId: null }))).toEqual(['mineAsAssignee', 'mineAsRequester']);
  });

  it('department: a department whose path was never set widens nothing', async () => {
    const orphan = await t.createDepartment('未挂接');
    await t.platform.db.updateTable('departments').set({ path: '/' }).where('id', '=', orphan).execute();
    await sql`INSERT INTO scope_probe (label, department_id) VALUES ('inOrphan', ${orphan})`.execute(t.platform.db);
    try {
      expect(await visible(actor('department', { departmentId: orphan, userId: user.stranger }))).toEqual([
        'inLookalikeDepartment',
        'inOrphan',
        'inParentDepartment',
        'mineAsAssignee',
        'myTeamsQueue',
      ]);
    } finally {
      await sql`DELETE FROM scope_probe WHERE label = 'inOrphan'`.execute(t.platform.db);
    }
  });

  it('all: everything', async () => {
    expect(await visible(actor('all'))).toEqual(all);
  });

  it('without the permission: nothing, not even the caller’s own records', async () => {
    expect(await visible(actor(null))).toEqual([]);
    const otherPermission = actor(null, { permissions: new Map([['audit.read', 'all']]) });
    expect(await visible(otherPermission)).toEqual([]);
  });

  it('applies only the columns a table has', async () => {
    expect(await visible(actor('department'), { users: ['r.requester_id'] })).toEqual(['mineAsRequester']);
    expect(await visible(actor('team'), { team: 'r.team_id' })).toEqual(['myTeamsQueue']);
    expect(await visible(actor('own'), {})).toEqual([]);
  });

  it('reports the scope held for a permission', () => {
    expect(scopeOf(actor('team'), PERMISSION)).toBe('team');
    expect(scopeOf(actor(null), PERMISSION)).toBeNull();
  });
});
