// Search helpers every module may use: Chinese-aware segmentation, tsvector / tsquery literals,
// trigram hints and highlighted snippets. See segment.ts for the segmentation strategy.
export { escapeHtml, highlight, snippet } from './highlight.js';
export { cjkBigrams, indexTerms, isCjk, type ParsedQuery, parseQuery, type QueryGroup, segment, wordSegments } from './segment.js';
export { buildTsquery, buildTsvector, containsPattern, matches, quoteLexeme, rank, type Weight, wantsTrigram } from './vector.js';
