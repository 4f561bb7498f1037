import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type Store } from '../../src/index.js';
import { binaryArray } from '../../src/postgres/binary-arrays.js';
import { tsvectorOf } from '../../src/postgres/words.js';
import { agentRunSpans } from '../contract/fixtures/rollup-traces.js';
import { EPOCH, makeSpan, spanId, traceId } from '../contract/fixtures/span-builder.js';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster.js';

/*
 * What a PostgreSQL store does when the database misbehaves: each failure is classified for the
 * write queue, nothing half-written stays, and the store recovers by itself. Also the limits of
 * what PostgreSQL can hold (a NUL in a text, a text too long for a tsvector) never fail a write.
 */

let cluster: PostgresCluster;
let url: string;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  url = await cluster.createDatabase('failures');
});
afterAll(async () => {
  await cluster.destroy();
});

function spansOf(project: string) {
  return { spans: agentRunSpans(project), logs: [], metrics: [] };
}

describe('failures', () => {
  let store: Store;

  beforeAll(async () => {
    store = await openPostgresStore({ url, statementTimeoutMs: 500, connectTimeoutMs: 1000 });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('fails a write stuck behind a lock as a timeout, and commits nothing of it', async () => {
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE traces IN ACCESS EXCLUSIVE MODE');
      const failure = await store.write(spansOf('timeout')).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(store.classifyWriteError(failure)).toBe('timeout');
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect(await store.counts({ project: 'timeout' })).toMatchObject({ traces: 0, spans: 0 });
    expect((await store.write(spansOf('timeout'))).spansWritten).toBe(agentRunSpans('timeout').length);
  });

  it('fails writes as connection failures while the server is down, then recovers by itself', async () => {
    await cluster.stop();
    try {
      const failure = await store.write(spansOf('outage')).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(store.classifyWriteError(failure)).toBe('connection');
      await expect(store.counts({ project: 'outage' })).rejects.toThrow();
    } finally {
      await cluster.start();
    }
    expect((await store.write(spansOf('outage'))).spansWritten).toBe(agentRunSpans('outage').length);
    expect(await store.counts({ project: 'outage' })).toMatchObject({ traces: 1 });
  });

  it('classifies a write to a closed store as a connection failure', async () => {
    const closed = await openPostgresStore({ url });
    await closed.close();
    const failure = await closed.write(spansOf('closed')).catch((error: unknown) => error);
    expect(closed.classifyWriteError(failure)).toBe('connection');
  });
});

describe('texts and words as PostgreSQL holds them', () => {
  let store: Store;
  const project = 'odd-texts';

  beforeAll(async () => {
    store = await openPostgresStore({ url });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('stores a NUL in a name, an attribute key and a value; the value reads back exactly', async () => {
    const span = {
      ...makeSpan({
        project,
        traceId: traceId(0x1),
        spanId: spanId(1),
        name: 'odd\u0000name',
        service: 'svc',
        start: EPOCH,
        duration: 10n,
      }),
      attributes: { 'nul\u0000key': 3, note: 'a\u0000b', lone: '\ud800' },
    };
    expect((await store.write({ spans: [span], logs: [], metrics: [] })).spansWritten).toBe(1);
    const [stored] = (await store.getTrace({ project, traceId: span.traceId }))!.spans;
    expect(stored!.name).toBe('odd\ufffdname');
    expect(stored!.attributes).toEqual(span.attributes);
  });

  it('sends words that PostgreSQL reads as the same tsvector', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const text = 'Refund, refund: REFUND requested — Café 东京';
      const vectors = [tsvectorOf(text), null, tsvectorOf('')];
      const { rows } = await client.query<{ words: string | null }>(
        'SELECT words::text FROM unnest($1::tsvector[]) AS w (words)',
        [binaryArray('tsvector', vectors)],
      );
      expect(rows.map((row) => row.words)).toEqual([
        "'cafe':5 'refund':1,2,3 'requested':4 '东京':6",
        null,
        '',
      ]);
    } finally {
      await client.end();
    }
  });

  it('indexes a text past what a tsvector takes, its beginning still found', async () => {
    const words = Array.from({ length: 40_000 }, (_, index) => `w${index}x${'y'.repeat(30)}`);
    const span = {
      ...makeSpan({
        project,
        traceId: traceId(0x2),
        spanId: spanId(1),
        name: 'long',
        service: 'svc',
        start: EPOCH,
        duration: 10n,
      }),
      attributes: { text: `opening words ${words.join(' ')}` },
    };
    expect((await store.write({ spans: [span], logs: [], metrics: [] })).spansWritten).toBe(1);
    const found = await store.findTraces({ project, text: '"opening words"', limit: 10 });
    expect(found.traces.map((trace) => trace.traceId)).toEqual([span.traceId]);
    const [stored] = (await store.getTrace({ project, traceId: span.traceId }))!.spans;
    expect(stored!.attributes.text).toBe(span.attributes.text);
  });
});
