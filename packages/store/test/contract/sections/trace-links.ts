import { beforeAll, describe, expect, it } from 'vitest';
import {
  type LinkedTraceQuery,
  type Store,
  TargetsNotFoundError,
  type TraceCursor,
  type TraceLinkChange,
} from '../../../src/index.js';
import { has, temporaryDirectory } from '../backends.js';
import { twoSpanTraces } from '../fixtures/annotations.js';
import { traceId } from '../fixtures/span-builder.js';
import { type ContractContext, spansOnly } from './context.js';

const PROJECT = 'links';
/** Traces 1 to 8 of `twoSpanTraces`: trace n starts n - 1 ms after the epoch, so 8 is the newest. */
const TRACE_COUNT = 8;

/** The trace ids of every page of linked traces, following the cursors. */
async function linkedIds(store: Store, query: LinkedTraceQuery): Promise<string[]> {
  const ids: string[] = [];
  let after: TraceCursor | undefined;
  let pages = 0;
  do {
    const page = await store.findLinkedTraces({ ...query, after });
    expect(page.traces.length).toBeLessThanOrEqual(query.limit);
    ids.push(...page.traces.map((trace) => trace.traceId));
    after = page.nextCursor ?? undefined;
  } while (after !== undefined && ++pages <= TRACE_COUNT);
  return ids;
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );
const ids = (...numbers: number[]) => numbers.map((n) => traceId(n));

/** Correlation ids and replay links: set, cleared, read from both ends, refused when they dangle. */
export function traceLinksSection(context: ContractContext): void {
  describe('trace links', () => {
    const link = (change: Omit<TraceLinkChange, 'project'>) =>
      context.store.linkTrace({ project: PROJECT, ...change });
    const linksOf = (n: number) => context.store.getTraceLinks({ project: PROJECT, traceId: traceId(n) });

    beforeAll(async () => {
      await context.store.write(
        spansOnly([...twoSpanTraces(PROJECT, TRACE_COUNT), ...twoSpanTraces('links-other', 2)]),
      );
      for (const n of [2, 5, 7]) await link({ traceId: traceId(n), correlationId: 'job-42' });
      for (const n of [3, 4, 8]) await link({ traceId: traceId(n), replayOf: traceId(1) });
      await link({ traceId: traceId(6), replayOf: traceId(3) });
    });

    it('finds the traces sharing a correlation id, newest first, page by page', async () => {
      for (const limit of [1, 2, 3]) {
        expect(
          await linkedIds(context.store, {
            project: PROJECT,
            field: 'correlationId',
            value: 'job-42',
            limit,
          }),
        ).toEqual(ids(7, 5, 2));
      }
    });

    it('reads a replay link from both ends', async () => {
      expect(await linksOf(8)).toEqual({ correlationId: null, replayOf: traceId(1) });
      expect(
        await linkedIds(context.store, { project: PROJECT, field: 'replayOf', value: traceId(1), limit: 2 }),
      ).toEqual(ids(8, 4, 3));
      expect(
        await linkedIds(context.store, { project: PROJECT, field: 'replayOf', value: traceId(3), limit: 10 }),
      ).toEqual(ids(6));
      expect(await linksOf(1)).toEqual({ correlationId: null, replayOf: null });
    });

    it('changes the links given, leaves the others, and clears with null', async () => {
      expect(await link({ traceId: traceId(4), correlationId: 'job-43' })).toEqual({
        correlationId: 'job-43',
        replayOf: traceId(1),
      });
      expect(await link({ traceId: traceId(4), replayOf: null })).toEqual({
        correlationId: 'job-43',
        replayOf: null,
      });
      expect(await link({ traceId: traceId(4), correlationId: null })).toEqual({
        correlationId: null,
        replayOf: null,
      });
      expect(await linksOf(4)).toEqual({ correlationId: null, replayOf: null });
      expect(
        await linkedIds(context.store, { project: PROJECT, field: 'replayOf', value: traceId(1), limit: 10 }),
      ).toEqual(ids(8, 3));
      expect(
        await linkedIds(context.store, {
          project: PROJECT,
          field: 'correlationId',
          value: 'job-43',
          limit: 10,
        }),
      ).toEqual([]);
    });

    it('refuses a link from or to a trace the project does not hold, changing nothing', async () => {
      const fromUnknown = await rejection(link({ traceId: traceId(99), correlationId: 'job-42' }));
      expect((fromUnknown as TargetsNotFoundError).missing).toEqual([{ traceId: traceId(99), spanId: null }]);
      const toUnknown = await rejection(
        link({ traceId: traceId(2), correlationId: 'job-44', replayOf: traceId(98) }),
      );
      expect(toUnknown).toBeInstanceOf(TargetsNotFoundError);
      expect((toUnknown as TargetsNotFoundError).missing).toEqual([{ traceId: traceId(98), spanId: null }]);
      const toOtherProject = await rejection(
        context.store.linkTrace({ project: 'links-other', traceId: traceId(1), replayOf: traceId(5) }),
      );
      expect((toOtherProject as TargetsNotFoundError).missing).toEqual([
        { traceId: traceId(5), spanId: null },
      ]);
      expect(await linksOf(2)).toEqual({ correlationId: 'job-42', replayOf: null });
      expect(await context.store.getTraceLinks({ project: 'links-other', traceId: traceId(1) })).toEqual({
        correlationId: null,
        replayOf: null,
      });
    });

    const MALFORMED: readonly [string, Omit<TraceLinkChange, 'project'>][] = [
      ['a replay of itself', { traceId: traceId(2), replayOf: traceId(2) }],
      ['a correlation id with a space', { traceId: traceId(2), correlationId: 'job 42' }],
      ['an empty correlation id', { traceId: traceId(2), correlationId: '' }],
      ['a correlation id over 128 characters', { traceId: traceId(2), correlationId: 'x'.repeat(129) }],
      ['a malformed replayOf', { traceId: traceId(2), replayOf: 'abc' }],
      ['a malformed trace id', { traceId: 'xyz', correlationId: 'job-42' }],
    ];
    it.each(MALFORMED)('refuses %s with a RangeError, changing nothing', async (_, change) => {
      expect(await rejection(link(change))).toBeInstanceOf(RangeError);
      expect(await linksOf(2)).toEqual({ correlationId: 'job-42', replayOf: null });
    });

    it('keeps projects apart', async () => {
      await context.store.linkTrace({ project: 'links-other', traceId: traceId(2), correlationId: 'job-42' });
      expect(
        await linkedIds(context.store, {
          project: 'links-other',
          field: 'correlationId',
          value: 'job-42',
          limit: 10,
        }),
      ).toEqual(ids(2));
      expect(
        await linkedIds(context.store, {
          project: PROJECT,
          field: 'correlationId',
          value: 'job-42',
          limit: 10,
        }),
      ).toEqual(ids(7, 5, 2));
    });

    it('answers no links for a trace the project does not hold', async () => {
      expect(await context.store.getTraceLinks({ project: PROJECT, traceId: traceId(99) })).toEqual({
        correlationId: null,
        replayOf: null,
      });
    });

    const durability = has(context.backend, 'durability') ? it : null;
    durability?.('keeps links across close and re-open', async () => {
      const durable = temporaryDirectory();
      const first = await context.backend.open(durable.dir);
      await first.write(spansOnly(twoSpanTraces(PROJECT, 2)));
      await first.linkTrace({
        project: PROJECT,
        traceId: traceId(2),
        correlationId: 'kept',
        replayOf: traceId(1),
      });
      await first.close();
      const second = await context.backend.open(durable.dir);
      try {
        expect(await second.getTraceLinks({ project: PROJECT, traceId: traceId(2) })).toEqual({
          correlationId: 'kept',
          replayOf: traceId(1),
        });
      } finally {
        await second.close();
        durable.remove();
      }
    });
  });
}
