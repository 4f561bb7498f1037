import { type ChatMessage, type LlmUsage, tracedFetch, withLlmCall } from '@sextant/sdk';

/** The parts of an OpenAI-compatible chat completion the agent uses. */
interface WireToolCall {
  id: string;
  function: { name: string; arguments: string };
}

interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}

interface WireCompletion {
  id: string;
  model: string;
  choices: { finish_reason: string; message: { content: string | null; tool_calls?: WireToolCall[] } }[];
  usage: WireUsage;
}

export interface ModelTurn {
  text: string;
  toolCalls: WireToolCall[];
}

const tracedFetchImpl = tracedFetch();

function usageOf(usage: WireUsage): LlmUsage {
  return {
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    cacheReadTokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
    ...(usage.completion_tokens_details?.reasoning_tokens === undefined
      ? {}
      : { reasoningTokens: usage.completion_tokens_details.reasoning_tokens }),
  };
}

function wireMessages(messages: ChatMessage[], instructions: string) {
  return [
    { role: 'system', content: instructions },
    ...messages.map((message) => ({ role: message.role, content: message.content ?? '' })),
  ];
}

async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<Record<string, unknown>> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const bytes of body) {
    buffered += decoder.decode(bytes, { stream: true });
    let boundary = buffered.indexOf('\n\n');
    while (boundary >= 0) {
      const data = buffered.slice(0, boundary).replace(/^data: /, '');
      buffered = buffered.slice(boundary + 2);
      if (data !== '[DONE]') yield JSON.parse(data);
      boundary = buffered.indexOf('\n\n');
    }
  }
}

/**
 * One model call over the OpenAI chat completions wire format, traced as an LLM span with its
 * request, messages, usage, finish reason and, when streamed, time to first token.
 */
export function chat(
  providerUrl: string,
  request: { model: string; instructions: string; messages: ChatMessage[]; stream: boolean },
): Promise<ModelTurn> {
  return withLlmCall(
    {
      model: request.model,
      provider: 'openai',
      systemInstructions: request.instructions,
      inputMessages: request.messages,
      parameters: { temperature: 0, stream: request.stream },
    },
    async (call) => {
      const response = await tracedFetchImpl(`${providerUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: request.model,
          stream: request.stream,
          messages: wireMessages(request.messages, request.instructions),
        }),
      });
      if (!request.stream) {
        const completion = (await response.json()) as WireCompletion;
        const choice = completion.choices[0]!;
        const toolCalls: WireToolCall[] = choice.message.tool_calls ?? [];
        call.setResponse({
          model: completion.model,
          id: completion.id,
          usage: usageOf(completion.usage),
          outputMessages: [
            {
              role: 'assistant',
              parts: toolCalls.map((tool) => ({
                type: 'tool_call' as const,
                id: tool.id,
                name: tool.function.name,
                arguments: JSON.parse(tool.function.arguments),
              })),
              finishReason: choice.finish_reason,
            },
          ],
        });
        return { text: choice.message.content ?? '', toolCalls };
      }
      let text = '';
      for await (const chunk of call.trackStream(serverSentEvents(response.body!))) {
        const choice = (chunk.choices as { delta: { content?: string }; finish_reason: string | null }[])[0]!;
        text += choice.delta.content ?? '';
        if (chunk.usage !== undefined) {
          call.setResponse({
            model: chunk.model as string,
            id: chunk.id as string,
            usage: usageOf(chunk.usage as WireUsage),
            outputMessages: [
              { role: 'assistant', content: text, finishReason: choice.finish_reason ?? 'stop' },
            ],
          });
        }
      }
      return { text, toolCalls: [] };
    },
  );
}
