import type { Database } from '../../db/database.js';
import type { Actor } from '../context.js';

/**
 * How the platform's shared services (timeline, attachments, links) ask a module whether someone
 * may see one of its records. Each module registers its record types at start-up.
 */
export interface RecordAccess {
  /** True when the record exists and is within the actor's scope. */
  canRead(db: Database, actor: Actor, id: number): Promise<boolean>;
  /** True when the actor may add to it (comment, attach). Defaults to canRead. */
  canWrite?(db: Database, actor: Actor, id: number): Promise<boolean>;
  /** True when the actor may see internal timeline entries and attachments. */
  canSeeInternal?(actor: Actor): boolean;
}

const registry = new Map<string, RecordAccess>();

export function registerRecordAccess(type: string, access: RecordAccess): void {
  registry.set(type, access);
}

export function recordAccess(type: string): RecordAccess | undefined {
  return registry.get(type);
}

export function registeredRecordTypes(): string[] {
  return [...registry.keys()];
}
