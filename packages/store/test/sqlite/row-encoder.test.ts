import { describe, expect, it } from 'vitest';
import type { WriteBatch } from '../../src/index.js';
import { RowEncoder } from '../../src/sqlite/row-encoder.js';
import { EPOCH, makeSpan, spanId, traceId } from '../contract/fixtures/span-builder.js';

const PROMPT = 'You are a careful agent. '.repeat(200);

function promptBatch(project: string, count: number): WriteBatch {
  const spans = Array.from({ length: count }, (_, index) => {
    const span = makeSpan({
      project,
      traceId: traceId(1),
      spanId: spanId(index + 1),
      name: 'chat',
      service: 'agent',
      start: EPOCH,
      duration: 1n,
    });
    // A fresh copy per span, as a decoder makes.
    return { ...span, attributes: { 'gen_ai.system_instructions': Buffer.from(PROMPT).toString() } };
  });
  return { spans, logs: [], metrics: [] };
}

describe('SQLite row encoder', () => {
  it('lists a long string once per batch and project', () => {
    const encoder = new RowEncoder(2048);
    const { encoded } = encoder.encode({
      spans: [...promptBatch('a', 3).spans, ...promptBatch('b', 2).spans],
      logs: [],
      metrics: [],
    });
    expect(encoded.payloads.map(([project, hash, text]) => [project, hash.length, text])).toEqual([
      ['a', 64, PROMPT],
      ['b', 64, PROMPT],
    ]);
    expect(encoded.spans.every((row) => row[12].includes(`["p","${encoded.payloads[0]![1]}"]`))).toBe(true);
  });

  it('sends a long string again until a batch holding it is confirmed committed', () => {
    const encoder = new RowEncoder(2048);
    const failed = encoder.encode(promptBatch('a', 1));
    const inFlight = encoder.encode(promptBatch('a', 1));
    expect([failed.encoded.payloads.length, inFlight.encoded.payloads.length]).toEqual([1, 1]);
    // The first write failed (never confirmed); the second committed.
    encoder.confirm(inFlight.listed);
    expect(encoder.encode(promptBatch('a', 1)).encoded.payloads).toEqual([]);
    expect(encoder.encode(promptBatch('b', 1)).encoded.payloads).toHaveLength(1);
  });

  it('lists each resource and scope once, and points rows at them', () => {
    const encoder = new RowEncoder(2048);
    const batch = promptBatch('a', 4);
    const other = { ...batch.spans[3]!, resource: { ...batch.spans[3]!.resource, schemaUrl: 'x' } };
    const { encoded } = encoder.encode({ ...batch, spans: [...batch.spans.slice(0, 3), other] });
    expect(encoded.resources).toHaveLength(2);
    expect(encoded.scopes).toHaveLength(1);
    expect(encoded.spans.map((row) => [row[10], row[11]])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [1, 0],
    ]);
  });
});
