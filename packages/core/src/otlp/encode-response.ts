import type { Type } from 'protobufjs';
import { otlpSchema } from './schema.js';
import type { OtlpEncoding, OtlpSignal } from './types.js';

const RESPONSES: Readonly<Record<OtlpSignal, { type: Type; rejectedField: string }>> = {
  traces: { type: otlpSchema.ExportTraceServiceResponse, rejectedField: 'rejectedSpans' },
  logs: { type: otlpSchema.ExportLogsServiceResponse, rejectedField: 'rejectedLogRecords' },
  metrics: { type: otlpSchema.ExportMetricsServiceResponse, rejectedField: 'rejectedDataPoints' },
};

const utf8 = new TextEncoder();

function encode(type: Type, encoding: OtlpEncoding, message: Record<string, unknown>): Uint8Array {
  if (encoding === 'json') return utf8.encode(JSON.stringify(message));
  return type.encode(type.fromObject(message)).finish();
}

/**
 * The Export{Trace,Logs,Metrics}ServiceResponse body. `partial_success` is set only when
 * something was rejected or there is something to say: otherwise the response is empty.
 */
export function encodeExportResponse(
  signal: OtlpSignal,
  encoding: OtlpEncoding,
  partial: { rejected: number; message: string },
): Uint8Array {
  const { type, rejectedField } = RESPONSES[signal];
  const response =
    partial.rejected === 0 && partial.message === ''
      ? {}
      : // int64 is a decimal string in OTLP/JSON; protobufjs takes the string for protobuf too.
        { partialSuccess: { [rejectedField]: String(partial.rejected), errorMessage: partial.message } };
  return encode(type, encoding, response);
}

/** A google.rpc.Status body, which OTLP/HTTP error responses carry in the request's encoding. */
export function encodeErrorStatus(encoding: OtlpEncoding, code: number, message: string): Uint8Array {
  return encode(otlpSchema.Status, encoding, { code, message });
}
