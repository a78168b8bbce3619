import { randomBytes } from 'node:crypto';
import type { BuiltinRoleKey } from '@shuyun/shared';
import pg from 'pg';
import { hashPassword } from '../platform/auth/password.js';
import { HttpClient } from './http-client.js';

export const PASSWORD = 'Test@Pass1';

export interface Person {
  id: number;
  username: string;
}

export interface Desk {
  admin: Person;
  manager: Person;
  requester: Person;
  /** Members of the team; the first is its lead. */
  engineers: Person[];
  teamId: number;
  itemId: number;
}

/** Makes people straight in the database (as the test harness does): one password hash for all. */
export async function createPeople(databaseUrl: string, specs: { prefix: string; roles: BuiltinRoleKey[]; count: number }[]) {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  const hash = await hashPassword(PASSWORD);
  const out: Person[][] = [];
  try {
    for (const spec of specs) {
      const people: Person[] = [];
      for (let i = 0; i < spec.count; i++) {
        const username = `${spec.prefix}${i}_${randomBytes(2).toString('hex')}`;
        const { rows } = await client.query<{ id: string }>(
          `INSERT INTO users (username, display_name, email, password_hash, active) VALUES ($1, $2, $3, $4, true) RETURNING id`,
          [username, `${spec.prefix}${i}`, `${username}@example.com`, hash],
        );
        const id = Number(rows[0]?.id);
        for (const role of spec.roles) {
          await client.query(`INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE key = $2`, [id, role]);
        }
        people.push({ id, username });
      }
      out.push(people);
    }
  } finally {
    await client.end();
  }
  return out;
}

/**
 * A service desk on a running server: an administrator, an IT manager, a requester, a team of
 * engineers who may also submit for others (the first leads it) and a catalogue item routed to the team (made through the API).
 */
export async function seedDesk(databaseUrl: string, baseUrl: string, engineerCount: number): Promise<Desk> {
  const [admins, managers, requesters, engineers] = await createPeople(databaseUrl, [
    { prefix: 'admin', roles: ['system_admin'], count: 1 },
    { prefix: 'manager', roles: ['it_manager'], count: 1 },
    { prefix: 'requester', roles: ['requester'], count: 1 },
    { prefix: 'engineer', roles: ['engineer', 'service_desk'], count: engineerCount },
  ]);
  const [admin, manager, requester] = [admins?.[0], managers?.[0], requesters?.[0]] as [Person, Person, Person];
  const team = engineers as Person[];
  const client = new pg.Client(databaseUrl);
  await client.connect();
  let teamId: number;
  try {
    const { rows } = await client.query<{ id: string }>(`INSERT INTO teams (name, code, lead_id) VALUES ($1, $2, $3) RETURNING id`, [
      '桌面支持组',
      `DESK${randomBytes(2).toString('hex')}`,
      team[0]?.id,
    ]);
    teamId = Number(rows[0]?.id);
    for (const person of team) await client.query(`INSERT INTO team_members (team_id, user_id) VALUES ($1, $2)`, [teamId, person.id]);
  } finally {
    await client.end();
  }
  const api = await HttpClient.signIn(baseUrl, admin.username, PASSWORD);
  const category = await api.post('/api/catalog/admin/categories', {
    code: `C${teamId}`,
    name: { 'zh-CN': '电脑与外设', 'en-US': 'Computers' },
  });
  if (category.status !== 201) throw new Error(`category: ${category.body}`);
  const item = await api.post('/api/catalog/admin/items', {
    categoryId: category.json.id,
    code: `PC-${teamId}`,
    name: { 'zh-CN': '电脑故障报修', 'en-US': 'Computer repair' },
    defaultPriority: 'P3',
    defaultTeamId: teamId,
  });
  if (item.status !== 201) throw new Error(`item: ${item.body}`);
  return { admin, manager, requester, engineers: team, teamId, itemId: item.json.id };
}
