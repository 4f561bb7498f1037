export * from './duration.js';
export * from './rfc3339.js';
