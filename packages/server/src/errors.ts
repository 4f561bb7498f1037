/**
 * Every error Sextant's HTTP interface answers with: its code, HTTP status and meaning.
 * `docs/api.md` lists the same codes; a test keeps the two in step.
 */
export const ERROR_CODES = {
  SEXTANT_ERR_EMPTY_BODY: { status: 400, meaning: 'the request has no body' },
  SEXTANT_ERR_INVALID_PROTOBUF: { status: 400, meaning: 'the body is not a valid OTLP protobuf message' },
  SEXTANT_ERR_INVALID_JSON: { status: 400, meaning: 'the body is not valid OTLP/JSON' },
  SEXTANT_ERR_INVALID_GZIP: { status: 400, meaning: 'the body is not valid gzip data' },
  SEXTANT_ERR_BODY_TOO_LARGE: {
    status: 413,
    meaning: 'the body, as received or after decompression, is over the configured limit',
  },
  SEXTANT_ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    meaning: 'the Content-Type is not application/x-protobuf or application/json',
  },
  SEXTANT_ERR_UNSUPPORTED_ENCODING: { status: 415, meaning: 'the Content-Encoding is not gzip or identity' },
  SEXTANT_ERR_INVALID_REQUEST: { status: 400, meaning: 'a parameter is missing, malformed or out of range' },
  SEXTANT_ERR_INVALID_CURSOR: {
    status: 400,
    meaning: 'the page cursor was not issued by Sextant or was altered',
  },
  SEXTANT_ERR_INVALID_TIME_RANGE: {
    status: 400,
    meaning: 'the time window is inverted, empty, too long, or cut into too many buckets',
  },
  SEXTANT_ERR_NOT_FOUND: {
    status: 404,
    meaning: 'no such route, or no such trace, span or annotation in the project',
  },
  SEXTANT_ERR_QUEUE_FULL: {
    status: 429,
    meaning: 'the write queue is full; retry after the Retry-After delay (nothing was stored)',
  },
  SEXTANT_ERR_STORE_UNAVAILABLE: {
    status: 503,
    meaning: 'the store failed to commit; retry after the Retry-After delay (nothing was stored)',
  },
  SEXTANT_ERR_SHUTTING_DOWN: {
    status: 503,
    meaning: 'the server is shutting down; retry on another instance',
  },
  SEXTANT_ERR_SQL_DISABLED: { status: 403, meaning: 'the SQL endpoint is off (start with --sql true)' },
  SEXTANT_ERR_SQL_UNAVAILABLE: {
    status: 404,
    meaning: 'the store is not SQLite: the SQL endpoint reads the embedded database only',
  },
  SEXTANT_ERR_SQL_INVALID: {
    status: 400,
    meaning: 'SQLite cannot compile or run the query: syntax, unknown name, parameters, a function error',
  },
  SEXTANT_ERR_SQL_NOT_SELECT: {
    status: 400,
    meaning: 'the SQL is not exactly one read-only SELECT (or WITH … SELECT) statement',
  },
  SEXTANT_ERR_SQL_FORBIDDEN_OBJECT: {
    status: 400,
    meaning: "the query reads something other than Sextant's tables, indexes and sqlite_schema",
  },
  SEXTANT_ERR_SQL_TIMEOUT: { status: 400, meaning: 'the query ran past the time limit and was stopped' },
  SEXTANT_ERR_SQL_BUSY: {
    status: 429,
    meaning: 'too many SQL queries are waiting; retry after the Retry-After delay',
  },
  SEXTANT_ERR_INTERNAL: { status: 500, meaning: 'an unexpected error; the server logs the details' },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An error that becomes `{error: {code, message}}` with the code's HTTP status. */
export class SextantError extends Error {
  override readonly name = 'SextantError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Seconds, for answers the client should retry (429, 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.status = ERROR_CODES[code].status;
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export function errorBody(error: SextantError): ErrorBody {
  return { error: { code: error.code, message: error.message } };
}
