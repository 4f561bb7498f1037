import { buildTemplates, freshRequests } from './agent-workload.js';
import { sendRequests } from './otlp-client.js';
import { startReadLoad } from './query-timing.js';
import { median } from './stats.js';

export interface IngestLoadOptions {
  /** Spans sent in each measurement. */
  spans: number;
  clients: number;
  batch: number;
  /** Idle and loaded measurements, alternated; the medians are compared. */
  rounds: number;
}

export interface IngestLoadResult {
  idleSpansPerSecond: number[];
  loadedSpansPerSecond: number[];
  /** Median loaded rate over median idle rate. */
  ratio: number;
  /** Latencies of the queries run during the loaded measurements, sorted. */
  queryLatencies: number[];
}

/**
 * Spans go to their own project, so that the queried workload stays the same however often the
 * data directory is reused.
 */
const INGEST_PROJECT = 'bench-ingest-under-load';

/**
 * Ingest throughput (spans per second acknowledged, the requests of `bench:ingest`) idle, then
 * while another client runs the queries `nextQuery` hands out in a loop.
 */
export async function measureIngestUnderLoad(
  base: string,
  options: IngestLoadOptions,
  nextQuery: () => string,
): Promise<IngestLoadResult> {
  const templates = buildTemplates(32, options.batch);
  const url = new URL('/v1/traces', base);
  const headers = { 'x-sextant-project': INGEST_PROJECT };
  const ingest = async (requests: number) => {
    const sent = await sendRequests(url, options.clients, freshRequests(templates, requests), headers);
    return sent.spans / sent.seconds;
  };
  await ingest(20); // warm-up, as bench:ingest does
  const requests = Math.ceil(options.spans / options.batch);
  const idle: number[] = [];
  const loaded: number[] = [];
  const queryLatencies: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    idle.push(await ingest(requests));
    const load = startReadLoad(base, nextQuery);
    loaded.push(await ingest(requests));
    queryLatencies.push(...(await load.stop()));
  }
  return {
    idleSpansPerSecond: idle,
    loadedSpansPerSecond: loaded,
    ratio: median(loaded) / median(idle),
    queryLatencies: queryLatencies.sort((a, b) => a - b),
  };
}
