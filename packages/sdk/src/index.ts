export { type ConfigResolution, resolveConfig } from './config/resolve-config.js';
export {
  EXPORTERS,
  type ExporterName,
  OTLP_PROTOCOLS,
  type OtlpProtocol,
  type ResolvedConfig,
  type SdkConfig,
} from './config/sdk-config.js';
export { expressErrorTracing, expressTracing } from './http/express.js';
export { fastifyTracing } from './http/fastify.js';
export { type NodeHttpTracingOptions, type RequestListener, traceRequests } from './http/node-http.js';
export { tracedFetch } from './http/traced-fetch.js';
export {
  LLM_ATTRIBUTES,
  LLM_OPERATIONS,
  type LlmCallHandle,
  type LlmCallOptions,
  type LlmOperation,
  type LlmRequestParameters,
  type LlmResponse,
  startLlmCall,
  withLlmCall,
} from './llm/llm-call.js';
export type { ChatMessage, MessagePart } from './llm/messages.js';
export type { LlmUsage } from './llm/usage.js';
export { InMemoryCollector } from './local/in-memory-collector.js';
export { formatDuration, summarizeSpans } from './local/tree-summary.js';
export {
  CONSOLE_LEVELS,
  type ConsoleLevel,
  type ConsoleLike,
  correlateConsole,
} from './logs/correlate-console.js';
export { pinoMixin, type TraceLogFields, traceLogFields } from './logs/trace-log-fields.js';
export { type Clock, TestClock } from './setup/clock.js';
export { flush, init, shutdown } from './setup/init.js';
export { useClock } from './setup/sdk-state.js';
export {
  type BackendCall,
  type DbQuery,
  type ToolCall,
  withBackendCall,
  withDbQuery,
  withToolCall,
} from './spans/client-helpers.js';
export {
  addEvent,
  addMetadata,
  currentSpanId,
  currentSpanRef,
  currentTraceId,
  recordError,
} from './spans/current-span.js';
export { MARKER_ATTRIBUTES, markDeferredToolLoad, markModelRouting, markToolMount } from './spans/markers.js';
export type { SpanOptions } from './spans/open-span.js';
export {
  extractTraceContext,
  getBaggageEntry,
  type HeaderCarrier,
  injectTraceContext,
  withBaggage,
  withTraceContext,
} from './spans/propagation.js';
export type { SpanHandle, SpanRef } from './spans/span-handle.js';
export { type SextantSpanKind, SPAN_KINDS } from './spans/span-kinds.js';
export { startTimer, type Timer, timed } from './spans/user-timing.js';
export { startSpan, withSpan } from './spans/with-span.js';
