import { cpus, totalmem } from 'node:os';
import type { QueryClass } from './query-classes.js';
import type { IngestLoadResult } from './query-ingest-load.js';
import type { ClassOutcome } from './query-timing.js';
import { latencySummary, median } from './stats.js';

/** The issue's target for ingest under read load, as a share of the idle rate. */
const INGEST_UNDER_LOAD_TARGET = 0.8;

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

const ms = (value: number) => Number(value.toFixed(2));

/** The figures of one class, as printed and as recorded in the JSON report. */
export function classFigures(queryClass: QueryClass, outcome: ClassOutcome) {
  if (outcome.kind === 'unavailable') return { name: queryClass.name, skipped: outcome.reason };
  const { p50, p99, max } = latencySummary(outcome.latencies);
  const total = outcome.results.reduce((sum, n) => sum + n, 0);
  return {
    name: queryClass.name,
    iterations: outcome.latencies.length,
    p50Ms: ms(p50),
    p99Ms: ms(p99),
    maxMs: ms(max),
    meanResults: ms(total / outcome.results.length),
    minResults: Math.min(...outcome.results),
    targetP99Ms: queryClass.targetP99Ms,
    met: p99 <= queryClass.targetP99Ms,
    problems: outcome.problems.length,
    slowest: outcome.slowest,
  };
}

export function classLine(figures: ReturnType<typeof classFigures>): string {
  const name = figures.name.padEnd(36);
  if ('skipped' in figures) return `${name} skipped: ${figures.skipped}`;
  const cell = (value: number) => value.toFixed(2).padStart(8);
  return (
    `${name}${String(figures.iterations).padStart(5)}${cell(figures.p50Ms)}${cell(figures.p99Ms)}${cell(figures.maxMs)}` +
    `   ${`${figures.meanResults} (min ${figures.minResults})`.padEnd(16)}` +
    `  ≤ ${figures.targetP99Ms} ms: ${figures.met ? 'met' : 'NOT met'}`
  );
}

export const CLASS_HEADER = `${'query class'.padEnd(36)}${'n'.padStart(5)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'max ms'.padStart(8)}   ${'results/answer'.padEnd(16)}  target p99`;

export function ingestFigures(result: IngestLoadResult) {
  const queries = latencySummary(result.queryLatencies);
  return {
    idleSpansPerSecond: Math.round(median(result.idleSpansPerSecond)),
    loadedSpansPerSecond: Math.round(median(result.loadedSpansPerSecond)),
    rounds: result.idleSpansPerSecond.map((idle, i) => ({
      idle: Math.round(idle),
      loaded: Math.round(result.loadedSpansPerSecond[i]!),
    })),
    ratio: ms(result.ratio),
    target: INGEST_UNDER_LOAD_TARGET,
    met: result.ratio >= INGEST_UNDER_LOAD_TARGET,
    queriesDuringLoad: result.queryLatencies.length,
    queryP50Ms: ms(queries.p50),
    queryP99Ms: ms(queries.p99),
  };
}

export function ingestLine(figures: ReturnType<typeof ingestFigures>): string {
  return (
    `ingest idle ${figures.idleSpansPerSecond} spans/s, under read load ${figures.loadedSpansPerSecond} spans/s: ` +
    `${figures.ratio}× (target ≥ ${figures.target}×: ${figures.met ? 'met' : 'NOT met'}); ` +
    `${figures.queriesDuringLoad} queries meanwhile, p50 ${figures.queryP50Ms} ms, p99 ${figures.queryP99Ms} ms`
  );
}
