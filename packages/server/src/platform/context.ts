import type { DataScope, Locale, MachineActor, Permission } from '@shuyun/shared';

/** Who is acting, resolved once per request. Services receive it instead of the request. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  departmentId: number | null;
  locale: Locale;
  /** Widest scope per held permission. */
  permissions: Map<Permission, DataScope>;
  roleKeys: string[];
  /** The support teams the person belongs to, as of this request. */
  teamIds: number[];
  via: 'session' | 'token';
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** The actor plus where the request came from; what audit entries record. */
export interface ActionContext extends RequestMeta {
  actor: Actor | null;
}

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  return !!actor?.permissions.has(permission);
}

/** The actor as the shared state machines see it (who they are, what they hold, their teams). */
export function machineActor(actor: Actor): MachineActor {
  return { userId: actor.userId, permissions: new Set(actor.permissions.keys()), teamIds: new Set(actor.teamIds) };
}
