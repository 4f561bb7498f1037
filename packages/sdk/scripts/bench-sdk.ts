/**
 * How fast the SDK records spans, and what it costs when disabled. Not a test: it prints figures.
 *
 * 1. Recording: agent runs (an agent span, three LLM calls with messages and usage — their cost
 *    computed from the price catalog — two tool calls, a database query and two markers: 9 spans)
 *    made on this thread, first with no exporter, then exported as OTLP/HTTP protobuf to a
 *    loopback receiver in another process, flushed every 512 spans so none is dropped. Reported:
 *    spans per wall-clock second and per CPU-second of this process (one core).
 * 2. Disabled: `withSpan`, `withLlmCall` and `startTimer` after `init({ enabled: false })`,
 *    against calling the same function directly; the difference per call is the overhead.
 *
 *   npm run bench:sdk                                   (SPANS=200000, CALLS=20000000, ROUNDS=3)
 *   SPANS=20000 CALLS=2000000 ROUNDS=1 npm run bench:sdk
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  flush,
  init,
  markModelRouting,
  markToolMount,
  shutdown,
  startTimer,
  withDbQuery,
  withLlmCall,
  withSpan,
  withToolCall,
} from '../src/index.js';
import { startOtlpSink } from './otlp-sink.js';

const SPANS = Number(process.env.SPANS ?? 200_000);
const CALLS = Number(process.env.CALLS ?? 20_000_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SPANS_PER_RUN = 9;
const FLUSH_EVERY_RUNS = Math.floor(512 / SPANS_PER_RUN);

const SYSTEM = 'You are a support agent for an online shop. '.repeat(20);
const QUESTION = [{ role: 'user', content: 'Where is my order 7731? It was due yesterday.' }];

async function agentRun(run: number): Promise<void> {
  await withSpan(
    'support agent',
    { kind: 'agent', attributes: { 'gen_ai.conversation.id': `s-${run % 100}` } },
    async () => {
      markToolMount({ tools: ['lookup_order', 'refund'], source: 'builtin' });
      for (const model of ['gpt-4o', 'gpt-4o-mini', 'gpt-4o']) {
        await withLlmCall(
          {
            model,
            provider: 'openai',
            systemInstructions: SYSTEM,
            inputMessages: QUESTION,
            parameters: { temperature: 0 },
          },
          (call) => {
            call.setResponse({
              model: `${model}-2024-08-06`,
              finishReasons: ['stop'],
              outputMessages: [
                { role: 'assistant', content: 'Your order ships today.', finishReason: 'stop' },
              ],
              usage: { inputTokens: 1400 + (run % 7), outputTokens: 60, cacheReadTokens: 1024 },
            });
          },
        );
      }
      await withToolCall(
        { name: 'lookup_order', callId: `call_${run}`, arguments: { order: 7731 } },
        async () => ({ status: 'packed' }),
      );
      await withToolCall({ name: 'refund', arguments: { order: 7731 } }, () => 'not needed');
      withDbQuery(
        {
          system: 'postgresql',
          operation: 'SELECT',
          collection: 'orders',
          text: 'SELECT * FROM orders WHERE id = $1',
        },
        () => {},
      );
      markModelRouting({ fromModel: 'gpt-4o', toModel: 'gpt-4o-mini', reason: 'short answer' });
    },
  );
}

interface RecordingFigures {
  spansPerSecond: number;
  spansPerCpuSecond: number;
}

async function recordRuns(runs: number): Promise<RecordingFigures> {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  for (let run = 0; run < runs; run++) {
    await agentRun(run);
    if (run % FLUSH_EVERY_RUNS === FLUSH_EVERY_RUNS - 1) await flush();
  }
  await flush();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const spans = runs * SPANS_PER_RUN;
  return { spansPerSecond: spans / seconds, spansPerCpuSecond: spans / ((cpu.user + cpu.system) / 1e6) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function benchRecording(): Promise<void> {
  const runs = Math.ceil(SPANS / SPANS_PER_RUN);
  init({ serviceName: 'bench', exporter: 'none' });
  await recordRuns(Math.min(runs, 1000)); // warm-up
  const recorded = [];
  for (let round = 0; round < ROUNDS; round++) recorded.push(await recordRuns(runs));
  await shutdown();

  const sink = await startOtlpSink();
  init({ serviceName: 'bench', exporter: 'otlp', otlpProtocol: 'http/protobuf', endpoint: sink.url });
  await recordRuns(Math.min(runs, 1000));
  const exported = [];
  for (let round = 0; round < ROUNDS; round++) exported.push(await recordRuns(runs));
  await shutdown();
  const received = await sink.stop();

  const show = (label: string, figures: RecordingFigures[]) =>
    console.log(
      `${label.padEnd(34)} ${Math.round(median(figures.map((f) => f.spansPerSecond))).toLocaleString('en')} spans/s wall, ` +
        `${Math.round(median(figures.map((f) => f.spansPerCpuSecond))).toLocaleString('en')} spans/CPU-s`,
    );
  console.log(`recording: ${runs} agent runs × ${SPANS_PER_RUN} spans per round, median of ${ROUNDS}`);
  show('  recorded, no exporter', recorded);
  show('  recorded + OTLP protobuf export', exported);
  console.log(`  sink received ${received.requests} requests, ${(received.bytes / 1e6).toFixed(1)} MB`);
}

/** Nanoseconds per call of `body(i)` over CALLS calls, the median of ROUNDS. */
function nanosPerCall(body: (i: number) => number): number {
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    let sink = 0;
    const start = performance.now();
    for (let i = 0; i < CALLS; i++) sink += body(i);
    const elapsed = performance.now() - start;
    if (sink === -1) console.log('unreachable');
    rounds.push((elapsed * 1e6) / CALLS);
  }
  return median(rounds);
}

function benchDisabled(): void {
  init({ enabled: false });
  const work = (i: number) => i & 1;
  const cases: [string, (i: number) => number][] = [
    ['withSpan', (i) => withSpan('noop', () => work(i))],
    ['withSpan with options', (i) => withSpan('noop', { kind: 'tool', attributes: { n: 1 } }, () => work(i))],
    ['withLlmCall', (i) => withLlmCall({ model: 'gpt-4o', provider: 'openai' }, () => work(i))],
  ];
  const direct = nanosPerCall(work);
  console.log(
    `disabled: ${CALLS.toLocaleString('en')} calls per round, median of ${ROUNDS}; direct call ${direct.toFixed(1)} ns`,
  );
  for (const [label, body] of cases) {
    body(0);
    const measured = nanosPerCall(body);
    console.log(
      `  ${label.padEnd(24)} ${measured.toFixed(1)} ns/call, overhead ${(measured - direct).toFixed(1)} ns`,
    );
  }
  const timerCalls = Math.min(CALLS, 1_000_000);
  const start = performance.now();
  for (let i = 0; i < timerCalls; i++) startTimer('stopwatch').end();
  console.log(
    `  startTimer().end() (always measures) ${(((performance.now() - start) * 1e6) / timerCalls).toFixed(1)} ns/call`,
  );
}

console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
await benchRecording();
benchDisabled();
