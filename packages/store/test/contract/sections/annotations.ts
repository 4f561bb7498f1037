import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Annotation,
  type AnnotationCursor,
  type AnnotationQuery,
  type NewAnnotation,
  type Store,
  TargetsNotFoundError,
} from '../../../src/index.js';
import { has, temporaryDirectory } from '../backends.js';
import { annotationTime, NEW_ANNOTATIONS, twoSpanTraces } from '../fixtures/annotations.js';
import { spanId, traceId } from '../fixtures/span-builder.js';
import { type ContractContext, spansOnly } from './context.js';

const PROJECT = 'notes';

/** Newest first: time descending, then id descending. */
function newestFirst(annotations: readonly Annotation[]): Annotation[] {
  return [...annotations].sort((a, b) =>
    a.timeUnixNano !== b.timeUnixNano ? (a.timeUnixNano > b.timeUnixNano ? -1 : 1) : a.id > b.id ? -1 : 1,
  );
}

/** Every page of a listing, following the cursors; each page within the limit. */
async function allPages(
  store: Store,
  query: AnnotationQuery,
): Promise<{ found: Annotation[]; pages: number }> {
  const found: Annotation[] = [];
  let after: AnnotationCursor | undefined;
  let pages = 0;
  do {
    const page = await store.findAnnotations({ ...query, after });
    pages++;
    expect(page.annotations.length).toBeLessThanOrEqual(query.limit);
    found.push(...page.annotations);
    after = page.nextCursor ?? undefined;
  } while (after !== undefined && pages <= NEW_ANNOTATIONS.length);
  return { found, pages };
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

/** Annotations on traces and spans: added all or none, listed by filters, newest first, deleted. */
export function annotationsSection(context: ContractContext): void {
  describe('annotations', () => {
    let added: Annotation[];
    const all = () => ({ project: PROJECT, limit: 100 });

    beforeAll(async () => {
      await context.store.write(
        spansOnly([...twoSpanTraces(PROJECT, 4), ...twoSpanTraces('notes-other', 1)]),
      );
      added = await context.store.addAnnotations({ project: PROJECT, annotations: NEW_ANNOTATIONS });
    });

    it('stores every field as given, under a new id, answered in the order given', async () => {
      expect(added).toEqual(
        NEW_ANNOTATIONS.map((annotation) => ({ ...annotation, id: expect.any(String), project: PROJECT })),
      );
      for (const { id } of added) expect(id).toMatch(/^[0-9a-f]{32}$/);
      expect(new Set(added.map(({ id }) => id)).size).toBe(added.length);
      expect((await context.store.findAnnotations(all())).annotations).toEqual(newestFirst(added));
    });

    it('keeps each kind of score value its own type', async () => {
      const scores = (await context.store.findAnnotations(all())).annotations.map(
        ({ score }) => score?.value,
      );
      expect(scores.filter((value) => typeof value === 'number').sort()).toEqual([0.9, 42]);
      expect(scores.filter((value) => typeof value === 'string').sort()).toEqual(['42', 'fail']);
      expect(scores.filter((value) => typeof value === 'boolean').sort()).toEqual([false, true]);
    });

    const FILTERS: readonly [string, Omit<AnnotationQuery, 'project' | 'limit'>, number[]][] = [
      ['a trace', { traceId: traceId(1) }, [0, 1, 6]],
      ['a span', { traceId: traceId(1), spanId: spanId(2) }, [1]],
      ['a span id in any trace', { spanId: spanId(2) }, [1, 4]],
      ['a tag', { tag: 'good' }, [0, 2, 4]],
      ['a tag with a comma and quotes', { tag: 'needs, "care"' }, [4]],
      ['a score name', { scoreName: 'quality' }, [0, 3]],
      ['an author', { author: 'bob' }, [1, 4, 6]],
      ['a source', { source: 'eval' }, [1, 3]],
      ['a time range, inclusive', { timeMin: annotationTime(3), timeMax: annotationTime(5) }, [2, 3, 4, 5]],
      ['a tag and an author', { tag: 'reviewed', author: 'bob' }, [6]],
      ['a tag and a time range', { tag: 'good', timeMin: annotationTime(2) }, [2, 4]],
      ['a trace and a source', { traceId: traceId(2), source: 'api' }, [2]],
      ['a tag nobody used', { tag: 'unused' }, []],
      ['a trace without annotations', { traceId: traceId(4) }, []],
    ];
    it.each(FILTERS)('lists by %s, newest first', async (_, filter, indexes) => {
      const page = await context.store.findAnnotations({ ...all(), ...filter });
      expect(page.annotations).toEqual(newestFirst(indexes.map((index) => added[index]!)));
      expect(page.nextCursor).toBeNull();
    });

    it.each([1, 2, 3, 6, 7])('pages through every annotation once, %i at a time', async (limit) => {
      const { found, pages } = await allPages(context.store, { project: PROJECT, limit });
      expect(found).toEqual(newestFirst(added));
      expect(pages).toBe(Math.ceil(added.length / limit));
    });

    it('pages through a filtered listing', async () => {
      const { found } = await allPages(context.store, { project: PROJECT, tag: 'good', limit: 1 });
      expect(found).toEqual(newestFirst([0, 2, 4].map((index) => added[index]!)));
    });

    it('refuses a call naming a trace or span the project does not hold, storing nothing', async () => {
      const valid = NEW_ANNOTATIONS[0]!;
      const unknownTrace = { ...valid, traceId: traceId(99) };
      const unknownSpan = { ...valid, spanId: spanId(9) };
      const failure = await rejection(
        context.store.addAnnotations({
          project: PROJECT,
          annotations: [valid, unknownTrace, unknownSpan, unknownTrace],
        }),
      );
      expect(failure).toBeInstanceOf(TargetsNotFoundError);
      expect((failure as TargetsNotFoundError).missing).toEqual([
        { traceId: traceId(99), spanId: null },
        { traceId: traceId(1), spanId: spanId(9) },
      ]);
      const otherProject = await rejection(
        context.store.addAnnotations({ project: 'notes-other', annotations: [NEW_ANNOTATIONS[2]!] }),
      );
      expect((otherProject as TargetsNotFoundError).missing).toEqual([{ traceId: traceId(2), spanId: null }]);
      expect((await context.store.findAnnotations(all())).annotations).toHaveLength(added.length);
      expect(
        (await context.store.findAnnotations({ project: 'notes-other', limit: 10 })).annotations,
      ).toEqual([]);
    });

    const MALFORMED: readonly [string, Partial<NewAnnotation>][] = [
      ['an upper-case trace id', { traceId: traceId(0xabc).toUpperCase() }],
      ['a short span id', { spanId: '12ab' }],
      ['an empty author', { author: '' }],
      ['repeated tags', { tags: ['x', 'x'] }],
      ['an empty tag', { tags: [''] }],
      ['a score that is not finite', { score: { name: 'quality', value: Number.NaN } }],
      ['a score without a name', { score: { name: '', value: 1 } }],
      ['an unknown source', { source: 'robot' as NewAnnotation['source'] }],
      ['a negative time', { timeUnixNano: -1n }],
    ];
    it.each(MALFORMED)('refuses %s with a RangeError, storing nothing of the call', async (_, change) => {
      const failure = await rejection(
        context.store.addAnnotations({
          project: PROJECT,
          annotations: [NEW_ANNOTATIONS[0]!, { ...NEW_ANNOTATIONS[0]!, ...change }],
        }),
      );
      expect(failure).toBeInstanceOf(RangeError);
      expect((await context.store.findAnnotations(all())).annotations).toHaveLength(added.length);
    });

    it('deletes one annotation, from every listing, within its project only', async () => {
      const extra = await context.store.addAnnotations({
        project: PROJECT,
        annotations: [{ ...NEW_ANNOTATIONS[4]!, tags: ['doomed'] }],
      });
      const { id } = extra[0]!;
      expect(await context.store.deleteAnnotation({ project: 'notes-other', id })).toBe(false);
      expect((await context.store.findAnnotations({ ...all(), tag: 'doomed' })).annotations).toEqual(extra);
      expect(await context.store.deleteAnnotation({ project: PROJECT, id })).toBe(true);
      expect(await context.store.deleteAnnotation({ project: PROJECT, id })).toBe(false);
      expect((await context.store.findAnnotations({ ...all(), tag: 'doomed' })).annotations).toEqual([]);
      expect((await context.store.findAnnotations(all())).annotations).toEqual(newestFirst(added));
    });

    it('adds nothing for an empty call', async () => {
      expect(await context.store.addAnnotations({ project: PROJECT, annotations: [] })).toEqual([]);
    });

    const durability = has(context.backend, 'durability') ? it : null;
    durability?.('keeps annotations across close and re-open', async () => {
      const durable = temporaryDirectory();
      const first = await context.backend.open(durable.dir);
      await first.write(spansOnly(twoSpanTraces(PROJECT, 3)));
      const stored = await first.addAnnotations({ project: PROJECT, annotations: NEW_ANNOTATIONS });
      await first.close();
      const second = await context.backend.open(durable.dir);
      try {
        expect((await second.findAnnotations(all())).annotations).toEqual(newestFirst(stored));
      } finally {
        await second.close();
        durable.remove();
      }
    });
  });
}
