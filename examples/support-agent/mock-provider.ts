import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for an OpenAI-compatible chat completions API, on loopback: the first turn asks for
 * the `get_weather` tool, the turn after a tool result answers, streamed when asked. Usage and
 * cached tokens are fixed, so a test can check every number the trace ends up with.
 */
export const MOCK_USAGE = {
  toolTurn: { prompt_tokens: 1200, completion_tokens: 40, prompt_tokens_details: { cached_tokens: 1000 } },
  answerTurn: {
    prompt_tokens: 1500,
    completion_tokens: 25,
    prompt_tokens_details: { cached_tokens: 1024 },
    completion_tokens_details: { reasoning_tokens: 8 },
  },
} as const;

export const MOCK_ANSWER_CHUNKS = ['It is 21°C ', 'and sunny in Paris.'] as const;

interface ChatRequest {
  model: string;
  stream?: boolean;
  messages: { role: string }[];
}

export interface MockProvider {
  url: string;
  /** Every request body received, in order. */
  requests: ChatRequest[];
  close(): Promise<void>;
}

function readJson(req: IncomingMessage): Promise<ChatRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
    req.on('error', reject);
  });
}

export async function startMockProvider(): Promise<MockProvider> {
  const requests: ChatRequest[] = [];
  const server = createServer(async (req, res) => {
    const body = await readJson(req);
    requests.push(body);
    const id = `chatcmpl-${requests.length}`;
    const model = `${body.model}-2024-07-18`;
    if (!body.messages.some((message) => message.role === 'tool')) {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id,
          model,
          choices: [
            {
              index: 0,
              finish_reason: 'tool_calls',
              message: {
                role: 'assistant',
                content: null,
                tool_calls: [
                  {
                    id: 'call_1',
                    type: 'function',
                    function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
                  },
                ],
              },
            },
          ],
          usage: MOCK_USAGE.toolTurn,
        }),
      );
      return;
    }
    res.setHeader('content-type', 'text/event-stream');
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    for (const [index, text] of MOCK_ANSWER_CHUNKS.entries()) {
      send({ id, model, choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });
      await new Promise((resolve) => setTimeout(resolve, index === 0 ? 20 : 5));
    }
    send({
      id,
      model,
      choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
      usage: MOCK_USAGE.answerTurn,
    });
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
