import type { SpanContext } from '@opentelemetry/api';
import { DemoExport, type DemoExportOptions, type ExportTally } from './demo-exporter.js';
import { createRandom, type Random } from './random.js';
import { recordResearchRun } from './research-run.js';
import type { RunContext } from './run-context.js';
import { SessionPool } from './session-pool.js';
import { recordSupportRun } from './support-run.js';
import { recordTriageRun } from './triage-run.js';
import { recordWriterRun } from './writer-run.js';

/** The demo's agents, and how often each runs (in percent). */
const AGENTS = [
  { name: 'support', percent: 45, record: recordSupportRun },
  { name: 'research', percent: 20, record: recordResearchRun },
  { name: 'writer', percent: 20, record: recordWriterRun },
  { name: 'triage', percent: 15, record: recordTriageRun },
] as const satisfies readonly {
  name: string;
  percent: number;
  record: (context: RunContext) => SpanContext;
}[];

export interface DemoTrafficOptions extends DemoExportOptions {
  /** The same seed gives the same agents, questions, users, sessions, timings and failures. */
  seed: number;
}

/** Agent runs recorded with the OpenTelemetry SDK and sent to a Sextant server over OTLP. */
export class DemoTraffic {
  /** Agent runs recorded so far: one trace each. */
  traces = 0;
  private readonly random: Random;
  private readonly export: DemoExport;
  private readonly pools: Map<string, SessionPool>;

  constructor(options: DemoTrafficOptions) {
    this.random = createRandom(options.seed);
    this.export = new DemoExport(options);
    this.pools = new Map(AGENTS.map((agent) => [agent.name, new SessionPool(agent.name, this.random)]));
  }

  get tally(): ExportTally {
    return this.export.tally;
  }

  /** Records one agent run starting at `startMs`; during an incident the orders API fails often. */
  record(startMs: number, incident: boolean): void {
    const agent = this.pickAgent();
    const session = this.pools.get(agent.name)!.next(startMs);
    session.lastRoot = agent.record({
      tracer: (service) => this.export.tracer(service),
      random: this.random,
      startMs,
      user: session.user,
      session: session.id,
      turn: session.turns,
      previousTurn: session.lastRoot,
      incident,
    });
    session.turns++;
    this.traces++;
  }

  private pickAgent(): (typeof AGENTS)[number] {
    let roll = this.random.int(0, 99);
    for (const agent of AGENTS) {
      roll -= agent.percent;
      if (roll < 0) return agent;
    }
    return AGENTS[0];
  }

  /** Records `count` runs between `fromMs` and `toMs`, with an incident from `incidentFromMs` on. */
  backfill(count: number, fromMs: number, toMs: number, incidentFromMs: number): void {
    for (const startMs of backfillTimes(this.random, count, fromMs, toMs))
      this.record(startMs, startMs >= incidentFromMs);
  }

  /** Sends every span recorded so far. */
  flush(): Promise<void> {
    return this.export.flush();
  }

  shutdown(): Promise<void> {
    return this.export.shutdown();
  }
}

const HOUR_MS = 3_600_000;

/**
 * Start times, in order, for `count` runs between `fromMs` and `toMs`: spread over the window, and
 * a third of them in its last hour, so that "the last hour" has as much to show as the day.
 */
export function backfillTimes(random: Random, count: number, fromMs: number, toMs: number): number[] {
  const lastHourFrom = Math.max(fromMs, toMs - HOUR_MS);
  return Array.from({ length: count }, (_, index) =>
    index % 3 === 0 ? random.between(lastHourFrom, toMs) : random.between(fromMs, toMs),
  ).sort((a, b) => a - b);
}
