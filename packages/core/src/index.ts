export * from './model/index.js';
export * from './otlp/index.js';
export * from './pricing/index.js';
export * from './search/index.js';
export * from './semconv/index.js';
export * from './stats/index.js';
export * from './time/index.js';
