/**
 * Bounds applied to incoming telemetry while it is decoded. A value over a bound is cut to it and
 * counted, never rejected: the rest of the item is kept.
 */
export interface IngestLimits {
  /** Longest string attribute value (and log body), in UTF-16 code units; longer ones are cut. */
  maxAttributeValueLength: number;
  /** Most attributes kept on one span, event, link, resource, scope, log record or point. */
  maxAttributesPerItem: number;
  /** Most events kept on one span. */
  maxEventsPerSpan: number;
  /** Most links kept on one span. */
  maxLinksPerSpan: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxAttributeValueLength: 64 * 1024,
  maxAttributesPerItem: 1024,
  maxEventsPerSpan: 1024,
  maxLinksPerSpan: 1024,
};

/** What decoding had to drop or cut, to be added to the server's counters. */
export interface IngestCounts {
  /** Items (spans, log records, points) rejected as invalid. */
  rejected: number;
  /** String values cut to `maxAttributeValueLength`. */
  truncatedValues: number;
  /** Attributes dropped over `maxAttributesPerItem`. */
  droppedAttributes: number;
  droppedEvents: number;
  droppedLinks: number;
}

export function emptyIngestCounts(): IngestCounts {
  return { rejected: 0, truncatedValues: 0, droppedAttributes: 0, droppedEvents: 0, droppedLinks: 0 };
}
