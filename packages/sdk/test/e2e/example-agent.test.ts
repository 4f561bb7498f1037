import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSupportAgent } from '../../../../examples/support-agent/agent.js';
import {
  MOCK_ANSWER_CHUNKS,
  MOCK_USAGE,
  type MockProvider,
  startMockProvider,
} from '../../../../examples/support-agent/mock-provider.js';
import { startTestServer, type TestServer } from '../../../server/test/support/test-server.js';
import { flush, InMemoryCollector, init, shutdown } from '../../src/index.js';

interface ApiSpan {
  spanId: string;
  name: string;
  kind: string;
  durationMs: number;
  attributes: Record<string, unknown>;
  llm: {
    spanType: string;
    requestModel: string | null;
    responseModel: string | null;
    provider: string | null;
    tokens: Record<string, number> | null;
    cost: { nanoUsd: number; source: string; priceEntry: string | null } | null;
    sessionId: string | null;
    userId: string | null;
    inputText: string | null;
    outputText: string | null;
    timeToFirstTokenMs: number | null;
  };
  children: ApiSpan[];
}

let server: TestServer;
let provider: MockProvider;
const collector = new InMemoryCollector();

beforeAll(async () => {
  server = await startTestServer();
  provider = await startMockProvider();
  init({ serviceName: 'support-agent', exporter: 'otlp', endpoint: server.url, spanProcessors: [collector] });
});

afterAll(async () => {
  await shutdown();
  await provider.close();
  await server.stop();
});

function flatten(spans: ApiSpan[]): ApiSpan[] {
  return spans.flatMap((span) => [span, ...flatten(span.children)]);
}

// biome-ignore lint/suspicious/noExplicitAny: API answers are checked field by field.
async function getJson(path: string): Promise<any> {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status).toBe(200);
  return response.json();
}

describe('the example agent, exported to a running Sextant server', () => {
  it('is read back as one tree with the GenAI fields, tokens and cost normalized', async () => {
    const run = await runSupportAgent({
      providerUrl: provider.url,
      question: 'What is the weather in Paris?',
      sessionId: 'sess-42',
      userId: 'u-7',
    });
    expect(run.answer).toBe(MOCK_ANSWER_CHUNKS.join(''));
    await flush();

    const { trace, spans } = await getJson(`/api/traces/${run.traceId}`);
    expect(spans).toHaveLength(1);
    const root: ApiSpan = spans[0];
    expect(root.name).toBe('support agent');
    expect(root.llm.spanType).toBe('agent');
    expect(root.children.map((child) => [child.llm.spanType, child.name])).toEqual([
      ['internal', 'tool mount'],
      ['llm', 'chat gpt-4o'],
      ['tool', 'get_weather'],
      ['internal', 'model routing'],
      ['llm', 'chat gpt-4o-mini'],
    ]);
    const [, plan, tool, , answer] = root.children as [ApiSpan, ApiSpan, ApiSpan, ApiSpan, ApiSpan];
    // The HTTP call to the provider nests under each LLM span.
    expect(plan.children.map((child) => [child.kind, child.name, child.llm.spanType])).toEqual([
      ['client', 'POST', 'http'],
    ]);

    expect(plan.llm).toMatchObject({
      provider: 'openai',
      requestModel: 'gpt-4o',
      responseModel: 'gpt-4o-2024-07-18',
      sessionId: null,
      tokens: { input: 1200, output: 40, cacheRead: 1000, cacheWrite: 0, reasoning: 0, total: 1240 },
    });
    expect(JSON.parse(plan.llm.inputText!)).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'What is the weather in Paris?' }] },
    ]);
    expect(plan.attributes['gen_ai.response.finish_reasons']).toEqual(['tool_calls']);
    expect(tool.attributes).toMatchObject({
      'gen_ai.tool.call.id': 'call_1',
      'gen_ai.tool.call.arguments': '{"city":"Paris"}',
    });
    expect(tool.llm.outputText).toBe('{"city":"Paris","temperatureC":21,"sky":"sunny"}');

    const answerUsage = MOCK_USAGE.answerTurn;
    expect(answer.llm.tokens).toEqual({
      input: answerUsage.prompt_tokens,
      output: answerUsage.completion_tokens,
      cacheRead: answerUsage.prompt_tokens_details.cached_tokens,
      cacheWrite: 0,
      reasoning: answerUsage.completion_tokens_details.reasoning_tokens,
      total: answerUsage.prompt_tokens + answerUsage.completion_tokens,
    });
    const answerSdkSpan = collector.spans.find((span) => span.spanContext().spanId === answer.spanId)!;
    const ttftSeconds = answerSdkSpan.attributes['gen_ai.response.time_to_first_chunk'] as number;
    expect(answer.llm.timeToFirstTokenMs).toBeCloseTo(ttftSeconds * 1000, 6);
    expect(answer.llm.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(answer.llm.timeToFirstTokenMs).toBeLessThan(answer.durationMs);

    // The server computes the cost from the same catalog the SDK used: both agree exactly.
    for (const call of [plan, answer]) {
      const sdkSpan = collector.spans.find((span) => span.spanContext().spanId === call.spanId)!;
      expect(call.llm.cost).toMatchObject({
        source: 'computed',
        priceEntry: sdkSpan.attributes['sextant.cost.price_entry'],
      });
      expect(call.llm.cost!.nanoUsd).toBe(
        Math.round((sdkSpan.attributes['sextant.cost.usd'] as number) * 1e9),
      );
    }
    expect(trace).toMatchObject({
      rootName: 'support agent',
      rootService: 'support-agent',
      llmCallCount: 2,
      toolCallCount: 1,
      sessionId: 'sess-42',
      userId: 'u-7',
      costNanoUsd: plan.llm.cost!.nanoUsd + answer.llm.cost!.nanoUsd,
    });
    expect(trace.tokens.input).toBe(1200 + answerUsage.prompt_tokens);
    expect(flatten(spans).length).toBe(8);
  });

  it('is found by searching for its model, provider and session', async () => {
    const run = await runSupportAgent({
      providerUrl: provider.url,
      question: 'And in Lyon?',
      sessionId: 'sess-search',
      userId: 'u-8',
    });
    await flush();
    const found = await getJson(
      '/api/traces?spanType=llm&model=gpt-4o-mini&provider=openai&sessionId=sess-search',
    );
    expect(found.traces.map((trace: { traceId: string }) => trace.traceId)).toEqual([run.traceId]);
    const byAttribute = await getJson(
      `/api/traces?attr=${encodeURIComponent('gen_ai.tool.name=get_weather')}&userId=u-8`,
    );
    expect(byAttribute.traces.map((trace: { traceId: string }) => trace.traceId)).toEqual([run.traceId]);
  });
});
