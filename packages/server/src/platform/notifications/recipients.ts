import { sql } from 'kysely';
import type { Database } from '../../db/database.js';

/** Of `userIds`, the active users holding `permission` through any of their roles. */
export async function usersHolding(db: Database, userIds: number[], permission: string): Promise<Set<number>> {
  if (!userIds.length) return new Set();
  const rows = await db
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .select('ur.user_id')
    .distinct()
    .where('ur.user_id', 'in', userIds)
    .where('u.active', '=', true)
    .where(sql<boolean>`${permission} = ANY(r.permissions)`)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

export interface Recipient {
  id: number;
  locale: string;
  email: string | null;
}

/** The active users among `userIds`, with what sending to them needs. */
export async function activeRecipients(db: Database, userIds: number[]): Promise<Recipient[]> {
  if (!userIds.length) return [];
  return db
    .selectFrom('users')
    .select(['id', 'locale', 'email'])
    .where('id', 'in', userIds)
    .where('active', '=', true)
    .orderBy('id')
    .execute();
}
