import type { LogRecord, Span } from '@sextant/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { roundTripLogs } from '../fixtures/round-trip.js';
import { EPOCH, MS, makeSpan, spanId, traceId } from '../fixtures/span-builder.js';
import type { ContractContext } from './context.js';

const PROJECT = 'text-search';

/** Spans whose texts mention "refund" more or less densely, and a few records that do too. */
function textSpans(): Span[] {
  const texts = [
    'refund refund refund',
    `customer asked about a refund after ${'a long and winding conversation '.repeat(20)}`,
    'shipping delayed, no refund requested',
    'nothing relevant here',
  ];
  return texts.map((text, index) => ({
    ...makeSpan({
      project: index === 3 ? 'text-search-other' : PROJECT,
      traceId: traceId(0x7e00 + index),
      spanId: spanId(index + 1),
      name: `step ${index}`,
      service: 'support',
      start: EPOCH + BigInt(index) * 1000n * MS,
      duration: MS,
    }),
    attributes: { note: text },
  }));
}

function textLogs(): LogRecord[] {
  const [model] = roundTripLogs(PROJECT);
  return ['refund issued', 'refund refund', 'payment captured'].map((body, index) => ({
    ...model!,
    timeUnixNano: EPOCH + BigInt(index) * MS,
    body,
  }));
}

/** Ranked full-text search over spans and log records. */
export function textSearchSection(context: ContractContext): void {
  describe('ranked text search', () => {
    const spans = textSpans();

    beforeAll(async () => {
      await context.store.write({ spans, logs: textLogs(), metrics: [] });
    });

    it('ranks the spans holding every word, the denser first', async () => {
      const result = await context.store.searchText({ project: PROJECT, text: 'Refund', limit: 10 });
      expect(result.spans.map((hit) => hit.name)).toEqual(['step 0', 'step 2', 'step 1']);
      expect(result.spans[0]).toMatchObject({
        traceId: traceId(0x7e00),
        spanId: spanId(1),
        service: 'support',
        startTimeUnixNano: EPOCH,
      });
      const scores = result.spans.map((hit) => hit.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it('ranks log records by their bodies', async () => {
      const result = await context.store.searchText({ project: PROJECT, text: 'refund', limit: 10 });
      expect(result.logs.map((hit) => hit.timeUnixNano)).toEqual([EPOCH + MS, EPOCH]);
    });

    it('keeps to the project, the time range and the limit', async () => {
      const other = await context.store.searchText({ project: PROJECT, text: 'relevant', limit: 10 });
      expect(other.spans).toEqual([]);
      const late = await context.store.searchText({
        project: PROJECT,
        text: 'refund',
        startTimeMin: EPOCH + 1000n * MS,
        limit: 10,
      });
      expect(late.spans.map((hit) => hit.name)).toEqual(['step 2', 'step 1']);
      expect(late.logs).toEqual([]);
      const one = await context.store.searchText({ project: PROJECT, text: 'refund', limit: 1 });
      expect(one.spans.map((hit) => hit.name)).toEqual(['step 0']);
    });

    it('ranks annotations by their text and tags', async () => {
      const [made] = await context.store.addAnnotations({
        project: PROJECT,
        annotations: [
          {
            traceId: spans[2]!.traceId,
            spanId: spans[2]!.spanId,
            author: 'qa',
            text: 'The refund answer was wrong',
            tags: ['needs-review', 'billing'],
            score: null,
            source: 'human',
            timeUnixNano: EPOCH,
          },
        ],
      });
      const byText = await context.store.searchText({ project: PROJECT, text: 'wrong refund', limit: 10 });
      expect(byText.annotations).toEqual([
        {
          id: made!.id,
          traceId: spans[2]!.traceId,
          spanId: spans[2]!.spanId,
          timeUnixNano: EPOCH,
          score: byText.annotations[0]!.score,
        },
      ]);
      const byTag = await context.store.searchText({ project: PROJECT, text: 'billing', limit: 10 });
      expect(byTag.annotations.map((hit) => hit.id)).toEqual([made!.id]);
      expect(byTag.spans).toEqual([]);
    });

    it('finds a phrase only with its words in order', async () => {
      const result = await context.store.searchText({
        project: PROJECT,
        text: '"refund requested"',
        limit: 10,
      });
      expect(result.spans.map((hit) => hit.name)).toEqual(['step 2']);
      const reversed = await context.store.searchText({
        project: PROJECT,
        text: '"requested refund"',
        limit: 10,
      });
      expect(reversed.spans).toEqual([]);
    });
  });
}
