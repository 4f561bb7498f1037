import { type ChatMessage, markModelRouting, markToolMount, withSpan, withToolCall } from '@sextant/sdk';
import { chat } from './chat-client.js';

const INSTRUCTIONS = 'You are a concise travel assistant. Use tools for live data.';

/** The agent's tools: a fixed forecast stands in for a weather service. */
const TOOLS: Record<string, (args: { city: string }) => Promise<unknown>> = {
  get_weather: async ({ city }) => ({ city, temperatureC: 21, sky: 'sunny' }),
};

export interface AgentRun {
  answer: string;
  traceId: string;
}

/**
 * A two-turn tool-using agent: the first model call asks for a tool, the tool runs, and a cheaper
 * model streams the answer from the tool's result. Every step is a span of one trace.
 */
export function runSupportAgent(options: {
  providerUrl: string;
  question: string;
  sessionId: string;
  userId: string;
}): Promise<AgentRun> {
  return withSpan(
    'support agent',
    { kind: 'agent', attributes: { 'gen_ai.conversation.id': options.sessionId, 'user.id': options.userId } },
    async (agent) => {
      markToolMount({ tools: Object.keys(TOOLS), source: 'builtin' });
      const messages: ChatMessage[] = [{ role: 'user', content: options.question }];
      const plan = await chat(options.providerUrl, {
        model: 'gpt-4o',
        instructions: INSTRUCTIONS,
        messages,
        stream: false,
      });
      for (const call of plan.toolCalls) {
        const args = JSON.parse(call.function.arguments);
        const tool = TOOLS[call.function.name];
        if (tool === undefined) throw new Error(`the model asked for an unknown tool ${call.function.name}`);
        const result = await withToolCall(
          { name: call.function.name, callId: call.id, arguments: args },
          () => tool(args),
        );
        messages.push({ role: 'tool', content: JSON.stringify(result) });
      }
      markModelRouting({ fromModel: 'gpt-4o', toModel: 'gpt-4o-mini', reason: 'summarizing tool results' });
      const answer = await chat(options.providerUrl, {
        model: 'gpt-4o-mini',
        instructions: INSTRUCTIONS,
        messages,
        stream: true,
      });
      return { answer: answer.text, traceId: agent.traceId };
    },
  );
}
