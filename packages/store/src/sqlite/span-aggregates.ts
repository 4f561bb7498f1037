import { LatencySketch, mergeEncodedSketches } from '@sextant/core';
import type Database from 'better-sqlite3';
import { type SpanContribution, USAGE_SPAN_TYPES } from '../rollup/trace-rollup.js';
import type { SpanFacts } from './search-indexer.js';
import type { SpanRow } from './span-codec.js';

/*
 * `span_minutes` and `span_hours` hold, per project, minute (or hour) of span start and group
 * (service, span name, span type, model, provider, API key hash), what analytics over spans need:
 * counts, errors, latency (sum, bounds and a sketch for percentiles), LLM requests, tokens and
 * cost. Analytics over a day then read whole hours, and minutes only at the window's edges,
 * instead of a million spans. The writer adds each new span once
 * (a retried span is not new) and takes away each deleted span, so the figures are as idempotent
 * and order-free as the rollups. Tokens and cost count only usage spans (llm, embedding), as in
 * trace rollups. A deletion cannot know the bounds of what is left: they stay as bounds.
 */

/** The periods spans are added up by: each a table, its time column, and its length in ns. */
export const SPAN_PERIODS = [
  { table: 'span_minutes', column: 'minute', nanos: 60_000_000_000n },
  { table: 'span_hours', column: 'hour', nanos: 3_600_000_000_000n },
] as const;
type SpanPeriod = (typeof SPAN_PERIODS)[number];

/** The group's columns; `period` stands for the period's own time column. */
const GROUP_COLUMNS = [
  'project',
  'period',
  'service',
  'name',
  'span_type',
  'model',
  'provider',
  'api_key_hash',
];
/** The figures each group adds up, in the order every backend keeps them. */
export const SUM_COLUMNS = [
  'spans',
  'errors',
  'duration_sum_ns',
  'requests',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'total_tokens',
  'cost_nano_usd',
];

/** The SQL functions the upserts merge and take away sketches with. */
const MERGE_SKETCHES = 'sextant_merge_sketches';
const SUBTRACT_SKETCHES = 'sextant_subtract_sketches';

function insertInto({ table, column }: SpanPeriod): string {
  const groups = GROUP_COLUMNS.map((name) => (name === 'period' ? column : name)).join(', ');
  return (
    `INSERT INTO ${table} (${groups}, ${SUM_COLUMNS.join(', ')}, duration_min_ns, duration_max_ns, latency) ` +
    `VALUES (${[...GROUP_COLUMNS, ...SUM_COLUMNS, 'min', 'max', 'latency'].map(() => '?').join(', ')}) ` +
    `ON CONFLICT (${groups}) DO UPDATE SET ` +
    SUM_COLUMNS.map((name) => `${name} = ${name} + excluded.${name}`).join(', ')
  );
}

function addTo(period: SpanPeriod): string {
  return `${insertInto(period)}, duration_min_ns = min(duration_min_ns, excluded.duration_min_ns), duration_max_ns = max(duration_max_ns, excluded.duration_max_ns), latency = ${MERGE_SKETCHES}(latency, excluded.latency)`;
}

/** Sums arrive negated; the group exists, since its spans were added before. */
function takeAwayFrom(period: SpanPeriod): string {
  return `${insertInto(period)}, latency = ${SUBTRACT_SKETCHES}(latency, excluded.latency)`;
}

/** One group's figures in the running batch; `sums` in the order of SUM_COLUMNS. */
interface PeriodGroup {
  keys: (string | bigint)[];
  sums: number[];
  min: bigint;
  max: bigint;
  latency: LatencySketch;
}

/** One period's statements and the running batch's groups. */
interface PeriodGroups {
  period: SpanPeriod;
  add: Database.Statement;
  takeAway: Database.Statement;
  deleteEmpty: Database.Statement;
  added: Map<string, PeriodGroup>;
  removed: Map<string, PeriodGroup>;
}

/** Adds up a batch's new (or deleted) spans per period and group, then upserts each group once. */
export class SpanAggregates {
  readonly #periods: PeriodGroups[];

  constructor(db: Database.Database) {
    db.function(MERGE_SKETCHES, { deterministic: true }, (a, b) =>
      mergeEncodedSketches(String(a), String(b)),
    );
    db.function(SUBTRACT_SKETCHES, { deterministic: true }, (a, b) => {
      const sketch = LatencySketch.decode(String(a));
      sketch.subtract(LatencySketch.decode(String(b)));
      return sketch.encode();
    });
    this.#periods = SPAN_PERIODS.map((period) => ({
      period,
      add: db.prepare(addTo(period)),
      takeAway: db.prepare(takeAwayFrom(period)),
      deleteEmpty: db.prepare(`DELETE FROM ${period.table} WHERE spans <= 0`),
      added: new Map(),
      removed: new Map(),
    }));
  }

  add(row: SpanRow, contribution: SpanContribution, facts: SpanFacts): void {
    for (const groups of this.#periods) accumulate(groups.added, groups.period, row, contribution, facts);
  }

  /** Takes a deleted span away (it must have been added before). */
  remove(row: SpanRow, contribution: SpanContribution, facts: SpanFacts): void {
    for (const groups of this.#periods) accumulate(groups.removed, groups.period, row, contribution, facts);
  }

  /** Writes the batch's groups (inside its transaction) and forgets them. */
  flush(): void {
    for (const { add, takeAway, deleteEmpty, added, removed } of this.#periods) {
      for (const group of added.values()) {
        add.run(...group.keys, ...group.sums, group.min, group.max, group.latency.encode());
      }
      for (const group of removed.values()) {
        const negated = group.sums.map((sum) => -sum);
        takeAway.run(...group.keys, ...negated, group.min, group.max, group.latency.encode());
      }
      if (removed.size > 0) deleteEmpty.run();
    }
    this.discard();
  }

  /** Forgets the groups of a batch that did not commit. */
  discard(): void {
    for (const { added, removed } of this.#periods) {
      added.clear();
      removed.clear();
    }
  }
}

function accumulate(
  groups: Map<string, PeriodGroup>,
  period: SpanPeriod,
  row: SpanRow,
  contribution: SpanContribution,
  [spanType, model, provider, apiKeyHash]: SpanFacts,
): void {
  const [project, , , , name, service, , statusCode, start, end] = row;
  const at = start / period.nanos;
  const key = `${project}\u0000${at}\u0000${service}\u0000${name}\u0000${spanType}\u0000${model}\u0000${provider}\u0000${apiKeyHash}`;
  let group = groups.get(key);
  const duration = end - start;
  if (group === undefined) {
    group = {
      keys: [project, at, service, name, spanType, model, provider, apiKeyHash],
      sums: new Array<number>(SUM_COLUMNS.length).fill(0),
      min: duration,
      max: duration,
      latency: new LatencySketch(),
    };
    groups.set(key, group);
  }
  const sums = group.sums;
  sums[0]! += 1;
  if (Number(statusCode) === 2) sums[1]! += 1;
  sums[2]! += Number(duration);
  if (duration < group.min) group.min = duration;
  if (duration > group.max) group.max = duration;
  group.latency.add(Number(duration));
  if (!USAGE_SPAN_TYPES.has(spanType)) return;
  sums[3]! += 1;
  const usage = contribution[7];
  if (usage === null) return;
  for (let index = 0; index < usage.length; index++) sums[4 + index]! += usage[index]!;
}
