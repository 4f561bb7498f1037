import type { Span } from '@sextant/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, SQLITE_WRITER_MODES, type Store } from '../../src/index.js';
import { LONG_PROMPT } from '../contract/fixtures/round-trip.js';
import { EPOCH, MS, makeSpan, spanId, traceId } from '../contract/fixtures/span-builder.js';
import { countRows, temporaryDatabasePerTest } from './sqlite-files.js';

/** A span of its own trace whose attribute holds a long prompt, stored once as a payload. */
function promptSpan(n: number, start: bigint, prompt: string): Span {
  const span = makeSpan({
    project: 'p',
    traceId: traceId(n),
    spanId: spanId(1),
    name: 'chat',
    service: 'agent',
    start,
    duration: MS,
  });
  return { ...span, attributes: { prompt } };
}

const OTHER_PROMPT = `${LONG_PROMPT} (another)`;

describe.each(SQLITE_WRITER_MODES)('SQLite retention of payloads (%s writer)', (writer) => {
  let path = '';
  let store: Store;
  temporaryDatabasePerTest((next) => {
    path = next;
  });
  beforeEach(() => {
    store = openSqliteStore({ path, writer });
  });
  afterEach(() => store.close());

  it('collects a payload once nothing that used it is left, and keeps one still in use', async () => {
    await store.write({
      spans: [
        promptSpan(1, EPOCH, LONG_PROMPT),
        promptSpan(2, EPOCH + 10n * MS, LONG_PROMPT),
        promptSpan(3, EPOCH, OTHER_PROMPT),
      ],
      logs: [],
      metrics: [],
    });
    expect(countRows(path, 'payloads')).toBe(2);
    const result = await store.removeOlderThan({ before: EPOCH + 5n * MS, limit: 100 });
    expect(result).toMatchObject({ traces: 2, payloads: 1, done: true });
    expect(countRows(path, 'payloads')).toBe(1);
    const kept = await store.getTrace({ project: 'p', traceId: traceId(2) });
    expect(kept?.spans[0]?.attributes.prompt).toBe(LONG_PROMPT);
  });

  it('collects nothing while a chunked removal is unfinished', async () => {
    const spans = [1, 2, 3].map((n) => promptSpan(n, EPOCH + BigInt(n) * MS, OTHER_PROMPT));
    await store.write({ spans, logs: [], metrics: [] });
    expect(await store.removeOlderThan({ before: EPOCH + 10n * MS, limit: 2 })).toMatchObject({
      traces: 2,
      payloads: 0,
      done: false,
    });
    expect(countRows(path, 'payloads')).toBe(1);
    expect(await store.removeOlderThan({ before: EPOCH + 10n * MS, limit: 2 })).toMatchObject({
      traces: 1,
      payloads: 1,
      done: true,
    });
  });

  it('stores a collected payload again when a later span uses it', async () => {
    await store.write({ spans: [promptSpan(1, EPOCH, LONG_PROMPT)], logs: [], metrics: [] });
    await store.removeOlderThan({ before: EPOCH + MS, limit: 100 });
    expect(countRows(path, 'payloads')).toBe(0);
    await store.write({ spans: [promptSpan(2, EPOCH + 2n * MS, LONG_PROMPT)], logs: [], metrics: [] });
    const stored = await store.getTrace({ project: 'p', traceId: traceId(2) });
    expect(stored?.spans[0]?.attributes.prompt).toBe(LONG_PROMPT);
  });

  it('frees pages that later writes reuse', async () => {
    const spans = Array.from({ length: 200 }, (_, n) =>
      promptSpan(n + 1, EPOCH + BigInt(n) * MS, `${OTHER_PROMPT} ${n}`),
    );
    await store.write({ spans, logs: [], metrics: [] });
    const full = (await store.storedBytes())!;
    await store.removeOlderThan({ before: EPOCH + 1000n * MS, limit: 1000 });
    expect((await store.storedBytes())!).toBeLessThan(full / 2);
  });
});
