import { parseTimeNano } from '@sextant/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { annotationView } from '../../src/api/annotation-view.js';
import { jsonSpan, jsonTraceRequest, randomSpanId, randomTraceId } from '../support/otlp-json.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
const PROJECT = 'notes-http';
const traces = Array.from({ length: 3 }, () => randomTraceId());
const childSpan = randomSpanId();

beforeAll(async () => {
  server = await startTestServer();
  const start = BigInt(Date.now()) * 1_000_000n;
  const spans = traces.flatMap((traceId, index) => {
    const root = randomSpanId();
    const at = String(start + BigInt(index) * 1_000_000n);
    return [
      jsonSpan({ traceId, spanId: root, name: 'root', startTimeUnixNano: at }),
      jsonSpan({
        traceId,
        spanId: index === 0 ? childSpan : randomSpanId(),
        parentSpanId: root,
        name: 'child',
        startTimeUnixNano: at,
      }),
    ];
  });
  const response = await server.app.inject({
    method: 'POST',
    url: '/v1/traces',
    headers: { 'content-type': 'application/json', 'x-sextant-project': PROJECT },
    payload: JSON.stringify(jsonTraceRequest(spans)),
  });
  expect(response.statusCode).toBe(200);
});
afterAll(() => server.stop());

type AnnotationJson = ReturnType<typeof annotationView>;
/** What the annotation routes answer: a page, new annotations, or an error. */
interface Answer {
  annotations: AnnotationJson[];
  nextCursor: string | null;
  error: { code: string; message: string; missing?: unknown };
}

function annotate(body: unknown, project = PROJECT) {
  return server.app.inject({
    method: 'POST',
    url: `/api/annotations?project=${project}`,
    payload: body as object,
  });
}

async function list(query: Record<string, string>): Promise<{ status: number; body: Answer }> {
  const response = await server.app.inject({
    method: 'GET',
    url: `/api/annotations?${new URLSearchParams({ project: PROJECT, ...query })}`,
  });
  return { status: response.statusCode, body: response.json<Answer>() };
}

const everyAnnotation = async () => (await list({ limit: '1000' })).body.annotations;

describe('annotating traces and spans', () => {
  let created: AnnotationJson[];

  beforeAll(async () => {
    const bulk = await annotate({
      targets: [
        { traceId: traces[0]!.toUpperCase() },
        { traceId: traces[0], spanId: childSpan },
        { traceId: traces[1] },
      ],
      author: 'alice',
      text: 'wrong tool chosen,\n"twice"',
      tags: ['regression', 'tools'],
      score: { name: 'quality', value: 0.25 },
      source: 'human',
      time: '2026-11-22T10:15:02.123456789Z',
    });
    expect(bulk.statusCode).toBe(201);
    created = bulk.json<Answer>().annotations;
    const labelled = await annotate({
      targets: [{ traceId: traces[2] }],
      author: 'judge',
      tags: ['tools'],
      score: { name: 'verdict', value: '42' },
      source: 'eval',
      time: '2026-11-22T10:15:03Z',
    });
    const flagged = await annotate({
      targets: [{ traceId: traces[1] }],
      author: 'ci',
      score: { name: 'passed', value: false },
      time: '2026-11-22T10:15:04Z',
    });
    created.push(...labelled.json<Answer>().annotations, ...flagged.json<Answer>().annotations);
  });

  it('answers each new annotation on its target, with the same content', () => {
    expect(created.slice(0, 3).map(({ traceId, spanId }) => [traceId, spanId])).toEqual([
      [traces[0], null],
      [traces[0], childSpan],
      [traces[1], null],
    ]);
    for (const annotation of created.slice(0, 3)) {
      expect(annotation).toMatchObject({
        author: 'alice',
        text: 'wrong tool chosen,\n"twice"',
        tags: ['regression', 'tools'],
        score: { name: 'quality', value: 0.25 },
        source: 'human',
        time: '2026-11-22T10:15:02.123456789Z',
        timeUnixNano: String(parseTimeNano('2026-11-22T10:15:02.123456789Z')),
      });
      expect(annotation.id).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('keeps a score its own type, and fills in the defaults', () => {
    expect(created[3]!.score).toEqual({ name: 'verdict', value: '42' });
    expect(created[4]).toMatchObject({
      score: { name: 'passed', value: false },
      source: 'api',
      text: '',
      tags: [],
    });
  });

  it.each([
    [{ traceId: 'TRACE0' }, [0, 1]],
    [{ traceId: 'TRACE0', spanId: childSpan }, [1]],
    [{ tag: 'tools' }, [0, 1, 2, 3]],
    [{ tag: 'regression', author: 'alice', traceId: 'TRACE1' }, [2]],
    [{ scoreName: 'passed' }, [4]],
    [{ source: 'eval' }, [3]],
    [{ start: '2026-11-22T10:15:03Z', end: String(parseTimeNano('2026-11-22T10:15:04Z')) }, [3, 4]],
  ] as const)('lists by %j, newest first', async (filter, indexes) => {
    const query = Object.fromEntries(
      Object.entries(filter).map(([name, value]) => [
        name,
        value.replace(/^TRACE(\d)$/, (_, n) => traces[Number(n)]!),
      ]),
    );
    const { status, body } = await list(query);
    expect(status).toBe(200);
    const expected = indexes.map((index) => created[index]!);
    expected.sort((a, b) =>
      a.timeUnixNano !== b.timeUnixNano
        ? BigInt(b.timeUnixNano) > BigInt(a.timeUnixNano)
          ? 1
          : -1
        : a.id < b.id
          ? 1
          : -1,
    );
    expect(body).toEqual({ annotations: expected, nextCursor: null });
  });

  it('pages with an opaque cursor, each annotation once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: Answer } = await list({ limit: '2', ...(cursor === null ? {} : { cursor }) });
      expect(body.annotations.length).toBeLessThanOrEqual(2);
      seen.push(...body.annotations.map(({ id }) => id));
      cursor = body.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual((await everyAnnotation()).map(({ id }) => id));
    expect(new Set(seen).size).toBe(created.length);
  });

  it('shows a trace with its newest annotations', async () => {
    const response = await server.app.inject({ url: `/api/traces/${traces[1]}?project=${PROJECT}` });
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view.annotations).toEqual({ items: [created[4], created[2]], nextCursor: null });
    expect(view.trace.spanCount).toBe(2);
  });

  it('deletes one annotation: 204, then 404', async () => {
    const extra = (
      await annotate({ targets: [{ traceId: traces[2] }], author: 'temp', tags: ['doomed'] })
    ).json();
    const id = extra.annotations[0].id;
    const url = `/api/annotations/${id.toUpperCase()}?project=${PROJECT}`;
    expect(
      (await server.app.inject({ method: 'DELETE', url: `/api/annotations/${id}?project=other` })).statusCode,
    ).toBe(404);
    expect((await server.app.inject({ method: 'DELETE', url })).statusCode).toBe(204);
    const again = await server.app.inject({ method: 'DELETE', url });
    expect(again.statusCode).toBe(404);
    expect(again.json<Answer>().error.code).toBe('SEXTANT_ERR_NOT_FOUND');
    expect((await list({ tag: 'doomed' })).body.annotations).toEqual([]);
  });
});

describe('bad requests change nothing', () => {
  let before: AnnotationJson[];
  beforeEach(async () => {
    before = await everyAnnotation();
  });

  const valid = () => ({ targets: [{ traceId: traces[0] }], author: 'mallory' });

  it.each([
    ['a malformed trace id', { ...valid(), targets: [{ traceId: 'xyz' }] }],
    ['a malformed span id', { ...valid(), targets: [{ traceId: traces[0], spanId: '12' }] }],
    ['no target', { ...valid(), targets: [] }],
    [
      'too many targets',
      { ...valid(), targets: Array.from({ length: 1001 }, () => ({ traceId: traces[0] })) },
    ],
    ['no author', { targets: valid().targets }],
    ['an unknown field', { ...valid(), colour: 'red' }],
    ['repeated tags', { ...valid(), tags: ['a', 'a'] }],
    ['an empty tag', { ...valid(), tags: [''] }],
    ['an unknown source', { ...valid(), source: 'robot' }],
    ['an unreadable time', { ...valid(), time: 'yesterday' }],
    ['a score value that is an object', { ...valid(), score: { name: 's', value: { x: 1 } } }],
    ['a score value that is null', { ...valid(), score: { name: 's', value: null } }],
    ['a score value that is an empty label', { ...valid(), score: { name: 's', value: '' } }],
    ['a score without a value', { ...valid(), score: { name: 's' } }],
    ['a score without a name', { ...valid(), score: { value: 1 } }],
  ])('%s: 400', async (_, body) => {
    const response = await annotate(body);
    expect(response.statusCode).toBe(400);
    expect(response.json<Answer>().error.code).toBe('SEXTANT_ERR_INVALID_REQUEST');
    expect(await everyAnnotation()).toEqual(before);
  });

  it('targets the project lacks: 404 listing each, the others not stored either', async () => {
    const unknown = randomTraceId();
    const unknownSpan = randomSpanId();
    const response = await annotate({
      ...valid(),
      targets: [
        { traceId: traces[0] },
        { traceId: unknown },
        { traceId: traces[0], spanId: unknownSpan },
        { traceId: unknown },
      ],
    });
    expect(response.statusCode).toBe(404);
    const { error } = response.json<Answer>();
    expect(error.code).toBe('SEXTANT_ERR_NOT_FOUND');
    expect(error.missing).toEqual([
      { traceId: unknown, spanId: null },
      { traceId: traces[0], spanId: unknownSpan },
    ]);
    expect(error.message).toContain(unknown);
    expect(await everyAnnotation()).toEqual(before);
  });

  it('a trace of another project: 404', async () => {
    const response = await annotate(valid(), 'elsewhere');
    expect(response.statusCode).toBe(404);
    expect(response.json<Answer>().error.missing).toEqual([{ traceId: traces[0], spanId: null }]);
  });

  it.each([
    [{ cursor: 'bm90IGEgY3Vyc29y' }, 'SEXTANT_ERR_INVALID_CURSOR'],
    [{ limit: '0' }, 'SEXTANT_ERR_INVALID_REQUEST'],
    [{ limit: '1001' }, 'SEXTANT_ERR_INVALID_REQUEST'],
    [{ start: '2026-11-22T10:00:00Z', end: '2026-11-22T09:00:00Z' }, 'SEXTANT_ERR_INVALID_REQUEST'],
    [{ traceId: 'not-hex' }, 'SEXTANT_ERR_INVALID_REQUEST'],
    [{ source: 'robot' }, 'SEXTANT_ERR_INVALID_REQUEST'],
    [{ colour: 'red' }, 'SEXTANT_ERR_INVALID_REQUEST'],
  ])('listing with %j: 400 %s', async (query, code) => {
    const { status, body } = await list(query);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
  });

  it('a tampered cursor: 400', async () => {
    const { body } = await list({ limit: '1' });
    const cursor = body.nextCursor!;
    const tampered = `${cursor.slice(0, 10)}${cursor[10] === 'A' ? 'B' : 'A'}${cursor.slice(11)}`;
    const { status, body: refused } = await list({ limit: '1', cursor: tampered });
    expect(status).toBe(400);
    expect(refused.error.code).toBe('SEXTANT_ERR_INVALID_CURSOR');
  });

  it('deleting by a malformed id: 400', async () => {
    const response = await server.app.inject({
      method: 'DELETE',
      url: `/api/annotations/xyz?project=${PROJECT}`,
    });
    expect(response.statusCode).toBe(400);
    expect(await everyAnnotation()).toEqual(before);
  });
});
