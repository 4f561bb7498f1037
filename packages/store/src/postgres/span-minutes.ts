import { LatencySketch } from '@sextant/core';
import type pg from 'pg';
import { type SpanContribution, USAGE_SPAN_TYPES } from '../rollup/trace-rollup.js';
import type { SpanFacts } from '../sqlite/search-indexer.js';
import { SUM_COLUMNS } from '../sqlite/span-aggregates.js';
import type { SpanRow } from '../sqlite/span-codec.js';
import { columnText } from './batch-rows.js';
import { type BinaryType, binaryArray } from './binary-arrays.js';

/*
 * `span_minutes` holds, per project, minute of span start and group (service, span name, span
 * type, model, provider, API key hash), what analytics over spans need, as in the SQLite store:
 * counts, errors, latency (sum, bounds, a sketch), LLM requests, tokens and cost of usage spans.
 * A write adds its new spans, a removal takes away the spans it deleted, one upsert per group,
 * so the figures are as idempotent and order-free as the rollups, whichever instance writes.
 */

export const NANOS_PER_MINUTE = 60_000_000_000n;

const GROUP_COLUMNS = [
  'project',
  'minute',
  'service',
  'name',
  'span_type',
  'model',
  'provider',
  'api_key_hash',
];
const GROUP_TYPES: BinaryType[] = ['text', 'bigint', 'text', 'text', 'text', 'text', 'text', 'text'];
const DELTA_COLUMNS = [...GROUP_COLUMNS, ...SUM_COLUMNS, 'duration_min_ns', 'duration_max_ns', 'latency'];
const DELTA_TYPES: BinaryType[] = [
  ...GROUP_TYPES,
  ...SUM_COLUMNS.map(() => 'bigint' as const),
  'bigint',
  'bigint',
  'text',
];
const DELTAS = `unnest(${DELTA_TYPES.map((type, index) => `$${index + 1}::${type}[]`).join(', ')}) AS d (${DELTA_COLUMNS.join(', ')})`;
const SAME_GROUP = GROUP_COLUMNS.map((column) => `m.${column} = d.${column}`).join(' AND ');

const ADD =
  `INSERT INTO span_minutes AS m (${DELTA_COLUMNS.join(', ')}) SELECT * FROM ${DELTAS} ` +
  `ON CONFLICT (${GROUP_COLUMNS.join(', ')}) DO UPDATE SET ` +
  SUM_COLUMNS.map((column) => `${column} = m.${column} + excluded.${column}`).join(', ') +
  ', duration_min_ns = least(m.duration_min_ns, excluded.duration_min_ns), ' +
  'duration_max_ns = greatest(m.duration_max_ns, excluded.duration_max_ns), ' +
  'latency = sextant_combine_sketches(m.latency, excluded.latency, 1)';

/** A deletion cannot know the bounds of what is left: they stay as bounds, as in the sketch. */
const TAKE_AWAY =
  'UPDATE span_minutes AS m SET ' +
  SUM_COLUMNS.map((column) => `${column} = m.${column} - d.${column}`).join(', ') +
  `, latency = sextant_combine_sketches(m.latency, d.latency, -1) FROM ${DELTAS} WHERE ${SAME_GROUP}`;

const DELETE_EMPTY = `DELETE FROM span_minutes AS m USING ${DELTAS} WHERE ${SAME_GROUP} AND m.spans <= 0`;

/** One group's figures in a batch; `sums` in the order of SUM_COLUMNS. */
interface MinuteGroup {
  key: string;
  keys: (string | bigint)[];
  sums: bigint[];
  min: bigint;
  max: bigint;
  latency: LatencySketch;
}

/** Adds up a batch's new (or deleted) spans per minute and group, then applies each group once. */
export class MinuteDeltas {
  readonly #groups = new Map<string, MinuteGroup>();

  /** A span, by its row (whose texts are as stored) and its facts. */
  add(row: SpanRow, contribution: SpanContribution, facts: SpanFacts): void {
    const [project, , , , name, service, , statusCode, start, end] = row;
    const [spanType, model, provider, apiKeyHash] = facts.map(columnText) as SpanFacts;
    const minute = start / NANOS_PER_MINUTE;
    const key = `${project}\u0000${minute}\u0000${service}\u0000${name}\u0000${spanType}\u0000${model}\u0000${provider}\u0000${apiKeyHash}`;
    const duration = end - start;
    let group = this.#groups.get(key);
    if (group === undefined) {
      group = {
        key,
        keys: [project, minute, service, name, spanType, model, provider, apiKeyHash],
        sums: SUM_COLUMNS.map(() => 0n),
        min: duration,
        max: duration,
        latency: new LatencySketch(),
      };
      this.#groups.set(key, group);
    }
    const sums = group.sums;
    sums[0]! += 1n;
    if (Number(statusCode) === 2) sums[1]! += 1n;
    sums[2]! += duration;
    if (duration < group.min) group.min = duration;
    if (duration > group.max) group.max = duration;
    group.latency.add(Number(duration));
    if (!USAGE_SPAN_TYPES.has(spanType)) return;
    sums[3]! += 1n;
    const usage = contribution[7];
    if (usage === null) return;
    for (let index = 0; index < usage.length; index++) sums[4 + index]! += BigInt(usage[index]!);
  }

  /** Adds the groups to the cube, in the transaction of the write. */
  async addTo(client: pg.PoolClient): Promise<void> {
    if (this.#groups.size > 0) await client.query(ADD, this.#columns());
  }

  /** Takes the groups (of deleted spans, added before) away from the cube. */
  async takeAwayFrom(client: pg.PoolClient): Promise<void> {
    if (this.#groups.size === 0) return;
    const columns = this.#columns();
    await client.query(TAKE_AWAY, columns);
    await client.query(DELETE_EMPTY, columns);
  }

  /** The groups as column arrays, in one order for every instance (no two upserts deadlock). */
  #columns(): Buffer[] {
    const groups = [...this.#groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const tuples = groups.map((group) => [
      ...group.keys,
      ...group.sums,
      group.min,
      group.max,
      group.latency.encode(),
    ]);
    return DELTA_TYPES.map((type, at) =>
      binaryArray(
        type,
        tuples.map((tuple) => tuple[at]),
      ),
    );
  }
}
