import { planRun, type RunPlan, type WorkloadShape } from './query-workload-plan.js';
import { SeededRandom } from './query-workload-random.js';
import type { PlannedSpan } from './query-workload-span.js';

const DAY_MS = 86_400_000;
/** Runs start at least this long after the start of the day window, and end this long before its end. */
const WINDOW_MARGIN_MS = 10 * 60_000;
const MAX_TRIES = 10_000;

/**
 * Draws query parameters from the stored workload: any run can be rebuilt from the workload's
 * shape alone, so real trace ids, names, attribute values and words are at hand without reading
 * the store. Seeded, so that two runs of the benchmark ask the same questions.
 */
export class WorkloadSampler {
  readonly random: SeededRandom;

  constructor(
    readonly shape: WorkloadShape,
    stream: number,
  ) {
    this.random = new SeededRandom(shape.seed, 0x9e7, stream);
  }

  run(): RunPlan {
    return planRun(this.shape, this.random.int(this.shape.traces));
  }

  /** The first non-undefined `pick` of random runs; throws when the workload has no such thing. */
  draw<T>(what: string, pick: (run: RunPlan) => T | undefined): T {
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      const found = pick(this.run());
      if (found !== undefined) return found;
    }
    throw new Error(`found no ${what} in ${MAX_TRIES} runs of the workload`);
  }

  /** A random span meeting `where`, and its run. */
  span(what: string, where: (span: PlannedSpan) => boolean): { run: RunPlan; span: PlannedSpan } {
    return this.draw(what, (run) => {
      const spans = run.spans.filter(where);
      return spans.length === 0 ? undefined : { run, span: this.random.pick(spans) };
    });
  }

  /**
   * A 24-hour window (RFC 3339) that holds every run of the workload, moved by up to 10 minutes
   * so that no two requests are the same.
   */
  dayWindow(): { start: string; end: string } {
    const startMs = this.shape.windowStartMs - this.random.int(WINDOW_MARGIN_MS);
    return { start: new Date(startMs).toISOString(), end: new Date(startMs + DAY_MS).toISOString() };
  }
}

/** The window of a new workload: the last 24 hours, less the margins `dayWindow` relies on. */
export function lastDayWindow(nowMs: number): { windowStartMs: number; windowEndMs: number } {
  return { windowStartMs: nowMs - DAY_MS + WINDOW_MARGIN_MS, windowEndMs: nowMs - WINDOW_MARGIN_MS };
}
