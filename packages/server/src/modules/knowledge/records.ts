import { registerRecordAccess } from '../../platform/access/records.js';
import { AppError } from '../../platform/errors.js';
import { loadArticleFor, mayEdit, seesItOnly } from './access.js';

const visible = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => value,
    (error: unknown) => {
      if (error instanceof AppError && error.code === 'notFound') return null;
      throw error;
    },
  );

/** Lets the timeline and attachments (article images) serve an article to whoever may see it. */
export function registerKnowledgeRecords(): void {
  registerRecordAccess('knowledge', {
    canRead: async (db, actor, id) => !!(await visible(loadArticleFor(db, actor, id))),
    canWrite: async (db, actor, id) => {
      const article = await visible(loadArticleFor(db, actor, id));
      return !!article && mayEdit(actor, article, null);
    },
    canSeeInternal: (actor) => seesItOnly(actor),
  });
}
