import { z } from 'zod';
import { LOCALES } from '../i18n/index.js';
import { DATA_SCOPES, PERMISSIONS } from '../permissions.js';
import { Email, Id, Paging, Phone, text, Version } from './common.js';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const DepartmentBody = z.strictObject({
  name: text(1, 80),
  code: text(1, 40),
  parentId: Id.nullable().optional(),
  managerId: Id.nullable().optional(),
});
export const DepartmentUpdateBody = DepartmentBody.partial().extend({ version: Version });

export const Department = z.object({
  id: z.number(),
  name: z.string(),
  code: z.string(),
  parentId: z.number().nullable(),
  managerId: z.number().nullable(),
  managerName: z.string().nullable(),
  path: z.string(),
  userCount: z.number(),
  version: z.number(),
});
export type Department = z.infer<typeof Department>;

export const UserListQuery = Paging.extend({
  q: z.string().trim().max(100).optional(),
  departmentId: Id.optional(),
  teamId: Id.optional(),
  active: z.enum(['true', 'false']).optional(),
  locked: z.enum(['true', 'false']).optional(),
  role: z.string().max(64).optional(),
});

export const UserBody = z.strictObject({
  username: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[A-Za-z0-9._@-]+$/, { message: 'invalidValue' }),
  displayName: text(1, 64),
  employeeNo: optionalText(32),
  email: Email.nullable().optional(),
  phone: Phone.nullable().optional(),
  departmentId: Id.nullable().optional(),
  supervisorId: Id.nullable().optional(),
  title: optionalText(64),
  locale: z.enum(LOCALES).optional(),
  password: z.string().min(1).max(256).optional(),
});
export const UserUpdateBody = UserBody.omit({ username: true, password: true }).partial().extend({ version: Version });

export const User = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  employeeNo: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  supervisorId: z.number().nullable(),
  supervisorName: z.string().nullable(),
  title: z.string().nullable(),
  locale: z.enum(LOCALES),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(z.object({ grantId: z.number(), key: z.string(), scope: z.enum(DATA_SCOPES) })),
  version: z.number(),
});
export type User = z.infer<typeof User>;

export const TeamBody = z.strictObject({
  name: text(1, 80),
  code: text(1, 40),
  description: optionalText(500),
  leadId: Id.nullable().optional(),
  memberIds: z.array(Id).max(500).optional(),
});
export const TeamUpdateBody = TeamBody.partial().extend({ version: Version });
export const Team = z.object({
  id: z.number(),
  name: z.string(),
  code: z.string(),
  description: z.string().nullable(),
  leadId: z.number().nullable(),
  leadName: z.string().nullable(),
  members: z.array(z.object({ id: z.number(), displayName: z.string() })),
  active: z.boolean(),
  version: z.number(),
});

export const CRITICALITIES = ['high', 'medium', 'low'] as const;
export const SystemBody = z.strictObject({
  name: text(1, 80),
  code: text(1, 40),
  description: optionalText(1000),
  businessDomain: optionalText(80),
  ownerId: Id.nullable().optional(),
  analystId: Id.nullable().optional(),
  criticality: z.enum(CRITICALITIES).default('medium'),
  availabilityTarget: z.number().min(0).max(100).default(99.9),
});
export const SystemUpdateBody = SystemBody.partial().extend({ version: Version, active: z.boolean().optional() });
export const ItSystem = z.object({
  id: z.number(),
  name: z.string(),
  code: z.string(),
  description: z.string().nullable(),
  businessDomain: z.string().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  analystId: z.number().nullable(),
  analystName: z.string().nullable(),
  criticality: z.enum(CRITICALITIES),
  availabilityTarget: z.number(),
  active: z.boolean(),
  version: z.number(),
});

export const RoleBody = z.strictObject({
  key: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[a-z][a-z0-9_]*$/, { message: 'invalidValue' }),
  name: text(1, 64),
  scope: z.enum(DATA_SCOPES),
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
});
export const RoleUpdateBody = RoleBody.omit({ key: true }).partial().extend({ version: Version });
export const Role = z.object({
  id: z.number(),
  key: z.string(),
  name: z.string(),
  builtin: z.boolean(),
  scope: z.enum(DATA_SCOPES),
  permissions: z.array(z.enum(PERMISSIONS)),
  holderCount: z.number(),
  version: z.number(),
});

export const GrantBody = z.strictObject({
  userId: Id,
  roleId: Id,
  scope: z.enum(DATA_SCOPES).nullable().optional(),
});
