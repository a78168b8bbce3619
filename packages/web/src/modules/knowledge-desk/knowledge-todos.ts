import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useKnowledgeHome, useMyRejectedCount } from './api';

export interface KnowledgeTodo {
  key: string;
  label: string;
  count: number;
  /** The PC knowledge page that lists them. */
  link: string;
}

/**
 * The knowledge to-dos on the home page: reviewers always see their review queue; writers see the
 * articles they own that are due for review and their rejected versions when there are any.
 */
export function useKnowledgeTodos(): KnowledgeTodo[] {
  const { t } = useTranslation();
  const { can } = useAuth();
  const reviewer = can('knowledge.review') || can('knowledge.manage');
  const writer = can('knowledge.write');
  const home = useKnowledgeHome(reviewer || writer);
  const rejected = useMyRejectedCount(writer);
  const counts = home.data?.counts;
  const items: KnowledgeTodo[] = [];
  if (counts && (reviewer || counts.reviewQueue > 0)) {
    items.push({
      key: 'knowledgeReview',
      label: t('knowledgeDesk.todos.reviewQueue'),
      count: counts.reviewQueue,
      link: '/knowledge/review',
    });
  }
  if (counts && writer && counts.needsReview > 0) {
    items.push({
      key: 'knowledgeNeedsReview',
      label: t('knowledgeDesk.todos.needsReview'),
      count: counts.needsReview,
      link: '/knowledge/needs-review',
    });
  }
  if (writer && (rejected.data ?? 0) > 0) {
    items.push({
      key: 'knowledgeRejected',
      label: t('knowledgeDesk.todos.rejected'),
      count: rejected.data ?? 0,
      link: '/knowledge/mine?status=rejected',
    });
  }
  return items;
}
