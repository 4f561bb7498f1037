import { describe, expect, it } from 'vitest';
import { encodeErrorStatus, encodeExportResponse } from '../../src/otlp/index.js';
import { otlpSchema } from '../../src/otlp/schema.js';

const cases = [
  ['traces', otlpSchema.ExportTraceServiceResponse, 'rejectedSpans'],
  ['logs', otlpSchema.ExportLogsServiceResponse, 'rejectedLogRecords'],
  ['metrics', otlpSchema.ExportMetricsServiceResponse, 'rejectedDataPoints'],
] as const;

function jsonOf(bytes: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(bytes));
}

describe('encodeExportResponse', () => {
  it.each(cases)('%s: full success is the empty response', (signal, type) => {
    const protobuf = encodeExportResponse(signal, 'protobuf', { rejected: 0, message: '' });
    expect(protobuf).toHaveLength(0);
    expect(type.toObject(type.decode(protobuf))).toEqual({});
    expect(jsonOf(encodeExportResponse(signal, 'json', { rejected: 0, message: '' }))).toEqual({});
  });

  it.each(cases)('%s: a partial success says how many were rejected and why', (signal, type, field) => {
    const partial = { rejected: 3, message: 'span: end time is before start time' };
    const decoded = type.toObject(type.decode(encodeExportResponse(signal, 'protobuf', partial)), {
      longs: String,
    });
    expect(decoded).toEqual({ partialSuccess: { [field]: '3', errorMessage: partial.message } });
    expect(jsonOf(encodeExportResponse(signal, 'json', partial))).toEqual({
      partialSuccess: { [field]: '3', errorMessage: partial.message },
    });
  });

  it('a warning without rejections is still reported', () => {
    const bytes = encodeExportResponse('traces', 'json', { rejected: 0, message: 'values were truncated' });
    expect(jsonOf(bytes)).toEqual({
      partialSuccess: { rejectedSpans: '0', errorMessage: 'values were truncated' },
    });
  });
});

describe('encodeErrorStatus', () => {
  it('is a google.rpc.Status in protobuf', () => {
    const type = otlpSchema.Status;
    const bytes = encodeErrorStatus('protobuf', 3, 'invalid protobuf: index out of range');
    expect(type.toObject(type.decode(bytes))).toEqual({
      code: 3,
      message: 'invalid protobuf: index out of range',
    });
  });

  it('is a google.rpc.Status in JSON', () => {
    expect(jsonOf(encodeErrorStatus('json', 8, 'slow down'))).toEqual({ code: 8, message: 'slow down' });
  });
});
