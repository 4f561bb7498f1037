import { describe, expect, it } from 'vitest';
import { mergeRollupInto, rollupOfSpan, spanRank, summarizeRollup } from '../../src/index.js';
import { agentRunSpans, agentRunSummary } from '../contract/fixtures/rollup-traces.js';
import { EPOCH, makeSpan, spanId, traceId } from '../contract/fixtures/span-builder.js';

describe('trace rollup', () => {
  it('ranks parentless spans first, then by start time as a number, then by span id', () => {
    const at = (start: bigint, id: number, parent = '') =>
      spanRank(
        makeSpan({
          project: 'p',
          traceId: traceId(1),
          spanId: spanId(id),
          parentSpanId: parent,
          name: 'n',
          service: 's',
          start,
          duration: 0n,
        }),
      );
    const child = spanId(9);
    const ranks = [at(10n, 1, child), at(9n, 2, child), at(100n, 1), at(9n, 1, child), at(99n, 3)];
    expect([...ranks].sort()).toEqual([ranks[4], ranks[2], ranks[3], ranks[1], ranks[0]]);
  });

  it('merges rollups of any split of the spans into the same summary', () => {
    const spans = agentRunSpans('p');
    for (let mask = 1; mask < 2 ** spans.length - 1; mask++) {
      const sides = [0, 1].map((side) => spans.filter((_, index) => ((mask >> index) & 1) === side));
      const [left, right] = sides.map((side) => {
        const rollup = rollupOfSpan(side[0]!);
        for (const span of side.slice(1)) mergeRollupInto(rollup, rollupOfSpan(span));
        return rollup;
      });
      mergeRollupInto(right!, left!);
      expect(summarizeRollup(right!)).toEqual(agentRunSummary('p'));
    }
  });

  it('adds up usage and cost of model calls only, not of the agent spans that repeat them', () => {
    const tokens = { input: 100, output: 20, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: 120 };
    const cost = { nanoUsd: 5000, source: 'computed' as const, priceEntry: null };
    const sketch = { project: 'p', traceId: traceId(7), service: 's', duration: 10n };
    const agent = makeSpan({
      ...sketch,
      spanId: spanId(1),
      name: 'ai.generateText',
      start: EPOCH,
      llm: { spanType: 'chain', tokens, cost },
    });
    const call = makeSpan({
      ...sketch,
      spanId: spanId(2),
      parentSpanId: spanId(1),
      name: 'ai.generateText.doGenerate',
      start: EPOCH + 1n,
      llm: { spanType: 'llm', tokens, cost },
    });
    const embed = makeSpan({
      ...sketch,
      spanId: spanId(3),
      parentSpanId: spanId(1),
      name: 'embed',
      start: EPOCH + 2n,
      llm: { spanType: 'embedding', tokens: { ...tokens, output: 0, total: 100 }, cost },
    });
    const rollup = rollupOfSpan(agent);
    mergeRollupInto(rollup, rollupOfSpan(call));
    mergeRollupInto(rollup, rollupOfSpan(embed));
    expect(summarizeRollup(rollup)).toMatchObject({
      tokens: { input: 200, output: 20, total: 220 },
      costNanoUsd: 10_000,
      llmCallCount: 1,
    });
  });

  it('hands out summaries the caller may change', () => {
    const rollup = rollupOfSpan(agentRunSpans('p')[0]!);
    const summary = summarizeRollup(rollup);
    summary.tokens.input = 99;
    summary.services.push('other');
    expect(summarizeRollup(rollup)).toMatchObject({ tokens: { input: 0 }, services: ['agent'] });
  });

  it('counts a trace of one childless root as ok', () => {
    const root = makeSpan({
      project: 'p',
      traceId: traceId(1),
      spanId: spanId(1),
      name: 'n',
      service: 's',
      start: EPOCH,
      duration: 3n,
    });
    expect(summarizeRollup(rollupOfSpan(root))).toMatchObject({
      status: 'ok',
      durationNano: 3n,
      rootName: 'n',
    });
  });
});
