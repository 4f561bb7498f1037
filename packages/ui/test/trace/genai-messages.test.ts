import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpanView } from '../../src/api/types.js';
import {
  type ChatMessage,
  conversationOf,
  lastTextBy,
  parseMessages,
  systemInstructions,
} from '../../src/trace/genai-messages.js';
import {
  type OtlpSpanInput,
  resourceSpans,
  startUiTestServer,
  type UiTestServer,
} from '../support/ui-server.js';

/**
 * Each convention's spans go through a real server, which gathers the input and output text the
 * way it does for every span; the UI then reads the messages back from what the API answers.
 */
const TRACE_ID = '7a1d3c2b4e5f60718293a4b5c6d7e8f9';

const SPANS: OtlpSpanInput[] = [
  {
    traceId: TRACE_ID,
    spanId: 'a000000000000001',
    name: 'chat gpt-4o (OTel GenAI)',
    start: 0,
    end: 900,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'You are terse.' }]),
      'gen_ai.input.messages': JSON.stringify([
        { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
        {
          role: 'assistant',
          parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }],
        },
        { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: { celsius: 21 } }] },
      ]),
      'gen_ai.output.messages': JSON.stringify([
        { role: 'assistant', parts: [{ type: 'text', content: '21 °C and sunny.' }], finish_reason: 'stop' },
      ]),
    },
  },
  {
    traceId: TRACE_ID,
    spanId: 'a000000000000002',
    name: 'openai.chat (OpenLLMetry, indexed GenAI attributes)',
    start: 1000,
    end: 1500,
    attributes: {
      'llm.request.type': 'chat',
      'gen_ai.system': 'OpenAI',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.prompt.0.role': 'system',
      'gen_ai.prompt.0.content': 'Classify the ticket.',
      'gen_ai.prompt.1.role': 'user',
      'gen_ai.prompt.1.content': 'My invoice is wrong.',
      'gen_ai.completion.0.role': 'assistant',
      'gen_ai.completion.0.content': '{"category":"billing"}',
      'gen_ai.completion.0.finish_reason': 'stop',
    },
  },
  {
    traceId: TRACE_ID,
    spanId: 'a000000000000003',
    name: 'chat (deprecated GenAI events)',
    start: 1600,
    end: 2000,
    attributes: { 'gen_ai.system': 'openai', 'gen_ai.request.model': 'gpt-4o' },
    events: [
      { name: 'gen_ai.system.message', at: 1601, attributes: { content: 'Be kind.' } },
      { name: 'gen_ai.user.message', at: 1602, attributes: { content: 'Hello there' } },
      {
        name: 'gen_ai.choice',
        at: 1999,
        attributes: { index: 0, finish_reason: 'stop', 'message.content': 'Hi!' },
      },
    ],
  },
  {
    traceId: TRACE_ID,
    spanId: 'a000000000000004',
    name: 'ChatAnthropic (OpenInference)',
    start: 2100,
    end: 3000,
    attributes: {
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'claude-sonnet-4-5',
      'llm.provider': 'anthropic',
      'llm.input_messages.0.message.role': 'user',
      'llm.input_messages.0.message.contents.0.message_content.type': 'text',
      'llm.input_messages.0.message.contents.0.message_content.text': 'Find flights to Oslo',
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.tool_calls.0.tool_call.id': 'toolu_1',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'search_flights',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': '{"to":"OSL"}',
    },
  },
  {
    traceId: TRACE_ID,
    spanId: 'a000000000000005',
    name: 'ai.generateText.doGenerate (Vercel AI SDK)',
    start: 3100,
    end: 3900,
    attributes: {
      'ai.operationId': 'ai.generateText.doGenerate',
      'ai.model.id': 'gpt-4o',
      'ai.model.provider': 'openai.chat',
      'ai.prompt.messages': JSON.stringify([
        { role: 'system', content: 'Write release notes.' },
        { role: 'user', content: [{ type: 'text', text: 'Version 2.1' }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', toolCallId: 'c9', toolName: 'list_changes', input: { since: '2.0' } },
          ],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: 'c9', toolName: 'list_changes', output: [3] }],
        },
      ]),
      'ai.response.text': 'Version 2.1 is faster.',
    },
  },
  {
    traceId: TRACE_ID,
    spanId: 'a000000000000006',
    name: 'ai.generateText (Vercel AI SDK, outer span)',
    start: 3050,
    end: 3950,
    attributes: {
      'ai.operationId': 'ai.generateText',
      'ai.model.id': 'gpt-4o',
      'ai.prompt': JSON.stringify({ system: 'Write release notes.', prompt: 'Version 2.1' }),
      'ai.response.text': 'Version 2.1 is faster.',
    },
  },
  {
    traceId: TRACE_ID,
    spanId: 'a000000000000007',
    name: 'research_agent (OpenInference, plain text)',
    start: 4000,
    end: 5000,
    attributes: {
      'openinference.span.kind': 'AGENT',
      'input.value': 'Which index for 20M vectors?',
      'output.value': 'HNSW.',
    },
  },
  {
    traceId: TRACE_ID,
    spanId: 'a000000000000008',
    name: 'chat (GenAI operation details event)',
    start: 5100,
    end: 5500,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
    },
    events: [
      {
        name: 'gen_ai.client.inference.operation.details',
        at: 5499,
        attributes: {
          'gen_ai.input.messages': JSON.stringify([
            { role: 'user', parts: [{ type: 'text', content: 'Ping?' }] },
          ]),
          'gen_ai.output.messages': JSON.stringify([
            { role: 'assistant', parts: [{ type: 'text', content: 'Pong.' }] },
          ]),
        },
      },
    ],
  },
];

/** Messages as `role: text | →tool(args) | ←result`, compact enough to compare whole. */
function summary(messages: ChatMessage[] | null): string[] | null {
  if (messages === null) return null;
  return messages.map((message) => {
    const parts = message.parts.map((part) => {
      const text = part.text.replace(/\s+/g, '');
      if (part.kind === 'tool_call') return `→${part.name}${text}`;
      if (part.kind === 'tool_result') return `←${text}`;
      return text;
    });
    return `${message.role}${message.finishReason ? `[${message.finishReason}]` : ''}: ${parts.join(' | ')}`;
  });
}

describe('chat messages read from spans of each convention, through the API', () => {
  let server: UiTestServer;
  let spans: Map<string, SpanView>;
  const span = (spanId: string) => spans.get(spanId)!;

  beforeAll(async () => {
    server = await startUiTestServer();
    await server.ingest([resourceSpans('chat-app', Date.now() - 60_000, SPANS)]);
    spans = new Map((await server.spans(TRACE_ID)).map((view) => [view.spanId, view]));
  });
  afterAll(() => server.stop());

  it('OTel GenAI: parts with tool calls and results, the finish reason, system instructions apart', () => {
    const conversation = conversationOf(span('a000000000000001'));
    expect(summary(conversation.input)).toEqual([
      'user: WeatherinParis?',
      'assistant: →get_weather{"city":"Paris"}',
      'tool: ←{"celsius":21}',
    ]);
    expect(conversation.input![1]!.parts[0]).toMatchObject({
      kind: 'tool_call',
      id: 'call_1',
      name: 'get_weather',
    });
    expect(summary(conversation.output)).toEqual(['assistant[stop]: 21°Candsunny.']);
    expect(summary(conversation.instructions && [conversation.instructions])).toEqual([
      'system: Youareterse.',
    ]);
  });

  it('OpenLLMetry: indexed prompt and completion attributes', () => {
    const conversation = conversationOf(span('a000000000000002'));
    expect(summary(conversation.input)).toEqual(['system: Classifytheticket.', 'user: Myinvoiceiswrong.']);
    expect(summary(conversation.output)).toEqual(['assistant[stop]: {"category":"billing"}']);
    expect(conversation.instructions).toBeNull();
  });

  it('deprecated GenAI events: one message per event, the choice as the answer', () => {
    const conversation = conversationOf(span('a000000000000003'));
    expect(summary(conversation.input)).toEqual(['system: Bekind.', 'user: Hellothere']);
    expect(summary(conversation.output)).toEqual(['assistant[stop]: Hi!']);
  });

  it('OpenInference: rebuilt messages with contents and tool calls', () => {
    const conversation = conversationOf(span('a000000000000004'));
    expect(summary(conversation.input)).toEqual(['user: FindflightstoOslo']);
    expect(summary(conversation.output)).toEqual(['assistant: →search_flights{"to":"OSL"}']);
    expect(conversation.output![0]!.parts[0]!.id).toBe('toolu_1');
  });

  it('Vercel AI SDK: content parts with tool calls and results; a plain-text answer', () => {
    const conversation = conversationOf(span('a000000000000005'));
    expect(summary(conversation.input)).toEqual([
      'system: Writereleasenotes.',
      'user: Version2.1',
      'assistant: →list_changes{"since":"2.0"}',
      'tool: ←[3]',
    ]);
    expect(conversation.output).toBeNull();
    expect(conversation.outputText).toBe('Version 2.1 is faster.');
  });

  it("Vercel AI SDK's outer span: the system and the prompt of `ai.prompt`", () => {
    expect(summary(conversationOf(span('a000000000000006')).input)).toEqual([
      'system: Writereleasenotes.',
      'user: Version2.1',
    ]);
  });

  it('plain text input and output stay text', () => {
    const conversation = conversationOf(span('a000000000000007'));
    expect(conversation.input).toBeNull();
    expect(conversation.inputText).toBe('Which index for 20M vectors?');
    expect(conversation.outputText).toBe('HNSW.');
  });

  it("the GenAI operation-details event's messages", () => {
    const conversation = conversationOf(span('a000000000000008'));
    expect(summary(conversation.input)).toEqual(['user: Ping?']);
    expect(summary(conversation.output)).toEqual(['assistant: Pong.']);
  });
});

describe('parseMessages on shapes the server passes through as sent', () => {
  it("reads Anthropic's content blocks and reasoning", () => {
    const messages = parseMessages(
      JSON.stringify([
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'The user wants a refund.' },
            { type: 'tool_use', id: 'toolu_9', name: 'refund', input: { order: 7 } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_9', content: 'done' }] },
      ]),
    );
    expect(messages!.map((message) => message.parts.map((part) => part.kind))).toEqual([
      ['reasoning', 'tool_call'],
      ['tool_result'],
    ]);
    expect(messages![1]!.parts[0]!.id).toBe('toolu_9');
  });

  it("reads OpenAI's tool calls, and a tool message as the call's result", () => {
    const messages = parseMessages(
      JSON.stringify([
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: '42' },
      ]),
    );
    expect(summary(messages)).toEqual(['assistant: →f{"a":1}', 'tool: ←42']);
    expect(messages![1]!.parts[0]!.id).toBe('c1');
  });

  it('is null for what is not messages: plain text, documents, broken JSON', () => {
    expect(parseMessages('What is the weather?')).toBeNull();
    expect(parseMessages(JSON.stringify([{ id: 'doc-1', content: 'text', score: 0.9 }]))).toBeNull();
    expect(parseMessages('[{"role": "user", "content": ')).toBeNull();
    expect(parseMessages(JSON.stringify({ query: 'x' }))).toBeNull();
    expect(parseMessages(null)).toBeNull();
  });

  it('keeps text that looks like markup as text', () => {
    const messages = parseMessages(
      JSON.stringify([{ role: 'user', content: '<img src=x onerror=alert(1)>' }]),
    );
    expect(messages![0]!.parts[0]!.text).toBe('<img src=x onerror=alert(1)>');
  });

  it('reads system instructions given as parts or as text', () => {
    expect(
      systemInstructions(
        JSON.stringify([
          { type: 'text', content: 'A' },
          { type: 'text', content: 'B' },
        ]),
      ),
    ).toEqual({
      role: 'system',
      parts: [
        { kind: 'text', text: 'A' },
        { kind: 'text', text: 'B' },
      ],
    });
    expect(systemInstructions('Plain instructions')!.parts).toEqual([
      { kind: 'text', text: 'Plain instructions' },
    ]);
    expect(systemInstructions(undefined)).toBeNull();
  });

  it("finds a turn's question and answer", () => {
    const messages = parseMessages(
      JSON.stringify([
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'reply' },
        { role: 'user', content: 'second' },
      ]),
    );
    expect(lastTextBy(messages, ['user'])).toBe('second');
    expect(lastTextBy(messages, ['assistant'])).toBe('reply');
    expect(lastTextBy(messages, ['tool'])).toBeNull();
  });
});
