export * from './errors.js';
export * from './i18n/index.js';
export * from './numbering.js';
export * from './permissions.js';
export * from './roles.js';
export * from './schemas/index.js';
export * from './timeline.js';
