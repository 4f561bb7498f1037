import type { PayloadSink, PayloadSource } from '../sqlite/codec.js';

/**
 * PostgreSQL keeps every string inline, in the row's body: it compresses long values itself
 * (TOAST). So no string is interned on write, and none is looked up on read.
 */
export const NO_PAYLOADS: PayloadSink & PayloadSource = {
  minLength: Number.POSITIVE_INFINITY,
  intern: () => null,
  text(hash) {
    throw new Error(`corrupt store: a row refers to payload ${hash}, which PostgreSQL stores never use`);
  },
};
