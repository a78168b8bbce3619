import type {
  KnowledgeArticleDetail,
  KnowledgeCategoryList as KnowledgeCategoryListSchema,
  KnowledgeFeedbackResult as KnowledgeFeedbackResultSchema,
  KnowledgeHome as KnowledgeHomeSchema,
  KnowledgeRelated as KnowledgeRelatedSchema,
  KnowledgeSearchResult as KnowledgeSearchResultSchema,
  KnowledgeSuggestResult as KnowledgeSuggestResultSchema,
  KnowledgeVersionDetail,
} from '@shuyun/shared';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api-client';
import type { Page } from '../../app/api-types';
import { useAuth } from '../../app/auth';

export type KnowledgeSuggestion = z.infer<typeof KnowledgeSuggestResultSchema>['items'][number];
export type KnowledgeRelated = z.infer<typeof KnowledgeRelatedSchema>;
export type KnowledgeFeedback = z.infer<typeof KnowledgeFeedbackResultSchema>;
export type KnowledgeSearchResult = z.infer<typeof KnowledgeSearchResultSchema>;
export type KnowledgeSearchHit = KnowledgeSearchResult['items'][number];
export type KnowledgeCategory = z.infer<typeof KnowledgeCategoryListSchema>['items'][number];
export type KnowledgeHome = z.infer<typeof KnowledgeHomeSchema>;

// Everything here sits under the `knowledge` root, so whatever makes knowledge stale makes these stale too.
export const knowledgeDeskKeys = {
  root: ['knowledge'] as const,
  suggest: (q: string) => ['knowledge', 'suggest', q] as const,
  article: (id: number) => ['knowledge', 'article', id] as const,
  related: (recordType: string, recordId: number) => ['knowledge', 'related', recordType, recordId] as const,
  search: (params: SearchParams) => ['knowledge', 'search-pages', params] as const,
  home: ['knowledge', 'home'] as const,
  rejected: ['knowledge', 'mine', 'rejected-count'] as const,
};

/** Long enough to say something: a couple of Chinese characters or one short word. */
const MIN_QUERY = 2;
const MAX_QUERY = 500;

/** What a requester has typed, as one suggestion query (title first, then the description). */
export function suggestionQuery(...parts: (string | null | undefined)[]): string {
  return parts
    .map((part) => (part ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(' ')
    .slice(0, MAX_QUERY)
    .trim();
}

/** The top published articles for what is being typed (the server filters by audience). */
export function useKnowledgeSuggest(q: string, limit = 5) {
  const { can } = useAuth();
  const enabled = can('knowledge.read') && q.length >= MIN_QUERY;
  return useQuery({
    queryKey: knowledgeDeskKeys.suggest(q),
    queryFn: ({ signal }) => api<z.infer<typeof KnowledgeSuggestResultSchema>>('/api/knowledge/suggest', { query: { q, limit }, signal }),
    select: (data) => data.items,
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** One article as its reader sees it (reading counts a view on the server). */
export function useKnowledgeArticle(id: number | null) {
  return useQuery({
    queryKey: knowledgeDeskKeys.article(id ?? 0),
    queryFn: ({ signal }) => api<KnowledgeArticleDetail>(`/api/knowledge/articles/${id}`, { signal }),
    enabled: id !== null && Number.isInteger(id) && id > 0,
  });
}

/** Keeps the open article's counters and vote in step with a feedback answer. */
function useFeedbackUpdate() {
  const queryClient = useQueryClient();
  return (id: number, result: KnowledgeFeedback) => {
    queryClient.setQueryData<KnowledgeArticleDetail>(knowledgeDeskKeys.article(id), (old) =>
      old ? { ...old, stats: result.stats, myVote: result.myVote } : old,
    );
  };
}

/** "This solved my problem" while submitting a ticket: counted as a deflection. */
export function useDeflection() {
  const update = useFeedbackUpdate();
  return useMutation({
    mutationFn: ({ id, query, channel }: { id: number; query: string; channel: 'pc' | 'mobile' }) =>
      api<KnowledgeFeedback>(`/api/knowledge/articles/${id}/deflection`, {
        method: 'POST',
        body: { query: query.slice(0, MAX_QUERY) || undefined, channel },
      }),
    onSuccess: (result, { id }) => update(id, result),
  });
}

/** "Was this helpful": one vote per reader, changeable. */
export function useHelpfulVote() {
  const update = useFeedbackUpdate();
  return useMutation({
    mutationFn: ({ id, helpful }: { id: number; helpful: boolean }) =>
      api<KnowledgeFeedback>(`/api/knowledge/articles/${id}/helpful`, { method: 'POST', body: { helpful } }),
    onSuccess: (result, { id }) => update(id, result),
  });
}

/** Suggested articles, similar resolved records and linked articles for a record's page. */
export function useKnowledgeRelated(recordType: string, recordId: number, enabled: boolean) {
  return useQuery({
    queryKey: knowledgeDeskKeys.related(recordType, recordId),
    queryFn: ({ signal }) => api<KnowledgeRelated>('/api/knowledge/related', { query: { recordType, recordId }, signal }),
    enabled,
  });
}

/** 知识沉淀: a draft pre-filled from the record; answers the draft version (with its article id). */
export function useCaptureKnowledge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ recordType, recordId }: { recordType: string; recordId: number }) =>
      api<KnowledgeVersionDetail>('/api/knowledge/capture', { method: 'POST', body: { recordType, recordId } }),
    onSuccess: (_draft, { recordType, recordId }) => {
      void queryClient.invalidateQueries({ queryKey: knowledgeDeskKeys.related(recordType, recordId) });
      void queryClient.invalidateQueries({ queryKey: ['timeline', recordType, recordId] });
    },
  });
}

/** 知识应用: this article resolved the record. */
export function useApplyArticle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, recordType, recordId }: { id: number; recordType: string; recordId: number }) =>
      api<KnowledgeFeedback>(`/api/knowledge/articles/${id}/applications`, { method: 'POST', body: { recordType, recordId } }),
    onSuccess: (_result, { recordType, recordId }) => {
      void queryClient.invalidateQueries({ queryKey: knowledgeDeskKeys.related(recordType, recordId) });
      void queryClient.invalidateQueries({ queryKey: ['timeline', recordType, recordId] });
    },
  });
}

export interface SearchParams {
  q?: string;
  categoryId?: number;
}

/** Search results page by page (the phone appends them as the reader scrolls). */
export function useKnowledgeSearchPages(params: SearchParams, enabled = true) {
  return useInfiniteQuery({
    queryKey: knowledgeDeskKeys.search(params),
    queryFn: ({ pageParam, signal }) =>
      api<KnowledgeSearchResult>('/api/knowledge/search', {
        query: { q: params.q, categoryId: params.categoryId, sort: params.q ? 'relevance' : 'popular', page: pageParam, pageSize: 20 },
        signal,
      }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
    enabled,
  });
}

/** Knowledge home: categories with counts, popular and recent articles, the caller's to-do counts. */
export function useKnowledgeHome(enabled = true) {
  return useQuery({
    queryKey: knowledgeDeskKeys.home,
    queryFn: ({ signal }) => api<KnowledgeHome>('/api/knowledge/home', { signal }),
    enabled,
  });
}

/** How many of the caller's versions came back rejected (for knowledge writers). */
export function useMyRejectedCount(enabled: boolean) {
  return useQuery({
    queryKey: knowledgeDeskKeys.rejected,
    queryFn: ({ signal }) => api<Page<unknown>>('/api/knowledge/mine', { query: { status: 'rejected', page: 1, pageSize: 1 }, signal }),
    select: (data) => data.total,
    enabled,
  });
}
