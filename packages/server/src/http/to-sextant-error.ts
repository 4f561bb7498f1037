import { SextantError } from '../errors.js';

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message: string;
  validation?: unknown;
}

/** Maps whatever a handler or Fastify threw to the error the client is told about. */
export function toSextantError(error: unknown): SextantError {
  if (error instanceof SextantError) return error;
  const e = error as FastifyLikeError;
  if (e.validation) return new SextantError('SEXTANT_ERR_INVALID_REQUEST', e.message);
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new SextantError(
        'SEXTANT_ERR_UNSUPPORTED_MEDIA_TYPE',
        'Content-Type must be application/x-protobuf or application/json',
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new SextantError('SEXTANT_ERR_BODY_TOO_LARGE', e.message);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new SextantError('SEXTANT_ERR_EMPTY_BODY', e.message);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new SextantError('SEXTANT_ERR_INVALID_REQUEST', e.message);
  }
  if (e.statusCode === 404) return new SextantError('SEXTANT_ERR_NOT_FOUND', e.message);
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new SextantError('SEXTANT_ERR_INVALID_REQUEST', e.message);
  }
  return new SextantError('SEXTANT_ERR_INTERNAL', 'internal error');
}
