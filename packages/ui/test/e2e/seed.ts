import { DemoTraffic } from '@sextant/server';
import { type OtlpSpanInput, resourceSpans, type UiTestServer } from '../support/ui-server.js';

export const HOSTILE_IMG = '<img src=x onerror=alert(1)>';
export const HOSTILE_SCRIPT = '<script>window.__pwned = true; alert(2)</script>';
export const HOSTILE_TRACE = 'bad0000000000000000000000000c0de';
export const BIG_TRACE = 'b1900000000000000000000000010000';
export const BIG_TRACE_SPANS = 10_000;

/** Agent runs of the demo generator, sent by the OpenTelemetry SDK: the last 3 hours, a fixed seed. */
export async function seedDemo(server: UiTestServer, runs: number): Promise<void> {
  const traffic = new DemoTraffic({ endpoint: server.url, seed: 2026 });
  const now = Date.now();
  traffic.backfill(runs, now - 3 * 3_600_000, now - 60_000, now - 20 * 60_000);
  await traffic.flush();
  await traffic.shutdown();
  if (traffic.tally.failedSpans > 0) throw new Error(`seeding failed: ${traffic.tally.lastError}`);
}

/** A model call whose prompt, completion, attributes and event carry markup meant to run. */
export async function seedHostileTrace(server: UiTestServer): Promise<void> {
  const at = Date.now() - 120_000;
  await server.ingest([
    resourceSpans('xss-probe', at, [
      {
        traceId: HOSTILE_TRACE,
        spanId: 'bad0000000000001',
        name: `agent ${HOSTILE_IMG}`,
        start: 0,
        end: 800,
      },
      {
        traceId: HOSTILE_TRACE,
        spanId: 'bad0000000000002',
        parentSpanId: 'bad0000000000001',
        name: 'chat gpt-4o',
        start: 10,
        end: 700,
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.usage.input_tokens': 100,
          'gen_ai.usage.output_tokens': 20,
          'gen_ai.input.messages': JSON.stringify([
            { role: 'user', parts: [{ type: 'text', content: HOSTILE_SCRIPT }] },
          ]),
          'gen_ai.output.messages': JSON.stringify([
            { role: 'assistant', parts: [{ type: 'text', content: HOSTILE_IMG }] },
          ]),
          'app.comment': HOSTILE_IMG,
          'app.html': HOSTILE_SCRIPT,
        },
        events: [{ name: 'exception', at: 600, attributes: { 'exception.message': HOSTILE_IMG } }],
        error: HOSTILE_SCRIPT,
      },
    ]),
  ]);
}

/**
 * One trace of 10 000 spans: an agent run of 200 steps, each a model call and 48 tool and
 * retrieval calls, over a minute. Sent in batches, as an exporter would.
 */
export async function seedBigTrace(server: UiTestServer): Promise<void> {
  const spanId = (n: number) => n.toString(16).padStart(16, '0');
  const spans: OtlpSpanInput[] = [
    { traceId: BIG_TRACE, spanId: spanId(1), name: 'invoke_agent big-run', start: 0, end: 60_000 },
  ];
  let next = 2;
  for (let step = 0; step < 200 && spans.length < BIG_TRACE_SPANS; step++) {
    const stepId = spanId(next++);
    const start = step * 300;
    spans.push({
      traceId: BIG_TRACE,
      spanId: stepId,
      parentSpanId: spanId(1),
      name: `step ${step}`,
      start,
      end: start + 290,
    });
    for (let call = 0; call < 49 && spans.length < BIG_TRACE_SPANS; call++) {
      spans.push({
        traceId: BIG_TRACE,
        spanId: spanId(next++),
        parentSpanId: stepId,
        name: call === 0 ? 'chat gpt-4o-mini' : `execute_tool search_${call}`,
        start: start + call * 5,
        end: start + call * 5 + 4,
        attributes:
          call === 0 ? { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o-mini' } : {},
        error: call === 7 && step % 20 === 0 ? 'tool failed' : undefined,
      });
    }
  }
  const at = Date.now() - 30 * 60_000;
  for (let from = 0; from < spans.length; from += 2500)
    await server.ingest([resourceSpans('big-agent', at, spans.slice(from, from + 2500))]);
}
