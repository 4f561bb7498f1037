import { describe, expect, it } from 'vitest';
import { extractLlmFields } from '../../src/semconv/index.js';
import { event, MS, span } from './span-builder.js';

describe('OTel GenAI (current attributes)', () => {
  const chat = span({
    name: 'chat gpt-4o',
    kind: 3,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.response.id': 'chatcmpl-123',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 1200n,
      'gen_ai.usage.output_tokens': 300n,
      'gen_ai.usage.cache_read.input_tokens': 1024n,
      'gen_ai.usage.reasoning.output_tokens': 128n,
      'gen_ai.conversation.id': 'conv_5j66UpCpwteGg4YSxUnt7lPY',
      'gen_ai.response.time_to_first_chunk': 0.35,
      'gen_ai.system_instructions': [{ type: 'text', content: 'You are a weather bot.' }],
      'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] }],
      'gen_ai.output.messages': [
        { role: 'assistant', parts: [{ type: 'text', content: 'Rainy, 57°F.' }], finish_reason: 'stop' },
      ],
      'user.id': 'u-42',
      'server.address': 'api.openai.com',
      'server.port': 443n,
    },
  });

  it('reads a chat span with structured messages', () => {
    expect(extractLlmFields(chat)).toEqual({
      spanType: 'llm',
      requestModel: 'gpt-4o',
      responseModel: 'gpt-4o-2024-08-06',
      provider: 'openai',
      tokens: { input: 1200, output: 300, cacheRead: 1024, cacheWrite: 0, reasoning: 128, total: 1500 },
      cost: null,
      sessionId: 'conv_5j66UpCpwteGg4YSxUnt7lPY',
      userId: 'u-42',
      inputText: '[{"role":"user","parts":[{"type":"text","content":"Weather in Paris?"}]}]',
      outputText:
        '[{"role":"assistant","parts":[{"type":"text","content":"Rainy, 57°F."}],"finish_reason":"stop"}]',
      timeToFirstTokenNano: 350_000_000n,
    });
  });

  it('keeps messages recorded as JSON text as they are', () => {
    const messages = '[{"role":"user","parts":[{"type":"text","content":"Hi"}]}]';
    const fields = extractLlmFields(
      span({
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.input.messages': messages,
          'gen_ai.output.messages': '[{"role":"assistant","parts":[]}]',
        },
      }),
    );
    expect(fields.inputText).toBe(messages);
    expect(fields.outputText).toBe('[{"role":"assistant","parts":[]}]');
  });

  it('leaves system instructions out of the input text: it is the messages exactly as sent', () => {
    const messages = '[{"role":"user","parts":[{"type":"text","content":"Good morning"}]}]';
    const withInstructions = extractLlmFields(
      span({
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.system_instructions': '[{"type":"text","content":"Translate to French."}]',
          'gen_ai.input.messages': messages,
        },
      }),
    );
    expect(withInstructions.inputText).toBe(messages);
    const instructionsOnly = extractLlmFields(
      span({ attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.system_instructions': 'Be brief.' } }),
    );
    expect(instructionsOnly.inputText).toBeNull();
  });

  it.each([
    ['chat', 'llm'],
    ['text_completion', 'llm'],
    ['generate_content', 'llm'],
    ['embeddings', 'embedding'],
    ['execute_tool', 'tool'],
    ['create_agent', 'agent'],
    ['invoke_agent', 'agent'],
    ['invoke_workflow', 'chain'],
    ['retrieval', 'retriever'],
  ])('types gen_ai.operation.name %s as %s', (operation, spanType) => {
    expect(extractLlmFields(span({ attributes: { 'gen_ai.operation.name': operation } })).spanType).toBe(
      spanType,
    );
  });

  it('reads a tool execution span', () => {
    const fields = extractLlmFields(
      span({
        name: 'execute_tool get_weather',
        attributes: {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': 'get_weather',
          'gen_ai.tool.call.id': 'call_mszuSIzqtI65i1wAUOE8w5H4',
          'gen_ai.tool.type': 'function',
          'gen_ai.tool.call.arguments': { location: 'Paris', date: '2025-10-01' },
          'gen_ai.tool.call.result': '{"temperature_range":{"high":75,"low":60},"conditions":"sunny"}',
        },
      }),
    );
    expect(fields.spanType).toBe('tool');
    expect(fields.inputText).toBe('{"location":"Paris","date":"2025-10-01"}');
    expect(fields.outputText).toBe('{"temperature_range":{"high":75,"low":60},"conditions":"sunny"}');
    expect(fields.tokens).toBeNull();
  });

  it('reads an agent invocation span', () => {
    const fields = extractLlmFields(
      span({
        name: 'invoke_agent Math Tutor',
        attributes: {
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.provider.name': 'gcp.vertex_ai',
          'gen_ai.agent.name': 'Math Tutor',
          'gen_ai.agent.id': 'asst_5j66UpCpwteGg4YSxUnt7lPY',
          'gen_ai.request.model': 'gemini-2.5-pro',
          'gen_ai.usage.input_tokens': 3000n,
          'gen_ai.usage.output_tokens': 420n,
        },
      }),
    );
    expect(fields.spanType).toBe('agent');
    expect(fields.provider).toBe('gcp.vertex_ai');
    expect(fields.tokens).toEqual({
      input: 3000,
      output: 420,
      cacheRead: 0,
      cacheWrite: 0,
      reasoning: 0,
      total: 3420,
    });
  });

  it('reads a retrieval span', () => {
    const fields = extractLlmFields(
      span({
        attributes: {
          'gen_ai.operation.name': 'retrieval',
          'gen_ai.data_source.id': 'H7STPQYOND',
          'gen_ai.retrieval.query.text': 'What is the capital of France?',
          'gen_ai.retrieval.documents': [
            { id: 'doc_123', score: 0.95 },
            { id: 'doc_456', score: 0.87 },
          ],
        },
      }),
    );
    expect(fields.spanType).toBe('retriever');
    expect(fields.inputText).toBe('What is the capital of France?');
    expect(fields.outputText).toBe('[{"id":"doc_123","score":0.95},{"id":"doc_456","score":0.87}]');
  });

  it('reads an embeddings span', () => {
    const fields = extractLlmFields(
      span({
        attributes: {
          'gen_ai.operation.name': 'embeddings',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'text-embedding-3-small',
          'gen_ai.embeddings.dimension.count': 1536n,
          'gen_ai.usage.input_tokens': 8n,
        },
      }),
    );
    expect(fields.spanType).toBe('embedding');
    expect(fields.requestModel).toBe('text-embedding-3-small');
    expect(fields.tokens).toEqual({
      input: 8,
      output: 0,
      cacheRead: 0,
      cacheWrite: 0,
      reasoning: 0,
      total: 8,
    });
  });
});

describe('OTel GenAI (deprecated attributes)', () => {
  it('rebuilds gen_ai.prompt.N / gen_ai.completion.N messages', () => {
    const fields = extractLlmFields(
      span({
        name: 'chat gpt-3.5-turbo',
        attributes: {
          'gen_ai.system': 'openai',
          'gen_ai.request.model': 'gpt-3.5-turbo',
          'gen_ai.response.model': 'gpt-3.5-turbo-0125',
          'gen_ai.usage.prompt_tokens': 20n,
          'gen_ai.usage.completion_tokens': 8n,
          'gen_ai.prompt.name': 'greeting-template',
          'gen_ai.prompt.0.role': 'system',
          'gen_ai.prompt.0.content': 'Be brief.',
          'gen_ai.prompt.1.role': 'user',
          'gen_ai.prompt.1.content': 'Hi',
          'gen_ai.completion.0.role': 'assistant',
          'gen_ai.completion.0.content': 'Hello!',
          'gen_ai.completion.0.finish_reason': 'stop',
        },
      }),
    );
    expect(fields).toMatchObject({
      spanType: 'llm',
      provider: 'openai',
      requestModel: 'gpt-3.5-turbo',
      responseModel: 'gpt-3.5-turbo-0125',
      tokens: { input: 20, output: 8, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: 28 },
      inputText: '[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]',
      outputText: '[{"role":"assistant","content":"Hello!","finish_reason":"stop"}]',
    });
  });

  it('orders indexed messages by number, not by text', () => {
    const attributes: Record<string, string> = { 'gen_ai.system': 'openai' };
    for (const index of [10, 2, 0, 1, 9, 3, 4, 5, 6, 7, 8])
      attributes[`gen_ai.prompt.${index}.content`] = `m${index}`;
    const parsed = JSON.parse(extractLlmFields(span({ attributes })).inputText ?? 'null') as {
      content: string;
    }[];
    expect(parsed.map((message) => message.content)).toEqual([
      'm0',
      'm1',
      'm2',
      'm3',
      'm4',
      'm5',
      'm6',
      'm7',
      'm8',
      'm9',
      'm10',
    ]);
  });

  it.each([
    ['az.ai.inference', 'azure.ai.inference'],
    ['az.ai.openai', 'azure.ai.openai'],
    ['gemini', 'gcp.gemini'],
    ['vertex_ai', 'gcp.vertex_ai'],
    ['xai', 'x_ai'],
  ])('maps the deprecated gen_ai.system value %s to %s', (system, provider) => {
    expect(extractLlmFields(span({ attributes: { 'gen_ai.system': system } })).provider).toBe(provider);
  });
});

describe('OTel GenAI events', () => {
  it('reads the gen_ai.client.inference.operation.details event', () => {
    const fields = extractLlmFields(
      span({
        attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'anthropic' },
        events: [
          event('gen_ai.client.inference.operation.details', 900n * MS, {
            'gen_ai.operation.name': 'chat',
            'gen_ai.system_instructions': [{ type: 'text', content: 'You are terse.' }],
            'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'Ping?' }] }],
            'gen_ai.output.messages': [
              { role: 'assistant', parts: [{ type: 'text', content: 'Pong.' }], finish_reason: 'end_turn' },
            ],
          }),
        ],
      }),
    );
    expect(fields.inputText).toBe('[{"role":"user","parts":[{"type":"text","content":"Ping?"}]}]');
    expect(fields.outputText).toBe(
      '[{"role":"assistant","parts":[{"type":"text","content":"Pong."}],"finish_reason":"end_turn"}]',
    );
  });

  it('reads deprecated message events whose body is packed in gen_ai.event.content', () => {
    const fields = extractLlmFields(
      span({
        name: 'chat gpt-4o',
        attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.system': 'az.ai.inference' },
        events: [
          event('gen_ai.system.message', 1n * MS, {
            'gen_ai.system': 'az.ai.inference',
            'gen_ai.event.content': '{"role":"system","content":"You are helpful."}',
          }),
          event('gen_ai.user.message', 1n * MS, {
            'gen_ai.system': 'az.ai.inference',
            'gen_ai.event.content': '{"content":"What is 2+2?"}',
          }),
          event('gen_ai.choice', 700n * MS, {
            'gen_ai.system': 'az.ai.inference',
            'gen_ai.event.content': '{"finish_reason":"stop","index":0,"message":{"content":"4"}}',
          }),
        ],
      }),
    );
    expect(fields.provider).toBe('azure.ai.inference');
    expect(fields.inputText).toBe(
      '[{"role":"system","content":"You are helpful."},{"role":"user","content":"What is 2+2?"}]',
    );
    expect(fields.outputText).toBe('[{"finish_reason":"stop","index":0,"message":{"content":"4"}}]');
  });

  it('reads deprecated message events whose body fields are event attributes', () => {
    const fields = extractLlmFields(
      span({
        attributes: { 'gen_ai.system': 'openai', 'gen_ai.request.model': 'gpt-4o' },
        events: [
          event('gen_ai.user.message', 0n, { 'gen_ai.system': 'openai', content: 'Weather in Paris?' }),
          event('gen_ai.assistant.message', 0n, {
            'gen_ai.system': 'openai',
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
            ],
          }),
          event('gen_ai.tool.message', 0n, { 'gen_ai.system': 'openai', id: 'call_1', content: 'rainy' }),
          event('gen_ai.choice', 500n * MS, {
            'gen_ai.system': 'openai',
            index: 0n,
            finish_reason: 'stop',
            message: { content: 'It is rainy.' },
          }),
        ],
      }),
    );
    expect(fields.spanType).toBe('llm');
    expect(fields.inputText).toBe(
      '[{"role":"user","content":"Weather in Paris?"},' +
        '{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},' +
        '{"role":"tool","id":"call_1","content":"rainy"}]',
    );
    expect(fields.outputText).toBe(
      '[{"index":0,"finish_reason":"stop","message":{"content":"It is rainy."}}]',
    );
  });

  it('reads the older gen_ai.content.prompt / completion events', () => {
    const fields = extractLlmFields(
      span({
        attributes: { 'gen_ai.system': 'openai' },
        events: [
          event('gen_ai.content.prompt', 0n, { 'gen_ai.prompt': '[{"role":"user","content":"Hi"}]' }),
          event('gen_ai.content.completion', 300n * MS, {
            'gen_ai.completion': '[{"role":"assistant","content":"Hey"}]',
          }),
        ],
      }),
    );
    expect(fields.inputText).toBe('[{"role":"user","content":"Hi"}]');
    expect(fields.outputText).toBe('[{"role":"assistant","content":"Hey"}]');
  });

  it('makes a span with only GenAI events an LLM span', () => {
    const fields = extractLlmFields(
      span({
        events: [event('gen_ai.user.message', 0n, { content: 'Hi' })],
        attributes: { 'http.method': 'POST' },
      }),
    );
    expect(fields.inputText).toBe('[{"role":"user","content":"Hi"}]');
  });
});
