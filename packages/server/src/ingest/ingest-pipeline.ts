import {
  type DecodeOptions,
  decodeLogs,
  decodeMetrics,
  decodeTraces,
  extractLlmFields,
  type IngestCounts,
  type IngestLimits,
  type OtlpEncoding,
  type OtlpSignal,
  type PriceCatalog,
  withCost,
} from '@sextant/core';
import type { WriteBatch } from '@sextant/store';

export interface DecodedRequest {
  batch: WriteBatch;
  counts: IngestCounts;
  rejections: string[];
}

/**
 * Turns an OTLP request body into a batch ready to write: decoded, limits applied, LLM fields
 * normalized and priced. Throws core's `OtlpDecodeError` when the body cannot be decoded at all.
 */
export function decodeRequest(
  signal: OtlpSignal,
  body: Uint8Array,
  encoding: OtlpEncoding,
  context: { project: string; limits: IngestLimits; prices: PriceCatalog },
): DecodedRequest {
  const options: DecodeOptions = { project: context.project, limits: context.limits };
  switch (signal) {
    case 'traces': {
      const { spans, counts, rejections } = decodeTraces(body, encoding, options);
      for (const span of spans) {
        span.llm = withCost(extractLlmFields(span), context.prices, span.startTimeUnixNano);
      }
      return { batch: { spans, logs: [], metrics: [] }, counts, rejections };
    }
    case 'logs': {
      const { logs, counts, rejections } = decodeLogs(body, encoding, options);
      return { batch: { spans: [], logs, metrics: [] }, counts, rejections };
    }
    case 'metrics': {
      const { points, counts, rejections } = decodeMetrics(body, encoding, options);
      return { batch: { spans: [], logs: [], metrics: points }, counts, rejections };
    }
  }
}
