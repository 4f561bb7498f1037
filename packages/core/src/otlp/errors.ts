/** The body as a whole cannot be decoded: bad protobuf, bad JSON, or the wrong top-level shape. */
export class OtlpDecodeError extends Error {
  override name = 'OtlpDecodeError';
}

/**
 * One item (span, log record, point) cannot be kept; the rest of the request can. Internal: it
 * is caught by the loop over items and becomes a counted rejection.
 */
export class InvalidItemError extends Error {
  override name = 'InvalidItemError';
}

export function invalidItem(reason: string): never {
  throw new InvalidItemError(reason);
}
