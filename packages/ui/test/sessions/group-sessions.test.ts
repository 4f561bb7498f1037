import { describe, expect, it } from 'vitest';
import type { TraceDetail, TraceSummary } from '../../src/api/types.js';
import { groupSessions, turnTextOf } from '../../src/sessions/group-sessions.js';
import { spanView } from '../support/span-view.js';

function trace(traceId: string, fields: Partial<TraceSummary> & { at: number }): TraceSummary {
  const start = 1_795_343_702_000_000_000n + BigInt(fields.at) * 1_000_000n;
  return {
    traceId,
    startTime: new Date(Number(start / 1_000_000n)).toISOString(),
    startTimeUnixNano: start.toString(),
    tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: 100 },
    costNanoUsd: 100_000_001,
    costUsd: 0.100000001,
    status: 'ok',
    sessionId: null,
    userId: null,
    ...fields,
  } as TraceSummary;
}

describe('groupSessions', () => {
  it('groups the traces of each session, the most recently active first, and sums them exactly', () => {
    const sessions = groupSessions([
      trace('t4', { at: 4000, sessionId: 's1', userId: 'ann' }),
      trace('t3', { at: 3000, sessionId: 's2', userId: 'bob', status: 'error' }),
      trace('t2', { at: 2000, sessionId: 's1', userId: 'ann' }),
      trace('t1', { at: 1000, sessionId: 's1', userId: 'cid' }),
      trace('t0', { at: 500 }),
    ]);
    expect(sessions.map((session) => [session.sessionId, session.turns, session.errorTurns])).toEqual([
      ['s1', 3, 0],
      ['s2', 1, 1],
    ]);
    const s1 = sessions[0]!;
    expect(s1.users).toEqual(['ann', 'cid']);
    expect(s1.costNanoUsd).toBe(300_000_003);
    expect(s1.tokens).toBe(300);
    expect(s1.firstStart).toBe(trace('t1', { at: 1000 }).startTime);
    expect(s1.lastStart).toBe(trace('t4', { at: 4000 }).startTime);
  });
});

function detail(spans: ReturnType<typeof spanView>[]): TraceDetail {
  return { spans } as TraceDetail;
}

describe("a turn's question and answer", () => {
  it("reads them from the root span's messages", () => {
    const root = spanView({
      spanId: 'root',
      llm: {
        spanType: 'agent',
        inputText: JSON.stringify([
          { role: 'user', parts: [{ type: 'text', content: 'Where is my order?' }] },
        ]),
        outputText: JSON.stringify([
          { role: 'assistant', parts: [{ type: 'text', content: 'On its way.' }] },
        ]),
      },
    });
    expect(turnTextOf(detail([root]))).toEqual({ question: 'Where is my order?', answer: 'On its way.' });
  });

  it('reads plain text from the root as it is', () => {
    const root = spanView({
      spanId: 'root',
      llm: { spanType: 'agent', inputText: 'Compare indexes', outputText: 'HNSW' },
    });
    expect(turnTextOf(detail([root]))).toEqual({ question: 'Compare indexes', answer: 'HNSW' });
  });

  it("falls back to the first model call's question and the last one's answer", () => {
    const messages = (role: string, content: string) => JSON.stringify([{ role, content }]);
    const spans = [
      { ...spanView({ spanId: 'root', start: 0, end: 100 }), children: [] },
      spanView({
        spanId: 'second',
        parentSpanId: 'root',
        start: 50,
        llm: {
          spanType: 'llm',
          inputText: messages('user', 'follow-up'),
          outputText: messages('assistant', 'final answer'),
        },
      }),
      spanView({
        spanId: 'first',
        parentSpanId: 'root',
        start: 10,
        llm: {
          spanType: 'llm',
          inputText: messages('user', 'the question'),
          outputText: messages('assistant', 'draft'),
        },
      }),
    ];
    expect(turnTextOf(detail(spans))).toEqual({ question: 'the question', answer: 'final answer' });
  });

  it('has nothing to say for a trace without text', () => {
    expect(turnTextOf(detail([spanView({ spanId: 'root' })]))).toEqual({ question: null, answer: null });
  });
});
