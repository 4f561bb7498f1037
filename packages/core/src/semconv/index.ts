export { CACHE_EXCLUSIVE_SOURCES, type CacheExclusiveSource } from './cache-exclusive-sources.js';
export { extractLlmFields, type LlmSpanInput } from './extract-llm-fields.js';
export { usdToNano } from './provided-cost.js';
export { normalizeProviderName } from './provider-names.js';
export { API_KEY_HASH_ATTRIBUTE } from './sextant-attributes.js';
