import type { TicketActionBody } from '@shuyun/shared';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { loadTicket } from './load.js';
import { performAction } from './perform-action.js';

export interface BulkResult {
  id: number;
  ok: boolean;
  code?: string;
}

/**
 * Assigns or closes many tickets: each one goes through the same rules as a single action (its own
 * transaction and version check), and the answer says per ticket what happened.
 */
export async function bulkAction(
  platform: Platform,
  ctx: ActionContext & { actor: Actor },
  input: { ids: number[]; action: 'assign' | 'close'; assigneeId?: number | null; teamId?: number | null },
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const id of [...new Set(input.ids)]) {
    try {
      const ticket = await loadTicket(platform.db, ctx.actor, id);
      const body: TicketActionBody = { version: ticket.version, assigneeId: input.assigneeId ?? null, teamId: input.teamId ?? null };
      await performAction(platform, ctx, id, input.action, body);
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, code: error.code });
    }
  }
  return results;
}
