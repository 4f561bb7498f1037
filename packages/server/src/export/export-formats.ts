import { tracesToOtlpJson } from '@sextant/core';
import type { StoredTrace } from '@sextant/store';
import { SPAN_CSV_HEADER, spanCsvRecord } from './span-csv.js';

interface ExportFormat {
  contentType: string;
  extension: string;
  /** What comes before the first trace. */
  header: string;
  /** One trace's part of the file. */
  chunkOf(trace: StoredTrace): string;
}

export const EXPORT_FORMAT_NAMES = ['jsonl', 'csv'] as const;
export type ExportFormatName = (typeof EXPORT_FORMAT_NAMES)[number];

/**
 * - `jsonl`: one line per trace, an OTLP/JSON `ExportTraceServiceRequest` of all its spans, every
 *   value exactly typed: each line can be posted back to `/v1/traces` as it is.
 * - `csv`: one RFC 4180 record per span under a header record, for spreadsheets and data tools.
 */
export const EXPORT_FORMATS = {
  jsonl: {
    contentType: 'application/x-ndjson; charset=utf-8',
    extension: 'jsonl',
    header: '',
    chunkOf: (trace) => `${JSON.stringify(tracesToOtlpJson(trace.spans))}\n`,
  },
  csv: {
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'csv',
    header: SPAN_CSV_HEADER,
    chunkOf: (trace) => trace.spans.map(spanCsvRecord).join(''),
  },
} as const satisfies Record<ExportFormatName, ExportFormat>;

/** The export's text, header first, then each trace's chunk as the walk reaches it. */
export async function* exportChunks(
  format: ExportFormat,
  traces: AsyncIterable<StoredTrace>,
): AsyncGenerator<string> {
  if (format.header !== '') yield format.header;
  for await (const trace of traces) yield format.chunkOf(trace);
}
