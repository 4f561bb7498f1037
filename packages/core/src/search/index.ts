export * from './search-text.js';
export * from './text-query.js';
export * from './text-tokens.js';
