import type {
  ArticleSettingsBody,
  CreateArticleBody,
  KNOWLEDGE_SORTS,
  KnowledgeAction,
  KnowledgeArticleDetail,
  KnowledgeCard,
  KnowledgeCategoryBody,
  KnowledgeCategory as KnowledgeCategorySchema,
  KnowledgeCategoryUpdateBody,
  KnowledgeDiff as KnowledgeDiffSchema,
  KnowledgeFeedbackResult as KnowledgeFeedbackResultSchema,
  KnowledgeHome as KnowledgeHomeSchema,
  KnowledgeNeedsReviewItem as KnowledgeNeedsReviewItemSchema,
  KnowledgeQueueItem as KnowledgeQueueItemSchema,
  KnowledgeSearchHit,
  KnowledgeType,
  KnowledgeVersionDetail,
  KnowledgeVersionStatus,
  KnowledgeVersionSummary as KnowledgeVersionSummarySchema,
  SaveDraftBody,
} from '@shuyun/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api-client';
import type { Attachment, Items, Page } from '../../app/api-types';

/** The page size of the knowledge work lists (review queue, my submissions, needs review). */
export const LIST_PAGE_SIZE = 20;

// Response shapes, inferred from the shared schemas the server answers with.
export type KnowledgeCategory = z.infer<typeof KnowledgeCategorySchema>;
export type KnowledgeHome = z.infer<typeof KnowledgeHomeSchema>;
export type KnowledgeDiff = z.infer<typeof KnowledgeDiffSchema>;
export type KnowledgeVersionSummary = z.infer<typeof KnowledgeVersionSummarySchema>;
export type KnowledgeQueueItem = z.infer<typeof KnowledgeQueueItemSchema>;
export type KnowledgeNeedsReviewItem = z.infer<typeof KnowledgeNeedsReviewItemSchema>;
export type KnowledgeFeedbackResult = z.infer<typeof KnowledgeFeedbackResultSchema>;
export type KnowledgeSearchPage = Page<KnowledgeSearchHit> & { mode: 'all' | 'any' | 'browse' };
export type { KnowledgeArticleDetail, KnowledgeCard, KnowledgeSearchHit, KnowledgeType, KnowledgeVersionDetail };

/** The search's filters as the API takes them. */
export type SearchParams = {
  q?: string;
  categoryId?: number;
  type?: KnowledgeType;
  systemId?: number;
  tag?: string;
  sort?: (typeof KNOWLEDGE_SORTS)[number];
  page?: number;
  pageSize?: number;
};
export type CategoryInput = z.input<typeof KnowledgeCategoryBody>;
export type CategoryUpdate = z.input<typeof KnowledgeCategoryUpdateBody>;

export const KNOWLEDGE_KEY = ['knowledge'] as const;
export const knowledgeKeys = {
  all: KNOWLEDGE_KEY,
  home: [...KNOWLEDGE_KEY, 'home'] as const,
  categories: [...KNOWLEDGE_KEY, 'categories'] as const,
  search: (params: SearchParams) => [...KNOWLEDGE_KEY, 'search', params] as const,
  tags: (q: string) => [...KNOWLEDGE_KEY, 'tags', q] as const,
  article: (id: number) => [...KNOWLEDGE_KEY, 'article', id] as const,
  versions: (articleId: number) => [...KNOWLEDGE_KEY, 'versions', articleId] as const,
  version: (id: number) => [...KNOWLEDGE_KEY, 'version', id] as const,
  diff: (articleId: number, from: number, to: number) => [...KNOWLEDGE_KEY, 'diff', articleId, from, to] as const,
  reviewQueue: (page: number) => [...KNOWLEDGE_KEY, 'review-queue', page] as const,
  mine: (status: KnowledgeVersionStatus | undefined, page: number) => [...KNOWLEDGE_KEY, 'mine', status ?? 'all', page] as const,
  needsReview: (view: 'mine' | 'all', withinDays: number, page: number) =>
    [...KNOWLEDGE_KEY, 'needs-review', view, withinDays, page] as const,
};

const enabledId = (id: number | null | undefined): id is number => typeof id === 'number' && Number.isInteger(id) && id > 0;

// ---- reading

/** Categories with counts, popular and recent articles, and the caller's knowledge to-do counts. */
export function useKnowledgeHome() {
  return useQuery({ queryKey: knowledgeKeys.home, queryFn: () => api<KnowledgeHome>('/api/knowledge/home') });
}

export function useKnowledgeCategories() {
  return useQuery({
    queryKey: knowledgeKeys.categories,
    queryFn: () => api<Items<KnowledgeCategory>>('/api/knowledge/categories'),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

export function useKnowledgeSearch(params: SearchParams, enabled = true) {
  return useQuery({
    queryKey: knowledgeKeys.search(params),
    queryFn: ({ signal }) => api<KnowledgeSearchPage>('/api/knowledge/search', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Tags in use, most used first, optionally those starting with or containing `q`. */
export function useKnowledgeTags(q = '') {
  return useQuery({
    queryKey: knowledgeKeys.tags(q),
    queryFn: ({ signal }) => api<Items<{ tag: string; count: number }>>('/api/knowledge/tags', { query: { q, limit: 30 }, signal }),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

/** The article page (reading it counts a view, once per reader and day). */
export function useArticle(id: number | null) {
  return useQuery({
    queryKey: knowledgeKeys.article(id ?? 0),
    queryFn: () => api<KnowledgeArticleDetail>(`/api/knowledge/articles/${id}`),
    enabled: enabledId(id),
  });
}

export function useVersion(id: number | null | undefined) {
  return useQuery({
    queryKey: knowledgeKeys.version(id ?? 0),
    queryFn: () => api<KnowledgeVersionDetail>(`/api/knowledge/versions/${id}`),
    enabled: enabledId(id),
  });
}

export function useVersions(articleId: number, enabled = true) {
  return useQuery({
    queryKey: knowledgeKeys.versions(articleId),
    queryFn: () => api<Items<KnowledgeVersionSummary>>(`/api/knowledge/articles/${articleId}/versions`),
    select: (data) => data.items,
    enabled: enabled && enabledId(articleId),
  });
}

export function useDiff(articleId: number, from: number | null | undefined, to: number | null | undefined) {
  return useQuery({
    queryKey: knowledgeKeys.diff(articleId, from ?? 0, to ?? 0),
    queryFn: () => api<KnowledgeDiff>(`/api/knowledge/articles/${articleId}/diff`, { query: { from, to } }),
    enabled: enabledId(articleId) && enabledId(from) && enabledId(to) && from !== to,
  });
}

export function useReviewQueue(page: number) {
  return useQuery({
    queryKey: knowledgeKeys.reviewQueue(page),
    queryFn: () => api<Page<KnowledgeQueueItem>>('/api/knowledge/review-queue', { query: { page, pageSize: LIST_PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
}

export function useMySubmissions(status: KnowledgeVersionStatus | undefined, page: number) {
  return useQuery({
    queryKey: knowledgeKeys.mine(status, page),
    queryFn: () => api<Page<KnowledgeQueueItem>>('/api/knowledge/mine', { query: { status, page, pageSize: LIST_PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
}

export function useNeedsReview(view: 'mine' | 'all', withinDays: number, page: number) {
  return useQuery({
    queryKey: knowledgeKeys.needsReview(view, withinDays, page),
    queryFn: () =>
      api<Page<KnowledgeNeedsReviewItem>>('/api/knowledge/needs-review', { query: { view, withinDays, page, pageSize: LIST_PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
}

// ---- writing

/** Any knowledge change can move counts, lists and the article: refresh everything knowledge shows. */
function useInvalidateKnowledge() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: KNOWLEDGE_KEY });
}

export function useCreateArticle() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateArticleBody>) =>
      api<KnowledgeVersionDetail>('/api/knowledge/articles', { method: 'POST', body }),
    onSuccess: () => invalidate(),
  });
}

/** Saves a working version; `version` is the lock the editor loaded (a stale one is a 409, nothing saved). */
export function useSaveDraft() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: ({ id, ...body }: z.input<typeof SaveDraftBody> & { id: number }) =>
      api<KnowledgeVersionDetail>(`/api/knowledge/versions/${id}`, { method: 'PATCH', body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(knowledgeKeys.version(saved.id), saved);
      return invalidate();
    },
  });
}

export type VersionAction = Extract<KnowledgeAction, 'submit' | 'withdraw' | 'approve' | 'reject' | 'discard'>;

/** Submit, withdraw, approve, reject (comment required) or discard a version. */
export function useVersionAction() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: ({ id, action, version, comment }: { id: number; action: VersionAction; version: number; comment?: string | null }) =>
      api<KnowledgeVersionDetail>(`/api/knowledge/versions/${id}/actions/${action}`, { method: 'POST', body: { version, comment } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(knowledgeKeys.version(saved.id), saved);
      return invalidate();
    },
  });
}

/** Archive or restore an article (version-checked on the article). */
export function useArticleAction() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: ({ id, action, version }: { id: number; action: 'archive' | 'unarchive'; version: number }) =>
      api<KnowledgeArticleDetail>(`/api/knowledge/articles/${id}/actions/${action}`, { method: 'POST', body: { version } }),
    onSuccess: () => invalidate(),
  });
}

/** Starts a new working version from the published one, or (restore) from an older version. */
export function useStartVersion() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: ({ articleId, fromVersionId }: { articleId: number; fromVersionId?: number }) =>
      api<KnowledgeVersionDetail>(`/api/knowledge/articles/${articleId}/versions`, {
        method: 'POST',
        body: fromVersionId ? { fromVersionId } : {},
      }),
    onSuccess: () => invalidate(),
  });
}

export function useArticleSettings() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: ({ id, ...body }: z.input<typeof ArticleSettingsBody> & { id: number }) =>
      api<KnowledgeArticleDetail>(`/api/knowledge/articles/${id}`, { method: 'PATCH', body }),
    onSuccess: () => invalidate(),
  });
}

/** The owner confirms a published article is still right and sets the next review-by date. */
export function useConfirmReview() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: ({ id, version, reviewBy }: { id: number; version: number; reviewBy: string }) =>
      api<KnowledgeArticleDetail>(`/api/knowledge/articles/${id}/confirm-review`, { method: 'POST', body: { version, reviewBy } }),
    onSuccess: () => invalidate(),
  });
}

export function useHelpfulVote(articleId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (helpful: boolean) =>
      api<KnowledgeFeedbackResult>(`/api/knowledge/articles/${articleId}/helpful`, { method: 'POST', body: { helpful } }),
    onSuccess: (result) => {
      queryClient.setQueryData<KnowledgeArticleDetail>(knowledgeKeys.article(articleId), (old) =>
        old ? { ...old, stats: result.stats, myVote: result.myVote } : old,
      );
    },
  });
}

export function useSaveKnowledgeCategory() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: ({ id, ...body }: (CategoryInput & { id?: undefined }) | (CategoryUpdate & { id: number })) =>
      id
        ? api<KnowledgeCategory>(`/api/knowledge/categories/${id}`, { method: 'PATCH', body })
        : api<KnowledgeCategory>('/api/knowledge/categories', { method: 'POST', body }),
    onSuccess: () => invalidate(),
  });
}

/** Uploads a picture for an article body (held by the uploader until a saved version shows it). */
export function uploadKnowledgeImage(file: File): Promise<Attachment> {
  const body = new FormData();
  body.append('file', file);
  return api<Attachment>('/api/files', { method: 'POST', body });
}
