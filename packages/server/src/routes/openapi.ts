import { readFileSync } from 'node:fs';
import swagger, { type SwaggerTransform } from '@fastify/swagger';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { ERROR_CODES, type ErrorCode } from '../errors.js';

/** The server package's version, read once when the server starts. */
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** What `{error: …}` holds: one of the registered codes, and a message for people. */
export const ErrorDetail = Type.Object(
  {
    code: Type.Unsafe<ErrorCode>({
      type: 'string',
      enum: Object.keys(ERROR_CODES),
      description: 'One of the codes listed in docs/api.md (Errors); it fixes the HTTP status.',
    }),
    message: Type.String({ description: 'What went wrong, for people.' }),
  },
  { additionalProperties: false },
);

const ERROR_RESPONSE_ID = 'ErrorResponse';

/** The error body of every route but OTLP ingest, as a shared schema of the document. */
const ErrorResponse = Type.Object(
  { error: ErrorDetail },
  { $id: ERROR_RESPONSE_ID, additionalProperties: false, description: 'An error.' },
);

/** A route's answer with the shared error body, for its `response` schema. */
export function errorResponse(description: string) {
  return { $ref: `${ERROR_RESPONSE_ID}#`, description };
}

const hasStatusClass = (statuses: string[], digit: string) =>
  statuses.some((status) => status.startsWith(digit));

/**
 * Every route's errors come from the one error handler of the app, as the shared error body: a
 * route whose schema does not describe its 4xx or 5xx answers gets them described so. Only the
 * document changes; a route without a response schema keeps its undescribed success answer.
 */
const withErrorResponses: SwaggerTransform = ({ schema, url }) => {
  const response: Record<string, unknown> = {
    ...((schema?.response as Record<string, unknown> | undefined) ?? {
      // OpenAPI needs one answer described; `null` keeps it without a body schema.
      200: { type: 'null', description: 'Success (see docs/api.md).' },
    }),
  };
  const statuses = Object.keys(response);
  if (!hasStatusClass(statuses, '4'))
    response['4xx'] = errorResponse('A refused request: a parameter is missing, malformed or out of range.');
  if (!hasStatusClass(statuses, '5'))
    response['5xx'] = errorResponse('The server failed, or cannot answer for now.');
  return { schema: { ...schema, response } as FastifySchema, url };
};

const OpenApiDocument = Type.Object(
  {},
  { additionalProperties: true, description: 'An OpenAPI 3.0 document of every route of this server.' },
);

/**
 * The OpenAPI document at `GET /api/openapi.json`, generated from the route schemas. Registered
 * before every other route: the document lists the routes registered after it, whichever plugin
 * adds them.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.addSchema(ErrorResponse);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Sextant',
        version,
        description:
          'OpenTelemetry-native trace store and analytics server for LLM applications: OTLP/HTTP ingest ' +
          'of traces, logs and metrics, and a JSON API to read, search and analyse them. Errors are ' +
          '`{"error": {"code", "message"}}`; docs/api.md describes every route with examples.',
      },
    },
    transform: withErrorResponses,
    // Shared schemas appear under their own ids (`#/components/schemas/ErrorResponse`).
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) =>
        typeof json.$id === 'string' ? json.$id : `def-${index}`,
    },
  });
  app.get(
    '/api/openapi.json',
    {
      schema: {
        description: 'This document: every route of the server, from their schemas.',
        response: { 200: OpenApiDocument },
      },
    },
    async () => app.swagger(),
  );
}
