import type { ErrorCode } from './errors.js';
import type { Permission } from './permissions.js';

/**
 * A declarative state machine: the server enforces it, the web uses it to show only the actions
 * the user may take. Who may act is a list of alternatives (any one suffices); guards are small pure
 * functions that return an error code when the action is not allowed right now.
 */
export interface Transition<S extends string, A extends string, R, X> {
  action: A;
  from: readonly S[];
  /** Target state, or a function of the record and input (e.g. submit → approval or pool). */
  to: S | ((record: R, input: X) => S);
  /** Any one of these lets the caller act. */
  who: readonly Actor<R>[];
  guards?: readonly Guard<R, X>[];
}

export type Actor<R> =
  | { role: 'permission'; permission: Permission }
  | { role: 'relation'; relation: string; test: (record: R, me: MachineActor) => boolean };

export interface MachineActor {
  userId: number;
  permissions: ReadonlySet<Permission>;
  teamIds: ReadonlySet<number>;
}

export type Guard<R, X> = (record: R, input: X) => ErrorCode | null;

export interface Machine<S extends string, A extends string, R extends { status: S }, X> {
  transitions: readonly Transition<S, A, R, X>[];
}

/** The actions `me` may take on `record` now (state and actor; input-dependent guards are not run). */
export function allowedActions<S extends string, A extends string, R extends { status: S }, X>(
  machine: Machine<S, A, R, X>,
  record: R,
  me: MachineActor,
): A[] {
  return machine.transitions.filter((t) => t.from.includes(record.status) && mayAct(t, record, me)).map((t) => t.action);
}

export type Decision<S> = { ok: true; to: S } | { ok: false; code: ErrorCode };

/** Decides one action: `forbidden` when the caller may not, `invalidTransition` from the wrong state, or a guard's code. */
export function decide<S extends string, A extends string, R extends { status: S }, X>(
  machine: Machine<S, A, R, X>,
  record: R,
  action: A,
  me: MachineActor,
  input: X,
): Decision<S> {
  const candidates = machine.transitions.filter((t) => t.action === action);
  const fromHere = candidates.filter((t) => t.from.includes(record.status));
  if (fromHere.length === 0) return { ok: false, code: 'invalidTransition' };
  const permitted = fromHere.find((t) => mayAct(t, record, me));
  if (!permitted) return { ok: false, code: 'forbidden' };
  for (const guard of permitted.guards ?? []) {
    const code = guard(record, input);
    if (code) return { ok: false, code };
  }
  return { ok: true, to: typeof permitted.to === 'function' ? permitted.to(record, input) : permitted.to };
}

function mayAct<S extends string, A extends string, R extends { status: S }, X>(
  t: Transition<S, A, R, X>,
  record: R,
  me: MachineActor,
): boolean {
  return t.who.some((w) => (w.role === 'permission' ? me.permissions.has(w.permission) : w.test(record, me)));
}

export const byPermission = (permission: Permission) => ({ role: 'permission', permission }) as const;
export function byRelation<R>(relation: string, test: (record: R, me: MachineActor) => boolean): Actor<R> {
  return { role: 'relation', relation, test };
}
