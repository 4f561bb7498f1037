import { Type } from '@fastify/type-provider-typebox';
import type { OtlpSignal } from '@sextant/core';
import { ErrorDetail } from './openapi.js';

/** The OTLP messages of each signal's export, and the response's count of rejected items. */
const MESSAGES: Record<OtlpSignal, { request: string; response: string; rejected: string }> = {
  traces: {
    request: 'ExportTraceServiceRequest',
    response: 'ExportTraceServiceResponse',
    rejected: 'rejectedSpans',
  },
  logs: {
    request: 'ExportLogsServiceRequest',
    response: 'ExportLogsServiceResponse',
    rejected: 'rejectedLogRecords',
  },
  metrics: {
    request: 'ExportMetricsServiceRequest',
    response: 'ExportMetricsServiceResponse',
    rejected: 'rejectedDataPoints',
  },
};

/**
 * The body of a media type, described but not constrained: the content-type parsers hand the
 * handler raw bytes, which OTLP's decoder checks (after gzip, within the body limits).
 */
const bytesOf = (description: string) => ({ schema: { description } });

/** Both encodings of one message: binary protobuf (either media type name) or OTLP/JSON. */
function otlpContent(protobuf: string, json: object) {
  const binary = bytesOf(`${protobuf}, binary protobuf.`);
  return {
    'application/x-protobuf': binary,
    'application/protobuf': binary,
    'application/json': { schema: json },
  };
}

const OtlpError = Type.Object(
  {
    code: Type.Integer({ description: 'The gRPC status code (3, 8, 13 or 14).' }),
    message: Type.String({ description: 'The Sextant error code, then the message.' }),
    error: ErrorDetail,
  },
  { description: 'A google.rpc.Status in OTLP/JSON, with Sextant’s error object.' },
);

function errorAnswer(description: string) {
  return { description, content: otlpContent('A google.rpc.Status', OtlpError) };
}

/**
 * The route schema of `POST /v1/{signal}`, for the OpenAPI document: what it takes and answers in
 * each encoding. It validates only the headers it describes.
 */
export function otlpIngestSchema(signal: OtlpSignal) {
  const { request, response, rejected } = MESSAGES[signal];
  return {
    description:
      `OTLP/HTTP export of ${signal}: an ${request} in binary protobuf or OTLP/JSON, optionally gzip. ` +
      'Answered in the request’s encoding once every accepted item is committed.',
    headers: Type.Object({
      'content-encoding': Type.Optional(Type.String({ description: '`gzip` or `identity`.' })),
      'x-sextant-project': Type.Optional(
        Type.String({
          description: 'The project to write to when a resource names none (default `default`).',
        }),
      ),
    }),
    body: {
      content: otlpContent(request, bytesOf(`An ${request} in OTLP/JSON.`).schema),
    },
    response: {
      200: {
        description: `Committed: an ${response}, whose partialSuccess counts the invalid items rejected.`,
        content: otlpContent(
          `An ${response}`,
          Type.Object({
            partialSuccess: Type.Optional(
              Type.Object({
                [rejected]: Type.String({
                  description: 'Items rejected as invalid (an int64, as a string).',
                }),
                errorMessage: Type.String({ description: 'Why, item by item.' }),
              }),
            ),
          }),
        ),
      },
      '4xx': errorAnswer(
        'Refused whole, nothing stored: undecodable (400), too large (413), an unsupported media type or ' +
          'encoding (415), or the write queue is full (429, with Retry-After).',
      ),
      '5xx': errorAnswer(
        'Nothing stored: the store failed to commit or the server is shutting down (503, with Retry-After).',
      ),
    },
  };
}
