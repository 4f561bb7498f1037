/** A price override document that cannot be used; the message names the entry and the field. */
export class PriceOverrideError extends Error {
  override readonly name = 'PriceOverrideError';
}
