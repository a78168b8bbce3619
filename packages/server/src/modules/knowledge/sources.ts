import type { KnowledgeType } from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { ParsedQuery } from '../../platform/search/index.js';

/** A record as knowledge shows it: its number, title and page. */
export interface SourceRecord {
  type: string;
  id: number;
  number: string;
  title: string;
  /** Path in the PC web app, e.g. /tickets/12. */
  link: string;
}

/** What a record turns into when someone captures knowledge from it (plain text; the draft escapes it). */
export interface CapturedDraft {
  title: string;
  type: KnowledgeType;
  /** The problem as reported: 现象. */
  symptom: string;
  cause: string;
  /** What fixed it. */
  solution: string;
  workaround?: string;
  systemIds: number[];
  tags: string[];
}

/** A resolved record like the one in hand (for "similar past resolutions"). */
export interface SimilarRecord extends SourceRecord {
  status: string;
  solution: string | null;
  resolvedAt: string | null;
}

/**
 * How a module plugs into knowledge capture and application. Every method answers within the caller's
 * scope in that module: a record they may not read is not found (404).
 */
export interface KnowledgeSourceAdapter {
  /** The record as the caller may read it, turned into a pre-filled draft. */
  capture(db: Database, actor: Actor, recordId: number): Promise<{ record: SourceRecord; draft: CapturedDraft }>;
  /** The record an article is applied to; refuses (403) someone who may read but not work on it. */
  forApplication(db: Database, actor: Actor, recordId: number): Promise<SourceRecord>;
  /** Those of `ids` the caller may read. */
  describe(db: Database, actor: Actor, ids: number[]): Promise<SourceRecord[]>;
  /** The record's text to suggest articles for (title and problem), within the caller's scope. */
  problemText(db: Database, actor: Actor, recordId: number): Promise<{ record: SourceRecord; text: string; systemId: number | null }>;
  /** Resolved records similar to `query`, within the caller's scope, best first. */
  similarResolved?(db: Database, actor: Actor, query: ParsedQuery, options: { excludeId: number; limit: number }): Promise<SimilarRecord[]>;
}

const adapters = new Map<string, KnowledgeSourceAdapter>();

/** Lets a module's records become knowledge (capture) and have knowledge applied to them. Call at start-up. */
export function registerKnowledgeSource(recordType: string, adapter: KnowledgeSourceAdapter): void {
  adapters.set(recordType, adapter);
}

/** The adapter of a record type; an unknown type is a 400 naming recordType. */
export function knowledgeSource(recordType: string): KnowledgeSourceAdapter {
  const adapter = adapters.get(recordType);
  if (!adapter) throw new AppError('validation', {}, [{ path: 'recordType', code: 'unknown', message: 'i18n:validation.invalidValue' }]);
  return adapter;
}

export function knowledgeSourceTypes(): string[] {
  return [...adapters.keys()];
}
