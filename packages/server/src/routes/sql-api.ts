import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { type ReadOnlySql, ReadOnlySqlError, type ReadOnlySqlRefusal } from '@sextant/store';
import type { AppContext } from '../app-context.js';
import { type ErrorCode, SextantError } from '../errors.js';
import { errorResponse } from './openapi.js';

/** Longest SQL text taken, in characters: a query, not a script. */
export const MAX_SQL_LENGTH = 100_000;
/** Most `?` parameters taken. */
const MAX_SQL_PARAMS = 1000;

const REFUSAL_CODES: Record<ReadOnlySqlRefusal, ErrorCode> = {
  invalid: 'SEXTANT_ERR_SQL_INVALID',
  'not-select': 'SEXTANT_ERR_SQL_NOT_SELECT',
  'forbidden-object': 'SEXTANT_ERR_SQL_FORBIDDEN_OBJECT',
  timeout: 'SEXTANT_ERR_SQL_TIMEOUT',
  busy: 'SEXTANT_ERR_SQL_BUSY',
};

const SqlValue = Type.Union([Type.String(), Type.Number(), Type.Null()]);

const SqlResult = Type.Object(
  {
    columns: Type.Array(Type.String(), { description: 'The names of the result columns, in order.' }),
    rows: Type.Array(Type.Array(SqlValue), {
      description:
        'Each row, its values in column order: integers as numbers up to 2^53 and decimal strings ' +
        'beyond, blobs as lower-case hex, infinite reals as "Infinity" or "-Infinity".',
    }),
    truncated: Type.Boolean({ description: 'The query had more rows than the limit.' }),
    elapsedMs: Type.Number({ description: 'Time spent checking and running the query.' }),
  },
  { additionalProperties: false },
);

/**
 * `POST /api/sql`: a read-only SELECT over the whole SQLite database, every project's rows, for
 * administrators. Off unless the server was started with `--sql true`.
 */
export const sqlApiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (app, { context }) => {
  const { config, store, sql } = context;

  const runner = (): ReadOnlySql => {
    if (!config.sql.enabled) {
      throw new SextantError(
        'SEXTANT_ERR_SQL_DISABLED',
        'the SQL endpoint is off: start Sextant with --sql true (or SEXTANT_SQL=true)',
      );
    }
    if (sql === null) {
      throw new SextantError(
        'SEXTANT_ERR_SQL_UNAVAILABLE',
        `the ${store.driver} store has no SQL: the SQL endpoint reads the SQLite store`,
      );
    }
    return sql;
  };

  const SqlBody = Type.Object(
    {
      sql: Type.String({
        minLength: 1,
        maxLength: MAX_SQL_LENGTH,
        description: "One SELECT (or WITH … SELECT) statement on Sextant's tables.",
      }),
      params: Type.Optional(
        Type.Array(SqlValue, {
          maxItems: MAX_SQL_PARAMS,
          description: 'Values of the `?` parameters, in order.',
        }),
      ),
      limit: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: config.sql.maxRows,
          description: `Rows answered at most, 1 to ${config.sql.maxRows} (--sql-max-rows, also the default); more set \`truncated\`.`,
        }),
      ),
    },
    { additionalProperties: false },
  );

  app.post(
    '/api/sql',
    {
      schema: {
        description:
          "Runs one read-only SELECT over Sextant's SQLite database (every project) on a read-only " +
          'connection, within a time limit (--sql-timeout-ms) and a row limit. An admin tool, off unless ' +
          'the server runs with --sql true.',
        body: SqlBody,
        response: {
          200: SqlResult,
          400: errorResponse(
            'The body is malformed, or the query was refused (not one read-only SELECT, reads a ' +
              'non-Sextant object), failed, or ran past the time limit; nothing was changed.',
          ),
          403: errorResponse('The SQL endpoint is off.'),
          404: errorResponse('The store is not SQLite.'),
          429: errorResponse('Too many queries are waiting; retry after Retry-After.'),
          '5xx': errorResponse('The server failed.'),
        },
      },
      // Said before the body is read: an endpoint that is off refuses whatever it is sent.
      onRequest: async () => {
        runner();
      },
    },
    async (request) => {
      const { body } = request;
      try {
        return await runner().run(body.sql, body.params, body.limit);
      } catch (error) {
        if (!(error instanceof ReadOnlySqlError)) throw error;
        const retryAfter = error.reason === 'busy' ? config.queue.retryAfterSeconds : undefined;
        throw new SextantError(REFUSAL_CODES[error.reason], error.message, retryAfter);
      }
    },
  );
};
