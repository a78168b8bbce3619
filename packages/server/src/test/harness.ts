import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BuiltinRoleKey, DataScope } from '@shuyun/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { buildApp, type RouteInfo } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import type { DB } from '../db/schema.js';
import { hashPassword } from '../platform/auth/password.js';
import { type RunningPlatform, startPlatform } from '../platform/platform.js';
import { TEMPLATE_DB, withDatabase } from './global-setup.js';

export const TEST_PASSWORD = 'Test@Pass1';
let passwordHash: Promise<string> | undefined;

/** A fresh database cloned from the migrated template; returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const name = `shuyun_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  try {
    // CREATE DATABASE … TEMPLATE needs the template to have no other connections; retry briefly if another file is cloning.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
        break;
      } catch (error) {
        if (attempt > 50 || !String((error as Error).message).includes('being accessed')) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await admin.end();
  }
  return withDatabase(adminUrl, name);
}

export interface TestUser {
  id: number;
  username: string;
  password: string;
}

export interface TestContext {
  app: FastifyInstance & { routeTable: RouteInfo[] };
  platform: RunningPlatform;
  config: Config;
  databaseUrl: string;
  close(): Promise<void>;
  /** Makes a user with the given built-in roles (and optional department / scope override) in one line. */
  createUser(options?: {
    roles?: BuiltinRoleKey[];
    scope?: DataScope;
    departmentId?: number | null;
    username?: string;
    active?: boolean;
  }): Promise<TestUser>;
  createDepartment(name: string, parentId?: number | null): Promise<number>;
  createTeam(name: string, memberIds: number[], leadId?: number): Promise<number>;
  /** How many rows a table holds now (to show that a refused request changed nothing). */
  countRows(table: keyof DB & string): Promise<number>;
  /** Signs in through the API and returns a client that sends the session cookie and CSRF token. */
  login(user: TestUser | { username: string; password: string }): Promise<ApiClient>;
  /** A client with no session at all. */
  anonymous(): ApiClient;
}

export interface ApiClient {
  cookie: string | null;
  csrf: string | null;
  request(
    method: string,
    url: string,
    options?: { body?: unknown; headers?: Record<string, string>; csrf?: boolean; payload?: string | Buffer },
  ): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

/**
 * The real app on a real PostgreSQL database of its own, with job workers (unless `workers: false`,
 * for tests that must see only the writes of their own requests) and realtime running.
 */
export async function setupTestApp(overrides: Record<string, string> = {}, options: { workers?: boolean } = {}): Promise<TestContext> {
  const databaseUrl = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shuyun-test-data-'));
  // Tests sign in far more often than people do; the rate-limit test sets its own limit.
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    LOGIN_RATE_PER_MINUTE: '10000',
    ...overrides,
  });
  const platform = await startPlatform(config, databaseUrl, pino({ level: 'silent' }), { workers: options.workers ?? true });
  const app = await buildApp(platform, { webDist: null });
  await app.ready();
  const { db } = platform;
  let counter = 0;

  const client = (cookie: string | null, csrf: string | null): ApiClient => {
    const api: ApiClient = {
      cookie,
      csrf,
      async request(method, url, options = {}) {
        const headers: Record<string, string> = { 'accept-language': 'zh-CN', ...(options.headers ?? {}) };
        if (api.cookie) headers.cookie = `shuyun_sid=${api.cookie}`;
        if (api.csrf && options.csrf !== false && method !== 'GET') headers['x-csrf-token'] = api.csrf;
        return app.inject({
          method: method as 'GET',
          url,
          headers,
          ...(options.payload !== undefined
            ? { payload: options.payload }
            : options.body !== undefined
              ? { payload: options.body as object }
              : {}),
        });
      },
      get: (url, headers) => api.request('GET', url, { headers }),
      post: (url, body) => api.request('POST', url, { body: body ?? {} }),
      patch: (url, body) => api.request('PATCH', url, { body }),
      put: (url, body) => api.request('PUT', url, { body }),
      delete: (url) => api.request('DELETE', url),
    };
    return api;
  };

  const ctx: TestContext = {
    app,
    platform,
    config,
    databaseUrl,
    async close() {
      await app.close();
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async createUser(options = {}) {
      counter++;
      const username = options.username ?? `user${counter}_${randomBytes(3).toString('hex')}`;
      passwordHash ??= hashPassword(TEST_PASSWORD);
      const { id } = await db
        .insertInto('users')
        .values({
          username,
          display_name: `测试用户${counter}`,
          email: `${username}@example.com`,
          department_id: options.departmentId ?? null,
          password_hash: await passwordHash,
          active: options.active ?? true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const key of options.roles ?? ['requester']) {
        const role = await db.selectFrom('roles').select('id').where('key', '=', key).executeTakeFirstOrThrow();
        await db
          .insertInto('user_roles')
          .values({ user_id: id, role_id: role.id, scope: options.scope ?? null })
          .execute();
      }
      return { id, username, password: TEST_PASSWORD };
    },
    async countRows(table) {
      const { n } = await db
        .selectFrom(table as 'users')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(n);
    },
    async createDepartment(name, parentId = null) {
      counter++;
      const parentPath = parentId
        ? (await db.selectFrom('departments').select('path').where('id', '=', parentId).executeTakeFirstOrThrow()).path
        : '/';
      const { id } = await db
        .insertInto('departments')
        .values({ name, code: `D${counter}${randomBytes(2).toString('hex')}`, parent_id: parentId, path: parentPath })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('departments')
        .set({ path: `${parentPath}${id}/` })
        .where('id', '=', id)
        .execute();
      return id;
    },
    async createTeam(name, memberIds, leadId) {
      counter++;
      const { id } = await db
        .insertInto('teams')
        .values({ name, code: `T${counter}${randomBytes(2).toString('hex')}`, lead_id: leadId ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (memberIds.length)
        await db
          .insertInto('team_members')
          .values(memberIds.map((user_id) => ({ team_id: id, user_id })))
          .execute();
      return id;
    },
    async login(user) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: user.password },
      });
      if (res.statusCode !== 200) throw new Error(`login failed for ${user.username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'shuyun_sid')?.value ?? null;
      return client(cookie, res.json().csrfToken);
    },
    anonymous: () => client(null, null),
  };
  return ctx;
}
