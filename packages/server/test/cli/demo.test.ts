import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DemoUsageError, parseDemoArgs, runDemo } from '../../src/cli/demo/demo-command.js';
import { DemoTraffic } from '../../src/cli/demo/demo-traffic.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface SpanJson {
  name: string;
  service: string;
  status: { code: string };
  llm: {
    spanType: string;
    provider: string | null;
    inputText: string | null;
    outputText: string | null;
    tokens: { input: number; output: number } | null;
    cost: { nanoUsd: number; source: string } | null;
    sessionId: string | null;
    userId: string | null;
  };
  links: unknown[];
  children: SpanJson[];
}

function flatten(spans: SpanJson[]): SpanJson[] {
  return spans.flatMap((span) => [span, ...flatten(span.children)]);
}

describe('the demo traffic, sent through the OpenTelemetry SDK to a real server', () => {
  let server: TestServer;
  const runs = 60;
  const spans: SpanJson[] = [];
  let traffic: DemoTraffic;

  beforeAll(async () => {
    server = await startTestServer();
    traffic = new DemoTraffic({ endpoint: server.url, seed: 7 });
    const now = Date.now();
    traffic.backfill(runs, now - 2 * 3_600_000, now, now - 20 * 60_000);
    await traffic.flush();
    await traffic.shutdown();
    const list = await server.app.inject({ method: 'GET', url: '/api/traces?limit=1000' });
    const traces = list.json().traces as { traceId: string }[];
    for (const { traceId } of traces) {
      const trace = await server.app.inject({ method: 'GET', url: `/api/traces/${traceId}` });
      spans.push(...flatten(trace.json().spans));
    }
  });
  afterAll(() => server.stop());

  it('sends one trace per run, every span acknowledged', () => {
    expect(traffic.traces).toBe(runs);
    expect(traffic.tally.failedSpans).toBe(0);
    expect(traffic.tally.spans).toBe(spans.length);
    expect(new Set(spans.map((span) => span.name)).size).toBeGreaterThan(15);
  });

  it('calls models of four providers, each call with its messages, tokens and a computed cost', () => {
    const llm = spans.filter((span) => span.llm.spanType === 'llm');
    expect(new Set(llm.map((span) => span.llm.provider))).toEqual(
      new Set(['openai', 'anthropic', 'gcp.vertex_ai', 'mistral_ai']),
    );
    const answered = llm.filter((span) => span.status.code !== 'error');
    for (const span of answered) {
      expect(span.llm.inputText, span.name).toBeTruthy();
      expect(span.llm.outputText, span.name).toBeTruthy();
      expect(span.llm.tokens!.input, span.name).toBeGreaterThan(0);
      expect(span.llm.cost?.source, span.name).toBe('computed');
    }
  });

  it('has agents, tools, retrievals, several users and sessions of several turns', () => {
    const types = new Set(spans.map((span) => span.llm.spanType));
    for (const type of ['agent', 'tool', 'retriever', 'embedding', 'chain', 'guardrail', 'http', 'db'])
      expect(types, type).toContain(type);
    const roots = spans.filter(
      (span) => ['agent', 'chain'].includes(span.llm.spanType) && span.llm.sessionId,
    );
    expect(new Set(roots.map((span) => span.llm.userId)).size).toBeGreaterThan(4);
    const turns = new Map<string, number>();
    for (const span of spans.filter((s) => s.name === 'invoke_agent support' || s.name === 'research_agent'))
      turns.set(span.llm.sessionId!, (turns.get(span.llm.sessionId!) ?? 0) + 1);
    expect(Math.max(...turns.values())).toBeGreaterThan(1);
    expect(spans.some((span) => span.links.length > 0)).toBe(true);
  });

  it('has failures, and services calling one another', async () => {
    expect(spans.some((span) => span.status.code === 'error')).toBe(true);
    const response = await server.app.inject({ method: 'GET', url: '/api/dependencies' });
    const edges = (response.json().edges as { parent: string; child: string }[]).map(
      (edge) => `${edge.parent} -> ${edge.child}`,
    );
    expect(edges).toEqual(
      expect.arrayContaining(['support-agent -> orders-api', 'ticket-triage -> helpdesk-api']),
    );
  });
});

describe('sextant demo', () => {
  it('reads its options, and refuses bad ones', () => {
    expect(
      parseDemoArgs(['--endpoint', 'http://127.0.0.1:9/', '--backfill', '5', '--rate', '0'], {}),
    ).toMatchObject({
      endpoint: 'http://127.0.0.1:9',
      backfill: 5,
      rate: 0,
      durationMs: null,
    });
    expect(parseDemoArgs([], { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toMatchObject({
      endpoint: 'http://collector:4318',
      backfill: 400,
      rate: 20,
    });
    expect(parseDemoArgs(['--help'], {})).toBe('help');
    expect(() => parseDemoArgs(['--rate', 'fast'], {})).toThrow(DemoUsageError);
    expect(() => parseDemoArgs(['--endpoint', 'localhost:4318'], {})).toThrow(DemoUsageError);
    expect(() => parseDemoArgs(['--bogus'], {})).toThrow(DemoUsageError);
  });

  it('says so when no server answers', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const settings = parseDemoArgs(['--endpoint', 'http://127.0.0.1:9', '--rate', '0'], {});
      expect(await runDemo(settings as Exclude<typeof settings, 'help'>, new AbortController().signal)).toBe(
        1,
      );
      expect(errors.mock.calls.join('\n')).toContain('no Sextant server answers at http://127.0.0.1:9');
    } finally {
      errors.mockRestore();
    }
  });

  it('backfills, then streams until its duration is over', async () => {
    const server = await startTestServer((config) => {
      config.store.driver = 'memory';
    });
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const settings = parseDemoArgs(
        ['--endpoint', server.url, '--backfill', '12', '--rate', '600', '--duration', '1', '--seed', '3'],
        {},
      );
      expect(await runDemo(settings as Exclude<typeof settings, 'help'>, new AbortController().signal)).toBe(
        0,
      );
      const traces = (await server.app.inject({ method: 'GET', url: '/api/traces?limit=1000' })).json()
        .traces;
      expect(traces.length).toBeGreaterThan(12);
      expect(log.mock.calls.join('\n')).toContain('Backfill of the past 24 hours: 12 agent runs');
    } finally {
      log.mockRestore();
      await server.stop();
    }
  });
});
