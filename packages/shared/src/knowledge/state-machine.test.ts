import { describe, expect, it } from 'vitest';
import type { Permission } from '../permissions.js';
import { allowedActions, decide } from '../state-machine.js';
import { type KnowledgeFacts, knowledgeMachine, needsComment } from './state-machine.js';

const me = (userId: number, ...permissions: Permission[]) => ({ userId, permissions: new Set(permissions), teamIds: new Set<number>() });
const version = (over: Partial<KnowledgeFacts> = {}): KnowledgeFacts => ({
  status: 'submitted',
  authorId: 1,
  ownerId: 1,
  reviewerIds: [],
  ...over,
});

describe('knowledge state machine', () => {
  it('lets the author submit a draft or a rejected version, and withdraw it', () => {
    expect(allowedActions(knowledgeMachine, version({ status: 'draft' }), me(1, 'knowledge.write'))).toEqual(['submit', 'discard']);
    expect(decide(knowledgeMachine, version({ status: 'rejected' }), 'submit', me(1), {})).toEqual({ ok: true, to: 'submitted' });
    expect(decide(knowledgeMachine, version(), 'withdraw', me(1), {})).toEqual({ ok: true, to: 'draft' });
    expect(decide(knowledgeMachine, version({ status: 'draft' }), 'submit', me(2, 'knowledge.write'), {})).toEqual({
      ok: false,
      code: 'forbidden',
    });
  });

  it('lets review only category reviewers, knowledge.review holders when none are named, and managers', () => {
    expect(decide(knowledgeMachine, version(), 'approve', me(2, 'knowledge.review'), {})).toEqual({ ok: true, to: 'published' });
    expect(decide(knowledgeMachine, version({ reviewerIds: [3] }), 'approve', me(2, 'knowledge.review'), {}).ok).toBe(false);
    expect(decide(knowledgeMachine, version({ reviewerIds: [3] }), 'approve', me(3), {})).toEqual({ ok: true, to: 'published' });
    expect(decide(knowledgeMachine, version({ reviewerIds: [3] }), 'approve', me(4, 'knowledge.manage'), {}).ok).toBe(true);
    expect(decide(knowledgeMachine, version(), 'approve', me(2, 'knowledge.write'), {})).toEqual({ ok: false, code: 'forbidden' });
  });

  it('never lets anyone approve or reject what they wrote or own', () => {
    expect(decide(knowledgeMachine, version({ authorId: 5 }), 'approve', me(5, 'knowledge.manage', 'knowledge.review'), {})).toEqual({
      ok: false,
      code: 'forbidden',
    });
    expect(decide(knowledgeMachine, version({ authorId: 6, ownerId: 5 }), 'reject', me(5, 'knowledge.review'), { comment: 'x' }).ok).toBe(
      false,
    );
    expect(allowedActions(knowledgeMachine, version({ authorId: 5 }), me(5, 'knowledge.review'))).toEqual(['withdraw']);
  });

  it('needs a comment to reject', () => {
    expect(needsComment(version(), { comment: '  ' })).toBe('reasonRequired');
    expect(needsComment(version(), { comment: '缺少截图' })).toBeNull();
    expect(decide(knowledgeMachine, version(), 'reject', me(2, 'knowledge.review'), {})).toEqual({ ok: false, code: 'reasonRequired' });
    expect(decide(knowledgeMachine, version(), 'reject', me(2, 'knowledge.review'), { comment: '缺少截图' })).toEqual({
      ok: true,
      to: 'rejected',
    });
  });

  it('archives a published version (owner or manager) and only managers publish it again', () => {
    const published = version({ status: 'published' });
    expect(decide(knowledgeMachine, published, 'archive', me(1), {})).toEqual({ ok: true, to: 'archived' });
    expect(decide(knowledgeMachine, published, 'archive', me(2, 'knowledge.write'), {}).ok).toBe(false);
    expect(decide(knowledgeMachine, version({ status: 'archived' }), 'unarchive', me(1), {}).ok).toBe(false);
    expect(decide(knowledgeMachine, version({ status: 'archived' }), 'unarchive', me(2, 'knowledge.manage'), {}).ok).toBe(true);
    expect(decide(knowledgeMachine, published, 'submit', me(1), {})).toEqual({ ok: false, code: 'invalidTransition' });
  });
});
