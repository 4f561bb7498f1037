import type { Attributes } from '../model/attributes.js';
import { scaleDecimal } from './decimal-scale.js';
import type { EventFacts } from './span-events.js';

const SECONDS_TO_NANO_DECIMALS = 9;
const MILLISECONDS_TO_NANO_DECIMALS = 6;

/** The Vercel AI SDK's milliseconds to the first chunk; `ai.stream.*` is its earlier name. */
const VERCEL_MS_TO_FIRST_CHUNK_KEYS = ['ai.response.msToFirstChunk', 'ai.stream.msToFirstChunk'] as const;

function sinceStart(eventTime: bigint | null, startTimeUnixNano: bigint): bigint | null {
  return eventTime !== null && eventTime >= startTimeUnixNano ? eventTime - startTimeUnixNano : null;
}

function firstScaled(attributes: Attributes, keys: readonly string[], decimals: number): bigint | null {
  for (const key of keys) {
    const value = scaleDecimal(attributes[key], decimals);
    if (value !== null) return value;
  }
  return null;
}

/**
 * Time to first token in nanoseconds, in precedence order: OTel GenAI's
 * `gen_ai.response.time_to_first_chunk` (seconds); OpenInference's `First Token Stream Event` and
 * OpenLLMetry's first `llm.content.completion.chunk` event (their time since the span start); the
 * Vercel AI SDK's `ai.response.msToFirstChunk`, on the span or on its `ai.stream.firstChunk` event,
 * else that event's time.
 */
export function extractTimeToFirstToken(
  attributes: Attributes,
  events: EventFacts,
  startTimeUnixNano: bigint,
): bigint | null {
  const vercelEvent = events.vercelFirstChunk;
  return (
    scaleDecimal(attributes['gen_ai.response.time_to_first_chunk'], SECONDS_TO_NANO_DECIMALS) ??
    sinceStart(events.openInferenceFirstToken, startTimeUnixNano) ??
    sinceStart(events.openLlmetryFirstChunk, startTimeUnixNano) ??
    firstScaled(attributes, VERCEL_MS_TO_FIRST_CHUNK_KEYS, MILLISECONDS_TO_NANO_DECIMALS) ??
    (vercelEvent === null
      ? null
      : (firstScaled(vercelEvent.attributes, VERCEL_MS_TO_FIRST_CHUNK_KEYS, MILLISECONDS_TO_NANO_DECIMALS) ??
        sinceStart(vercelEvent.timeUnixNano, startTimeUnixNano)))
  );
}
