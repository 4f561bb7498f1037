import type { IncomingMessage } from 'node:http';
import {
  encodeErrorStatus,
  encodeExportResponse,
  isProjectName,
  OTLP_SIGNALS,
  OtlpDecodeError,
  type OtlpEncoding,
  PROJECT_NAME_PATTERN,
} from '@sextant/core';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { SextantError } from '../errors.js';
import { readBody } from '../http/read-body.js';
import { toSextantError } from '../http/to-sextant-error.js';
import { decodeRequest } from '../ingest/ingest-pipeline.js';
import { QueueClosedError, QueueFullError, WriteFailedError } from '../ingest/write-queue.js';
import { otlpIngestSchema } from './otlp-ingest-schema.js';

const CONTENT_TYPES: Record<OtlpEncoding, string> = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
};

/** The project a request writes to when its resources name none. */
const PROJECT_HEADER = 'x-sextant-project';

function encodingOf(request: FastifyRequest): OtlpEncoding | null {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  return null;
}

/** gRPC status codes carried in the OTLP error body, chosen by HTTP status. */
function rpcCodeOf(status: number): number {
  if (status === 429) return 8; // RESOURCE_EXHAUSTED
  if (status === 503) return 14; // UNAVAILABLE
  if (status >= 500) return 13; // INTERNAL
  return 3; // INVALID_ARGUMENT
}

function projectOf(request: FastifyRequest): string {
  const header = request.headers[PROJECT_HEADER];
  if (header === undefined) return 'default';
  if (typeof header !== 'string' || !isProjectName(header)) {
    throw new SextantError(
      'SEXTANT_ERR_INVALID_REQUEST',
      `${PROJECT_HEADER} must match ${PROJECT_NAME_PATTERN}`,
    );
  }
  return header;
}

function fromQueueError(error: unknown, retryAfterSeconds: number): unknown {
  if (error instanceof QueueFullError)
    return new SextantError('SEXTANT_ERR_QUEUE_FULL', error.message, retryAfterSeconds);
  if (error instanceof WriteFailedError) {
    return new SextantError('SEXTANT_ERR_STORE_UNAVAILABLE', error.message, retryAfterSeconds);
  }
  if (error instanceof QueueClosedError) {
    return new SextantError('SEXTANT_ERR_SHUTTING_DOWN', error.message, retryAfterSeconds);
  }
  return error;
}

/**
 * OTLP/HTTP ingest: `POST /v1/traces`, `/v1/logs`, `/v1/metrics`, protobuf or JSON, optionally
 * gzip. Each answers only once its items are committed, in the request's own content type.
 */
export const otlpIngestRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { config, queue, prices, ingestStats, lifecycle, live } = context;
  const bodyLimits = {
    maxBodyBytes: config.limits.maxBodyBytes,
    maxDecompressedBytes: config.limits.maxDecompressedBytes,
  };

  // Raw bodies for both encodings: decoding is core's job, and limits must apply after gzip.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/x-protobuf', 'application/protobuf', 'application/json'],
    (
      _request: FastifyRequest,
      payload: IncomingMessage,
      done: (err: Error | null, body?: Buffer) => void,
    ) => {
      readBody(payload, bodyLimits).then(
        (body) => done(null, body),
        (error: Error) => done(error),
      );
    },
  );

  app.setErrorHandler((error, request, reply) => {
    const failure = toSextantError(error);
    sendError(request, reply, failure);
  });

  function sendError(request: FastifyRequest, reply: FastifyReply, failure: SextantError): FastifyReply {
    ingestStats.refuse(failure.code);
    if (failure.status >= 500) request.log.warn({ code: failure.code }, failure.message);
    if (failure.retryAfterSeconds !== undefined)
      reply.header('retry-after', String(failure.retryAfterSeconds));
    const encoding = encodingOf(request) ?? 'json';
    const message = `${failure.code}: ${failure.message}`;
    reply.code(failure.status).type(CONTENT_TYPES[encoding]);
    if (encoding === 'protobuf')
      return reply.send(Buffer.from(encodeErrorStatus('protobuf', rpcCodeOf(failure.status), message)));
    // OTLP clients read `code` and `message` (google.rpc.Status); Sextant's own clients read `error`.
    return reply.send({
      code: rpcCodeOf(failure.status),
      message,
      error: { code: failure.code, message: failure.message },
    });
  }

  for (const signal of OTLP_SIGNALS) {
    app.post(`/v1/${signal}`, { schema: otlpIngestSchema(signal) }, async (request, reply) => {
      ingestStats.requests[signal] += 1;
      const encoding = encodingOf(request);
      if (encoding === null)
        throw new SextantError('SEXTANT_ERR_UNSUPPORTED_MEDIA_TYPE', 'unsupported Content-Type');
      if (lifecycle.shuttingDown) {
        throw new SextantError(
          'SEXTANT_ERR_SHUTTING_DOWN',
          'the server is shutting down',
          config.queue.retryAfterSeconds,
        );
      }
      const body = request.body as Buffer | undefined;
      if (!body || body.length === 0)
        throw new SextantError('SEXTANT_ERR_EMPTY_BODY', 'the request has no body');
      const project = projectOf(request);

      let decoded: ReturnType<typeof decodeRequest>;
      try {
        decoded = decodeRequest(signal, body, encoding, { project, limits: config.limits.ingest, prices });
      } catch (error) {
        if (!(error instanceof OtlpDecodeError)) throw error;
        const code = encoding === 'protobuf' ? 'SEXTANT_ERR_INVALID_PROTOBUF' : 'SEXTANT_ERR_INVALID_JSON';
        throw new SextantError(code, error.message);
      }
      ingestStats.addCounts(signal, decoded.counts);

      try {
        await queue.submit(decoded.batch);
      } catch (error) {
        throw fromQueueError(error, config.queue.retryAfterSeconds);
      }
      live.publish(decoded.batch.spans);
      const partial = { rejected: decoded.counts.rejected, message: decoded.rejections.join('; ') };
      reply.type(CONTENT_TYPES[encoding]);
      return Buffer.from(encodeExportResponse(signal, encoding, partial));
    });
  }
};
