import { generateText, stepCountIs, tool } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestServer, type TestServer } from '../../../server/test/support/test-server.js';
import { flush, InMemoryCollector, init, shutdown, withSpan } from '../../src/index.js';
import { parentOf } from '../support/collect.js';

const USAGE = {
  inputTokens: { total: 300, noCache: 300, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 20, text: 20, reasoning: 0 },
};

/** A model that asks for the weather tool, then answers from its result. */
function weatherModel() {
  return new MockLanguageModelV3({
    provider: 'openai.chat',
    modelId: 'gpt-4o',
    doGenerate: [
      {
        content: [
          { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: '{"city":"Paris"}' },
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage: USAGE,
        warnings: [],
      },
      {
        content: [{ type: 'text', text: 'Sunny, 21°C.' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: USAGE,
        warnings: [],
      },
    ],
  });
}

let server: TestServer;
const collector = new InMemoryCollector();

beforeAll(async () => {
  server = await startTestServer();
  init({ serviceName: 'interop', exporter: 'otlp', endpoint: server.url, spanProcessors: [collector] });
});

afterAll(async () => {
  await shutdown();
  await server.stop();
});

describe('the Vercel AI SDK’s own telemetry', () => {
  it('nests under SDK spans, and SDK spans nest under its tool calls, in one trace', async () => {
    const result = await withSpan('trip planner', { kind: 'agent' }, () =>
      generateText({
        model: weatherModel(),
        prompt: 'Weather in Paris?',
        stopWhen: stepCountIs(2),
        experimental_telemetry: { isEnabled: true, functionId: 'weather-answer' },
        tools: {
          get_weather: tool({
            inputSchema: z.object({ city: z.string() }),
            execute: async ({ city }) =>
              withSpan('forecast lookup', { kind: 'step' }, async () => ({ city, celsius: 21 })),
          }),
        },
      }),
    );
    expect(result.text).toBe('Sunny, 21°C.');

    const byName = (name: string) => collector.spans.filter((span) => span.name === name);
    const agent = byName('trip planner')[0]!;
    const generate = byName('ai.generateText')[0]!;
    const modelCalls = byName('ai.generateText.doGenerate');
    const toolCall = byName('ai.toolCall')[0]!;
    const lookup = byName('forecast lookup')[0]!;
    expect(generate.instrumentationScope.name).toBe('ai');
    expect(new Set(collector.spans.map((span) => span.spanContext().traceId)).size).toBe(1);
    expect(parentOf(generate)).toBe(agent.spanContext().spanId);
    expect(modelCalls).toHaveLength(2);
    for (const call of modelCalls) expect(parentOf(call)).toBe(generate.spanContext().spanId);
    expect(parentOf(toolCall)).toBe(generate.spanContext().spanId);
    expect(parentOf(lookup)).toBe(toolCall.spanContext().spanId);

    await flush();
    const response = await fetch(`${server.url}/api/traces/${agent.spanContext().traceId}`);
    // biome-ignore lint/suspicious/noExplicitAny: the API answer is checked field by field.
    const { trace, spans } = (await response.json()) as any;
    expect(trace).toMatchObject({
      rootName: 'trip planner',
      llmCallCount: 2,
      toolCallCount: 1,
      tokens: { input: 600, output: 40 },
    });
    const root = spans[0];
    expect(root.children.map((child: { name: string }) => child.name)).toEqual(['ai.generateText']);
    const types = root.children[0].children.map((child: { name: string; llm: { spanType: string } }) => [
      child.name,
      child.llm.spanType,
    ]);
    expect(types).toEqual([
      ['ai.generateText.doGenerate', 'llm'],
      ['ai.toolCall', 'tool'],
      ['ai.generateText.doGenerate', 'llm'],
    ]);
  });
});
