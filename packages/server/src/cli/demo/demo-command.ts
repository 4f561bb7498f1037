import { parseArgs } from 'node:util';
import { DemoTraffic } from './demo-traffic.js';

export const DEMO_HELP = `Usage: sextant demo [options]

Sends a realistic stream of LLM agent traces to a running Sextant server over OTLP, so that the
web UI has something true to show: a support agent with tools calling an orders API, a research
agent with retrieval, a writing assistant and a ticket-triage workflow; calls to OpenAI,
Anthropic, Google and Mistral models with prompts, completions, token usage and time to first
token; several users and multi-turn sessions; rate limits, failing tools, slow calls, and an
incident in which the orders API slows down and fails. The spans are written with the real
OpenTelemetry SDK in four conventions (OTel GenAI, OpenInference, OpenLLMetry, Vercel AI SDK).

First it sends --backfill runs spread over the past 24 hours (a third of them in the last hour,
whose last 20 minutes hold the incident), then --rate runs a minute as they happen, until
Ctrl-C or --duration.

Options:
  --endpoint <url>      the server (default: OTEL_EXPORTER_OTLP_ENDPOINT, else http://localhost:4318)
  --project <name>      the Sextant project to write to (default: the server's default project)
  --backfill <n>        runs of the past 24 hours sent first (default 400; 0 for none)
  --rate <n>            runs a minute afterwards (default 20; 0 stops after the backfill)
  --duration <seconds>  stop streaming after this long (default: until Ctrl-C)
  --seed <n>            the same seed sends the same content (default: a new one each time)
  -h, --help            this text

Start a server first (npm start), then: sextant demo, and open the server's address.`;

const DAY_MS = 24 * 3_600_000;
const INCIDENT_MS = 20 * 60_000;
/** While streaming, the incident lasts the 5th to the 8th minute of every quarter of an hour. */
const STREAM_INCIDENT_MINUTES = [5, 6, 7];

export class DemoUsageError extends Error {
  override readonly name = 'DemoUsageError';
}

function wholeNumber(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new DemoUsageError(`--${name} must be a whole number; got '${raw}'`);
  return Number(raw);
}

export interface DemoSettings {
  endpoint: string;
  project: string | undefined;
  backfill: number;
  rate: number;
  durationMs: number | null;
  seed: number;
}

export function parseDemoArgs(args: readonly string[], env: NodeJS.ProcessEnv): DemoSettings | 'help' {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        endpoint: { type: 'string' },
        project: { type: 'string' },
        backfill: { type: 'string' },
        rate: { type: 'string' },
        duration: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    throw new DemoUsageError((error as Error).message);
  }
  const values = parsed.values as Record<string, string | undefined> & { help?: boolean };
  if (values.help) return 'help';
  const endpoint = values.endpoint ?? env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318';
  if (!/^https?:\/\/[^/]/.test(endpoint))
    throw new DemoUsageError(`--endpoint must be an http(s) URL; got '${endpoint}'`);
  const duration = values.duration === undefined ? null : wholeNumber(values.duration, 'duration', 0);
  return {
    endpoint: endpoint.replace(/\/+$/, ''),
    project: values.project,
    backfill: wholeNumber(values.backfill, 'backfill', 400),
    rate: wholeNumber(values.rate, 'rate', 20),
    durationMs: duration === null ? null : duration * 1000,
    seed: wholeNumber(values.seed, 'seed', Date.now() % 2 ** 32),
  };
}

/** Whether a Sextant server answers at `endpoint`. */
async function serverAnswers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/healthz`, { signal: AbortSignal.timeout(5000) });
    return response.ok;
  } catch {
    return false;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Runs `sextant demo`: the backfill, then the stream until stopped. Answers the exit code. */
export async function runDemo(settings: DemoSettings, stop: AbortSignal): Promise<number> {
  const { endpoint } = settings;
  if (!(await serverAnswers(endpoint))) {
    console.error(
      `sextant demo: no Sextant server answers at ${endpoint}.\n` +
        'Start one first (npm start, or sextant serve), or point --endpoint at it.',
    );
    return 1;
  }
  const traffic = new DemoTraffic({ endpoint, project: settings.project, seed: settings.seed });
  const report = (what: string) => {
    const { spans, failedSpans, lastError } = traffic.tally;
    console.log(`${what}: ${traffic.traces} agent runs, ${spans} spans sent to ${endpoint}`);
    if (failedSpans > 0) console.error(`sextant demo: ${failedSpans} spans were refused: ${lastError}`);
  };
  try {
    const now = Date.now();
    traffic.backfill(settings.backfill, now - DAY_MS, now, now - INCIDENT_MS);
    await traffic.flush();
    report('Backfill of the past 24 hours');
    console.log(`Open ${endpoint} to look at them.`);
    if (settings.rate === 0 || settings.durationMs === 0) return traffic.tally.failedSpans > 0 ? 1 : 0;

    console.log(
      `Streaming ${settings.rate} runs a minute${settings.durationMs === null ? ' (Ctrl-C stops)' : ''}.`,
    );
    const until = settings.durationMs === null ? Number.POSITIVE_INFINITY : Date.now() + settings.durationMs;
    const gapMs = 60_000 / settings.rate;
    while (!stop.aborted && Date.now() < until) {
      const minute = Math.floor(Date.now() / 60_000) % 15;
      // A run is recorded as it ends: it started a little before now.
      traffic.record(Date.now() - 20_000, STREAM_INCIDENT_MINUTES.includes(minute));
      await sleep(Math.min(gapMs, Math.max(0, until - Date.now())), stop);
    }
    await traffic.flush();
    report('Sent');
    return traffic.tally.failedSpans > 0 ? 1 : 0;
  } finally {
    await traffic.shutdown();
  }
}
