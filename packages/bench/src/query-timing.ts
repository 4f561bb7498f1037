import type { QueryClass } from './query-classes.js';
import { type Answer, errorMessage, getJson, unavailableReason } from './query-http.js';
import type { WorkloadSampler } from './query-samples.js';

export type ClassOutcome =
  | { kind: 'unavailable'; reason: string }
  | {
      kind: 'measured';
      /** Milliseconds per request, sorted. */
      latencies: number[];
      /** Results per answer, in request order. */
      results: number[];
      /** The request that took longest, to look into. */
      slowest: string;
      /** Requests that failed or found nothing: each one a bug, since parameters come from stored data. */
      problems: string[];
    };

export interface TimingOptions {
  warmup: number;
  iterations: number;
  /** Time for the whole class, warm-up included: a very slow class stops early. */
  budgetMs: number;
}

/** Timed requests made even when the budget is spent, so that a slow class still has figures. */
const MIN_TIMED = 10;

/** The problem with one answer, if any. */
function problemOf(queryClass: QueryClass, path: string, answer: Answer): string | undefined {
  if (answer.status !== 200) return `${path} answered ${answer.status} ${errorMessage(answer)}`;
  if (queryClass.results(answer.body) === 0) return `${path} found nothing`;
  return undefined;
}

/**
 * Times one class against the server: a first request tells whether the server has it yet, then
 * `warmup` untimed requests and `iterations` timed ones, one at a time, each with new parameters,
 * until the class's time budget is spent (then at least one warm-up and `MIN_TIMED` timed ones).
 */
export async function measureClass(
  base: string,
  queryClass: QueryClass,
  sample: WorkloadSampler,
  options: TimingOptions,
): Promise<ClassOutcome> {
  const deadline = performance.now() + options.budgetMs;
  const first = await getJson(base, queryClass.request(sample));
  const reason = unavailableReason(first);
  if (reason !== undefined) return { kind: 'unavailable', reason };
  const latencies: number[] = [];
  const results: number[] = [];
  const problems: string[] = [];
  let slowest = { path: '', ms: -1 };
  const ask = async () => {
    const path = queryClass.request(sample);
    const answer = await getJson(base, path);
    const problem = problemOf(queryClass, path, answer);
    if (problem !== undefined) problems.push(problem);
    return { path, answer };
  };
  const spent = () => performance.now() > deadline;
  for (let warm = 0; warm < options.warmup && !(warm > 0 && spent()); warm++) await ask();
  while (latencies.length < options.iterations && !(latencies.length >= MIN_TIMED && spent())) {
    const { path, answer } = await ask();
    latencies.push(answer.ms);
    if (answer.ms > slowest.ms) slowest = { path, ms: answer.ms };
    results.push(answer.status === 200 ? queryClass.results(answer.body) : 0);
  }
  return {
    kind: 'measured',
    latencies: latencies.sort((a, b) => a - b),
    results,
    slowest: slowest.path,
    problems,
  };
}

/**
 * Runs the requests `nextPath` hands out one after another until stopped: the read load that
 * ingest is measured against.
 */
export function startReadLoad(base: string, nextPath: () => string) {
  let running = true;
  let failure: Error | undefined;
  const latencies: number[] = [];
  const loop = async () => {
    while (running) {
      const path = nextPath();
      const answer = await getJson(base, path);
      if (answer.status !== 200) throw new Error(`read load: ${path} answered ${errorMessage(answer)}`);
      latencies.push(answer.ms);
    }
  };
  const done = loop().catch((error: Error) => {
    failure = error;
  });
  return {
    /** Stops the loop and answers the latencies of its requests, sorted. */
    async stop(): Promise<number[]> {
      running = false;
      await done;
      if (failure) throw failure;
      return latencies.sort((a, b) => a - b);
    },
  };
}
