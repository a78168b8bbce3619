import { byPermission, byRelation, type Machine, type MachineActor } from '../state-machine.js';

/**
 * One version of an article moves 草稿 → 待审核 → 已发布 / 已驳回 → (修改后) 再次提交…; a newer
 * published version supersedes the older one, and a published version can be archived and restored.
 */
export const KNOWLEDGE_VERSION_STATUSES = ['draft', 'submitted', 'rejected', 'published', 'superseded', 'archived', 'discarded'] as const;
export type KnowledgeVersionStatus = (typeof KNOWLEDGE_VERSION_STATUSES)[number];

/** A version still being worked on: an article has at most one. */
export const WORKING_STATUSES: readonly KnowledgeVersionStatus[] = ['draft', 'submitted', 'rejected'];
/** A working version its author may still edit. */
export const EDITABLE_STATUSES: readonly KnowledgeVersionStatus[] = ['draft', 'rejected'];

/** The article as a whole: never published yet, live, archived, or a draft thrown away before publishing. */
export const KNOWLEDGE_ARTICLE_STATUSES = ['draft', 'published', 'archived', 'discarded'] as const;
export type KnowledgeArticleStatus = (typeof KNOWLEDGE_ARTICLE_STATUSES)[number];

export const KNOWLEDGE_TYPES = ['how_to', 'known_error', 'faq'] as const;
export type KnowledgeType = (typeof KNOWLEDGE_TYPES)[number];

export const KNOWLEDGE_AUDIENCES = ['everyone', 'it_staff'] as const;
export type KnowledgeAudience = (typeof KNOWLEDGE_AUDIENCES)[number];

export const KNOWLEDGE_ACTIONS = ['submit', 'withdraw', 'approve', 'reject', 'discard', 'archive', 'unarchive'] as const;
export type KnowledgeAction = (typeof KNOWLEDGE_ACTIONS)[number];

/** What the rules look at: the version, who wrote it, who owns the article, who reviews its category. */
export interface KnowledgeFacts {
  status: KnowledgeVersionStatus;
  authorId: number;
  ownerId: number;
  /** The category's reviewers; empty means any holder of knowledge.review. */
  reviewerIds: readonly number[];
}

export interface KnowledgeActionInput {
  comment?: string | null;
}

const author = byRelation<KnowledgeFacts>('author', (v, me) => v.authorId === me.userId);
const owner = byRelation<KnowledgeFacts>('owner', (v, me) => v.ownerId === me.userId);
const manager = byPermission('knowledge.manage');

/** True when `me` reviews this category: a named reviewer, or (no one named) a knowledge.review holder; managers always. */
export function isCategoryReviewer(v: Pick<KnowledgeFacts, 'reviewerIds'>, me: MachineActor): boolean {
  if (me.permissions.has('knowledge.manage')) return true;
  return v.reviewerIds.length ? v.reviewerIds.includes(me.userId) : me.permissions.has('knowledge.review');
}

/** A reviewer of the category who neither wrote this version nor owns the article: nobody approves their own work. */
export const reviewer = byRelation<KnowledgeFacts>(
  'reviewer',
  (v, me) => v.authorId !== me.userId && v.ownerId !== me.userId && isCategoryReviewer(v, me),
);

/** A rejection tells the author why. */
export const needsComment = (_v: KnowledgeFacts, input: KnowledgeActionInput) => (input.comment?.trim() ? null : 'reasonRequired');

export const knowledgeMachine: Machine<KnowledgeVersionStatus, KnowledgeAction, KnowledgeFacts, KnowledgeActionInput> = {
  transitions: [
    { action: 'submit', from: ['draft', 'rejected'], to: 'submitted', who: [author, owner] },
    { action: 'withdraw', from: ['submitted'], to: 'draft', who: [author, owner] },
    { action: 'approve', from: ['submitted'], to: 'published', who: [reviewer] },
    { action: 'reject', from: ['submitted'], to: 'rejected', who: [reviewer], guards: [needsComment] },
    { action: 'discard', from: ['draft', 'rejected'], to: 'discarded', who: [author, owner, manager] },
    { action: 'archive', from: ['published'], to: 'archived', who: [owner, manager] },
    { action: 'unarchive', from: ['archived'], to: 'published', who: [manager] },
  ],
};
