import { z } from 'zod';
import { LOCALES } from '../i18n/index.js';
import { DATA_SCOPES, PERMISSIONS } from '../permissions.js';
import { text } from './common.js';

export const LoginBody = z.strictObject({
  username: text(1, 64),
  password: z.string().min(1).max(256),
});

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const CreateTokenBody = z.strictObject({
  name: text(1, 80),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});

export const TokenView = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

export const CreatedToken = TokenView.extend({ token: z.string() });

export const Me = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  locale: z.enum(LOCALES),
  mustChangePassword: z.boolean(),
  roles: z.array(z.object({ key: z.string(), name: z.string(), scope: z.enum(DATA_SCOPES) })),
  permissions: z.array(z.enum(PERMISSIONS)),
  csrfToken: z.string().nullable(),
  idleTimeoutMinutes: z.number(),
});
export type Me = z.infer<typeof Me>;

export const UpdateProfileBody = z.strictObject({
  locale: z.enum(LOCALES).optional(),
  phone: z.string().trim().max(32).nullable().optional(),
});
