import type { IngestCounts, IngestLimits } from '../model/limits.js';
import { emptyIngestCounts } from '../model/limits.js';
import type { DecodeOptions } from './types.js';

/** Rejection messages kept per request: enough to show what is wrong without echoing a flood. */
export const MAX_REJECTION_MESSAGES = 10;

/** The state of one request being decoded: its limits, and what was cut or rejected so far. */
export interface DecodeContext {
  readonly limits: IngestLimits;
  readonly defaultProject: string;
  readonly counts: IngestCounts;
  readonly rejections: string[];
  /** The counts as they were when the current item began. */
  readonly atItemStart: IngestCounts;
}

export function createDecodeContext(options: DecodeOptions): DecodeContext {
  return {
    limits: options.limits,
    defaultProject: options.project,
    counts: emptyIngestCounts(),
    rejections: [],
    atItemStart: emptyIngestCounts(),
  };
}

/** Marks where an item begins, so that what a rejected item had cut or dropped is not counted. */
export function beginItem(context: DecodeContext): void {
  Object.assign(context.atItemStart, context.counts);
}

/** Takes back what the current item counted, before it is rejected. */
export function abandonItem(context: DecodeContext): void {
  Object.assign(context.counts, context.atItemStart);
}

export function rejectItems(context: DecodeContext, reason: string, count: number): void {
  context.counts.rejected += count;
  if (context.rejections.length < MAX_REJECTION_MESSAGES) context.rejections.push(reason);
}

/** How many of `sent` things a limit of `limit` drops. */
export function excessOver(sent: number, limit: number): number {
  return sent > limit ? sent - limit : 0;
}
