import type { TraceDetail, TraceSummary } from '../api/types.js';
import { conversationOf, lastTextBy } from '../trace/genai-messages.js';
import { buildSpanTree, flattenSpans } from '../trace/span-tree.js';

export interface SessionSummary {
  sessionId: string;
  users: string[];
  turns: number;
  firstStart: string;
  lastStart: string;
  errorTurns: number;
  tokens: number;
  costUsd: number;
  costNanoUsd: number;
}

/** The traces that belong to a session, grouped by it; the most recently active session first. */
export function groupSessions(traces: readonly TraceSummary[]): SessionSummary[] {
  const sessions = new Map<string, SessionSummary & { lastNano: bigint; firstNano: bigint }>();
  for (const trace of traces) {
    if (!trace.sessionId) continue;
    const start = BigInt(trace.startTimeUnixNano);
    let session = sessions.get(trace.sessionId);
    if (!session) {
      session = {
        sessionId: trace.sessionId,
        users: [],
        turns: 0,
        firstStart: trace.startTime,
        lastStart: trace.startTime,
        firstNano: start,
        lastNano: start,
        errorTurns: 0,
        tokens: 0,
        costUsd: 0,
        costNanoUsd: 0,
      };
      sessions.set(trace.sessionId, session);
    }
    session.turns++;
    if (trace.userId && !session.users.includes(trace.userId)) session.users.push(trace.userId);
    if (trace.status === 'error') session.errorTurns++;
    session.tokens += trace.tokens.total;
    // Integer nano-dollars add up exactly; dollars are derived once.
    session.costNanoUsd += trace.costNanoUsd;
    session.costUsd = session.costNanoUsd / 1e9;
    if (start < session.firstNano) {
      session.firstNano = start;
      session.firstStart = trace.startTime;
    }
    if (start > session.lastNano) {
      session.lastNano = start;
      session.lastStart = trace.startTime;
    }
  }
  return [...sessions.values()]
    .sort((a, b) => (a.lastNano > b.lastNano ? -1 : a.lastNano < b.lastNano ? 1 : 0))
    .map(({ lastNano: _last, firstNano: _first, ...session }) => session);
}

export interface TurnText {
  question: string | null;
  answer: string | null;
}

const USER = ['user', 'human'];
const ASSISTANT = ['assistant', 'model', 'ai'];

/**
 * What was asked and answered in one turn (one trace): the root span's input and output when it
 * has them (an agent or workflow span), else the first model call's question and the last one's
 * answer.
 */
export function turnTextOf(detail: TraceDetail): TurnText {
  const tree = buildSpanTree(flattenSpans(detail.spans));
  const read = (
    text: string | null,
    messages: ReturnType<typeof conversationOf>['input'],
    roles: string[],
  ) => (messages ? lastTextBy(messages, roles) : text);
  const root = tree.roots[0];
  let question: string | null = null;
  let answer: string | null = null;
  if (root) {
    const conversation = conversationOf(root.span);
    question = read(conversation.inputText, conversation.input, USER);
    answer = read(conversation.outputText, conversation.output, ASSISTANT);
  }
  const calls = tree.ordered
    .filter((node) => node.span.llm.spanType === 'llm')
    .sort((a, b) => a.startNs - b.startNs);
  if (question === null && calls.length > 0) {
    const first = conversationOf(calls[0]!.span);
    question = read(first.inputText, first.input, USER);
  }
  if (answer === null && calls.length > 0) {
    const last = conversationOf(calls.at(-1)!.span);
    answer = read(last.outputText, last.output, ASSISTANT);
  }
  return { question, answer };
}
