import { TargetsNotFoundError } from '@sextant/store';
import type { FastifyReply } from 'fastify';
import { errorBody, SextantError } from '../errors.js';

/** How many missing targets the message names; the `missing` list has them all. */
const NAMED_IN_MESSAGE = 5;

/**
 * Answers 404 when a change named traces or spans the project does not hold, listing them all in
 * `error.missing` (so that a bulk caller can drop them and retry); rethrows any other failure.
 */
export function replyMissingTargets(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof TargetsNotFoundError)) throw error;
  const { missing, project } = error;
  const named = missing
    .slice(0, NAMED_IN_MESSAGE)
    .map(({ traceId, spanId }) => (spanId === null ? traceId : `${traceId}/${spanId}`));
  const more = missing.length > NAMED_IN_MESSAGE ? ` and ${missing.length - NAMED_IN_MESSAGE} more` : '';
  const failure = new SextantError(
    'SEXTANT_ERR_NOT_FOUND',
    `project '${project}' holds no ${named.join(', ')}${more}; nothing was changed`,
  );
  return reply.code(failure.status).send({ error: { ...errorBody(failure).error, missing } });
}
