import { registerRecordAccess } from '../../platform/access/records.js';
import { AppError } from '../../platform/errors.js';
import { loadTicket } from './load.js';

const visible = (promise: Promise<unknown>) =>
  promise.then(
    () => true,
    (error: unknown) => {
      if (error instanceof AppError && error.code === 'notFound') return false;
      throw error;
    },
  );

/** Lets the timeline, attachments and links serve tickets to whoever may see them. */
export function registerTicketRecords(): void {
  registerRecordAccess('ticket', {
    canRead: (db, actor, id) => visible(loadTicket(db, actor, id)),
    canWrite: async (db, actor, id) => {
      const ticket = await loadTicket(db, actor, id).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'notFound') return null;
        throw error;
      });
      return !!ticket && !['closed', 'cancelled', 'rejected'].includes(ticket.status);
    },
    canSeeInternal: (actor) => actor.permissions.has('ticket.internal'),
  });
}
