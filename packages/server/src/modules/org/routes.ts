import {
  Department,
  DepartmentBody,
  DepartmentUpdateBody,
  GrantBody,
  IdParams,
  ItSystem,
  Ok,
  page,
  Role,
  RoleBody,
  RoleUpdateBody,
  SystemBody,
  SystemUpdateBody,
  Team,
  TeamBody,
  TeamUpdateBody,
  User,
  UserBody,
  UserListQuery,
  UserUpdateBody,
} from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, ctxOf } from '../../platform/http/types.js';
import { resetPassword, setUserActive, unlockUser } from './accounts.js';
import { createDepartment, deleteDepartment, listDepartments, updateDepartment } from './departments.js';
import { createRole, grantRole, listRoles, revokeGrant, roleHolders, updateRole } from './grants.js';
import { importRoutes } from './import-routes.js';
import { createSystem, listSystems, updateSystem } from './systems.js';
import { createTeam, listTeams, updateTeam } from './teams.js';
import { createUser, getUser, listUsers, updateUser, userOptions } from './users.js';

const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export async function orgRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.platform;

  // Departments
  typed.get(
    '/api/departments',
    { config: { access: 'org.department.read' }, schema: { tags: ['org'], response: { 200: Items(Department) } } },
    async () => ({
      items: await listDepartments(db),
    }),
  );
  typed.post(
    '/api/departments',
    { config: { access: 'org.department.manage' }, schema: { tags: ['org'], body: DepartmentBody, response: { 201: Department } } },
    async (req, reply) => {
      const id = await db.transaction().execute((trx) => createDepartment(trx, ctxOf(req), req.body));
      return reply.code(201).send((await listDepartments(db)).find((d) => d.id === id) as Department);
    },
  );
  typed.patch(
    '/api/departments/:id',
    {
      config: { access: 'org.department.manage' },
      schema: { tags: ['org'], params: IdParams, body: DepartmentUpdateBody, response: { 200: Department } },
    },
    async (req) => {
      await updateDepartment(db, ctxOf(req), req.params.id, req.body);
      return (await listDepartments(db)).find((d) => d.id === req.params.id) as Department;
    },
  );
  typed.delete(
    '/api/departments/:id',
    { config: { access: 'org.department.manage' }, schema: { tags: ['org'], params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await deleteDepartment(db, ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  // Users
  typed.get(
    '/api/users',
    { config: { access: 'org.user.read' }, schema: { tags: ['org'], querystring: UserListQuery, response: { 200: page(User) } } },
    async (req) => listUsers(db, actorOf(req), req.query),
  );
  typed.get(
    '/api/users/options',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['org'],
        querystring: z.strictObject({ q: z.string().trim().max(64).optional() }),
        response: {
          200: Items(z.object({ id: z.number(), displayName: z.string(), username: z.string(), departmentName: z.string().nullable() })),
        },
      },
    },
    async (req) => ({ items: await userOptions(db, req.query.q) }),
  );
  typed.get(
    '/api/users/:id',
    { config: { access: 'org.user.read' }, schema: { tags: ['org'], params: IdParams, response: { 200: User } } },
    async (req) => getUser(db, actorOf(req), req.params.id),
  );
  typed.post(
    '/api/users',
    {
      config: { access: 'org.user.manage' },
      schema: { tags: ['org'], body: UserBody, response: { 201: z.object({ user: User, initialPassword: z.string().nullable() }) } },
    },
    async (req, reply) => {
      const { id, initialPassword } = await db.transaction().execute((trx) => createUser(trx, config, ctxOf(req), req.body));
      return reply.code(201).send({ user: await getUser(db, actorOf(req), id), initialPassword });
    },
  );
  typed.patch(
    '/api/users/:id',
    { config: { access: 'org.user.manage' }, schema: { tags: ['org'], params: IdParams, body: UserUpdateBody, response: { 200: User } } },
    async (req) => updateUser(db, ctxOf(req), req.params.id, req.body),
  );
  for (const action of ['deactivate', 'reactivate', 'unlock'] as const) {
    typed.post(
      `/api/users/:id/${action}`,
      { config: { access: 'account.manage' }, schema: { tags: ['org'], params: IdParams, response: { 200: User } } },
      async (req) =>
        action === 'unlock'
          ? unlockUser(db, ctxOf(req), req.params.id)
          : setUserActive(db, ctxOf(req), req.params.id, action === 'reactivate'),
    );
  }
  typed.post(
    '/api/users/:id/reset-password',
    {
      config: { access: 'account.manage' },
      schema: { tags: ['org'], params: IdParams, response: { 200: z.object({ password: z.string() }) } },
    },
    async (req) => ({ password: await resetPassword(db, config, ctxOf(req), req.params.id) }),
  );

  // Support teams
  typed.get('/api/teams', { config: { access: 'org.team.read' }, schema: { tags: ['org'], response: { 200: Items(Team) } } }, async () => ({
    items: await listTeams(db),
  }));
  typed.post(
    '/api/teams',
    { config: { access: 'org.team.manage' }, schema: { tags: ['org'], body: TeamBody, response: { 201: Team } } },
    async (req, reply) => {
      const id = await createTeam(db, ctxOf(req), req.body);
      return reply.code(201).send((await listTeams(db, id))[0] as z.infer<typeof Team>);
    },
  );
  typed.patch(
    '/api/teams/:id',
    {
      config: { access: 'org.team.manage' },
      schema: { tags: ['org'], params: IdParams, body: TeamUpdateBody.extend({ active: z.boolean().optional() }), response: { 200: Team } },
    },
    async (req) => {
      await updateTeam(db, ctxOf(req), req.params.id, req.body);
      return (await listTeams(db, req.params.id))[0] as z.infer<typeof Team>;
    },
  );

  // IT systems
  typed.get(
    '/api/systems',
    { config: { access: 'org.system.read' }, schema: { tags: ['org'], response: { 200: Items(ItSystem) } } },
    async () => ({ items: await listSystems(db) }),
  );
  typed.post(
    '/api/systems',
    { config: { access: 'org.system.manage' }, schema: { tags: ['org'], body: SystemBody, response: { 201: ItSystem } } },
    async (req, reply) => {
      const id = await createSystem(db, ctxOf(req), req.body);
      return reply.code(201).send((await listSystems(db, id))[0] as z.infer<typeof ItSystem>);
    },
  );
  typed.patch(
    '/api/systems/:id',
    {
      config: { access: 'org.system.manage' },
      schema: { tags: ['org'], params: IdParams, body: SystemUpdateBody, response: { 200: ItSystem } },
    },
    async (req) => {
      await updateSystem(db, ctxOf(req), req.params.id, req.body);
      return (await listSystems(db, req.params.id))[0] as z.infer<typeof ItSystem>;
    },
  );

  // Roles and grants
  typed.get('/api/roles', { config: { access: 'role.read' }, schema: { tags: ['roles'], response: { 200: Items(Role) } } }, async () => ({
    items: await listRoles(db),
  }));
  typed.post(
    '/api/roles',
    { config: { access: 'role.manage' }, schema: { tags: ['roles'], body: RoleBody, response: { 201: Role } } },
    async (req, reply) => {
      const id = await createRole(db, ctxOf(req), req.body);
      return reply.code(201).send((await listRoles(db)).find((r) => r.id === id) as z.infer<typeof Role>);
    },
  );
  typed.patch(
    '/api/roles/:id',
    { config: { access: 'role.manage' }, schema: { tags: ['roles'], params: IdParams, body: RoleUpdateBody, response: { 200: Role } } },
    async (req) => {
      await updateRole(db, ctxOf(req), req.params.id, req.body);
      return (await listRoles(db)).find((r) => r.id === req.params.id) as z.infer<typeof Role>;
    },
  );
  typed.get(
    '/api/roles/:id/holders',
    {
      config: { access: 'role.read' },
      schema: {
        tags: ['roles'],
        params: IdParams,
        response: {
          200: Items(
            z.object({
              grantId: z.number(),
              userId: z.number(),
              displayName: z.string(),
              username: z.string(),
              departmentName: z.string().nullable(),
              scope: z.string().nullable(),
              active: z.boolean(),
            }),
          ),
        },
      },
    },
    async (req) => ({ items: await roleHolders(db, req.params.id) }),
  );
  typed.post(
    '/api/grants',
    { config: { access: 'role.grant' }, schema: { tags: ['roles'], body: GrantBody, response: { 200: Ok } } },
    async (req) => {
      await grantRole(db, ctxOf(req), req.body);
      return { ok: true as const };
    },
  );
  typed.delete(
    '/api/grants/:id',
    { config: { access: 'role.grant' }, schema: { tags: ['roles'], params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await revokeGrant(db, ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  await app.register(importRoutes);
}
