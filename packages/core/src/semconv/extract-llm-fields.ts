import type { Attributes } from '../model/attributes.js';
import { emptyLlmFields, type LlmFields } from '../model/llm.js';
import type { Span } from '../model/span.js';
import { firstIdentifier, firstString, readString } from './attribute-values.js';
import { FlattenedLists } from './flattened-attributes.js';
import { extractInputText, extractOutputText } from './message-text.js';
import { extractProvidedCost } from './provided-cost.js';
import { normalizeProviderName, openInferenceProvider } from './provider-names.js';
import { hasGenAiEvent, readEventFacts } from './span-events.js';
import { conventionSpanType, plainSpanType, VERCEL_OPERATIONS } from './span-types.js';
import { extractTimeToFirstToken } from './time-to-first-token.js';
import { extractTokenCounts } from './token-counts.js';

/** The parts of a decoded span the normalizer reads. */
export type LlmSpanInput = Pick<
  Span,
  'name' | 'kind' | 'attributes' | 'events' | 'resource' | 'startTimeUnixNano'
>;

/**
 * Keys at least one of which every span of an LLM convention carries (the required or always-set
 * attributes of each). Looking them up is what keeps a plain HTTP or database span cheap: no
 * scan of its keys, no parsing.
 */
const LLM_MARKER_KEYS = [
  'gen_ai.operation.name',
  'gen_ai.provider.name',
  'gen_ai.system',
  'gen_ai.request.model',
  'gen_ai.response.model',
  'gen_ai.usage.input_tokens',
  'openinference.span.kind',
  'llm.model_name',
  'llm.token_count.prompt',
  'llm.cost.total',
  'traceloop.span.kind',
  'llm.request.type',
  'ai.operationId',
  'ai.model.id',
] as const;

/** Precedence lists: OTel GenAI, then OpenInference, then OpenLLMetry, then the Vercel AI SDK. */
const SESSION_ID_KEYS = [
  'gen_ai.conversation.id',
  'session.id',
  'traceloop.association.properties.session_id',
  'ai.telemetry.metadata.sessionId',
] as const;
const USER_ID_KEYS = [
  'user.id',
  'enduser.id',
  'traceloop.association.properties.user_id',
  'llm.user',
  'ai.telemetry.metadata.userId',
] as const;
const REQUEST_MODEL_KEYS = [
  'gen_ai.request.model',
  'llm.request.model_name',
  'llm.model_name',
  'embedding.model_name',
  'reranker.model_name',
  'ai.model.id',
] as const;
const RESPONSE_MODEL_KEYS = [
  'gen_ai.response.model',
  'llm.response.model_name',
  'llm.model_name',
  'ai.response.model',
] as const;

function carriesLlmFacts(span: LlmSpanInput): boolean {
  const { attributes } = span;
  for (const key of LLM_MARKER_KEYS) if (attributes[key] !== undefined) return true;
  return VERCEL_OPERATIONS.has(span.name) || (span.events.length > 0 && hasGenAiEvent(span.events));
}

function extractProvider(attributes: Attributes): string | null {
  const current = readString(attributes, 'gen_ai.provider.name');
  if (current !== null) return normalizeProviderName(current);
  const openInference = openInferenceProvider(
    readString(attributes, 'llm.provider'),
    readString(attributes, 'llm.system'),
  );
  if (openInference !== null) return openInference;
  // The deprecated `gen_ai.system` is OpenLLMetry's, and the Vercel AI SDK repeats its provider id there.
  const legacy = readString(attributes, 'gen_ai.system') ?? readString(attributes, 'ai.model.provider');
  return legacy === null ? null : normalizeProviderName(legacy);
}

/**
 * Derives the first-class LLM fields (see model/llm.ts) from a decoded span, field by field from
 * the first convention that carries each (docs/attributes.md). `cost` is set only when the span
 * states its own cost (source `provided`); computing one from prices is the pricing module's job.
 */
export function extractLlmFields(span: LlmSpanInput): LlmFields {
  const { attributes } = span;
  if (!carriesLlmFacts(span)) {
    const fields = emptyLlmFields(plainSpanType(attributes));
    fields.sessionId = firstIdentifier(attributes, SESSION_ID_KEYS);
    fields.userId = firstIdentifier(attributes, USER_ID_KEYS);
    return fields;
  }

  const events = readEventFacts(span.events);
  const sources = { attributes, lists: new FlattenedLists(attributes), events };
  const requestModel = firstString(attributes, REQUEST_MODEL_KEYS);
  const responseModel = firstString(attributes, RESPONSE_MODEL_KEYS);
  const tokens = extractTokenCounts(attributes, span.resource);
  // A span no convention types but that names a model or reports usage is a model call.
  const spanType =
    conventionSpanType(attributes, span.name) ??
    (requestModel !== null || responseModel !== null || tokens !== null ? 'llm' : plainSpanType(attributes));
  return {
    spanType,
    requestModel,
    responseModel,
    provider: extractProvider(attributes),
    tokens,
    cost: extractProvidedCost(attributes),
    sessionId: firstIdentifier(attributes, SESSION_ID_KEYS),
    userId: firstIdentifier(attributes, USER_ID_KEYS),
    inputText: extractInputText(sources),
    outputText: extractOutputText(sources),
    timeToFirstTokenNano: extractTimeToFirstToken(attributes, events, span.startTimeUnixNano),
  };
}
