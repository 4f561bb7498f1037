import { type IngestCounts, OTLP_SIGNALS, type OtlpSignal } from '@sextant/core';

function perSignal(): Record<OtlpSignal, number> {
  return Object.fromEntries(OTLP_SIGNALS.map((signal) => [signal, 0])) as Record<OtlpSignal, number>;
}

/** What ingest refused, cut or dropped since start: every loss is counted somewhere here. */
export class IngestStats {
  readonly requests = perSignal();
  /** Whole requests refused (4xx/5xx), by error code. */
  readonly refusedRequests: Record<string, number> = {};
  /** Items rejected one by one as invalid (answered in `partial_success`). */
  readonly rejectedItems = perSignal();
  truncatedValues = 0;
  droppedAttributes = 0;
  droppedEvents = 0;
  droppedLinks = 0;

  addCounts(signal: OtlpSignal, counts: IngestCounts): void {
    this.rejectedItems[signal] += counts.rejected;
    this.truncatedValues += counts.truncatedValues;
    this.droppedAttributes += counts.droppedAttributes;
    this.droppedEvents += counts.droppedEvents;
    this.droppedLinks += counts.droppedLinks;
  }

  refuse(code: string): void {
    this.refusedRequests[code] = (this.refusedRequests[code] ?? 0) + 1;
  }

  snapshot() {
    return {
      requests: { ...this.requests },
      refusedRequests: { ...this.refusedRequests },
      rejectedItems: { ...this.rejectedItems },
      truncatedValues: this.truncatedValues,
      droppedAttributes: this.droppedAttributes,
      droppedEvents: this.droppedEvents,
      droppedLinks: this.droppedLinks,
    };
  }
}
