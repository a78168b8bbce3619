import type {
  CreatedToken as CreatedTokenSchema,
  Department as DepartmentSchema,
  ItSystem as ItSystemSchema,
  Me as MeSchema,
  Role as RoleSchema,
  Team as TeamSchema,
  TokenView as TokenViewSchema,
  User as UserSchema,
} from '@shuyun/shared';
import type { z } from 'zod';

// Response shapes, inferred from the shared zod schemas the server validates its answers with.
export type Me = z.infer<typeof MeSchema>;
export type Department = z.infer<typeof DepartmentSchema>;
export type User = z.infer<typeof UserSchema>;
export type Team = z.infer<typeof TeamSchema>;
export type ItSystem = z.infer<typeof ItSystemSchema>;
export type Role = z.infer<typeof RoleSchema>;
export type TokenView = z.infer<typeof TokenViewSchema>;
export type CreatedToken = z.infer<typeof CreatedTokenSchema>;

export interface Items<T> {
  items: T[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TodoItem {
  key: string;
  count: number;
  link: string;
}

export interface UserOption {
  id: number;
  displayName: string;
  username: string;
  departmentName: string | null;
}

export interface RoleHolder {
  grantId: number;
  userId: number;
  displayName: string;
  username: string;
  departmentName: string | null;
  scope: Role['scope'] | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  userAgent: string | null;
  action: string;
  objectType: string;
  objectId: string | number | null;
  objectLabel: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
}

export interface TimelineEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  internal: boolean;
  event: { kind: string } & Record<string, unknown>;
}

export interface Attachment {
  id: number;
  name: string;
  mime: string;
  size: number;
  hasThumbnail: boolean;
  uploadedBy: number;
  createdAt: string;
}

export interface CreatedUser {
  user: User;
  initialPassword: string | null;
}

export interface ImportResult {
  departments: number;
  users: number;
  /** Passwords generated for imported users whose row had none; shown once. */
  credentials: { username: string; password: string }[];
}

export interface Ok {
  ok: true;
}
