export * from './attributes.js';
export * from './limits.js';
export * from './llm.js';
export * from './log-record.js';
export * from './metric-point.js';
export * from './resource.js';
export * from './span.js';
export * from './trace-summary.js';
