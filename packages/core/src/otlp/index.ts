export { decodeLogs, decodeMetrics, decodeTraces } from './decode.js';
export { encodeErrorStatus, encodeExportResponse } from './encode-response.js';
export { OtlpDecodeError } from './errors.js';
export { metricsToOtlpJson } from './metrics-to-otlp-json.js';
export { logsToOtlpJson, tracesToOtlpJson } from './to-otlp-json.js';
export type {
  DecodedLogs,
  DecodedMetrics,
  DecodedTraces,
  DecodeOptions,
  OtlpEncoding,
  OtlpSignal,
} from './types.js';
export { OTLP_ENCODINGS, OTLP_SIGNALS } from './types.js';
