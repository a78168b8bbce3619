export * from './analytics.js';
export * from './auth.js';
export * from './catalog.js';
export * from './common.js';
export * from './knowledge.js';
export * from './org.js';
export * from './stocktake.js';
export * from './tickets.js';
