import { describe, expect, it } from 'vitest';
import { arrivalsOf } from '../arrivals.js';
import { agentRunSpans, agentRunSummary, twoRootSpans, twoRootSummaries } from '../fixtures/rollup-traces.js';
import { type ContractContext, spansOnly } from './context.js';

/** A trace's rollup is the same whatever the order and batches its spans came in. */
export function rollupSection(context: ContractContext): void {
  describe('trace rollup', () => {
    const arrivals = arrivalsOf(agentRunSpans('names only'));

    it.each(arrivals.map((arrival, index) => ({ name: arrival.name, index })))(
      'is the same whatever the arrival: $name',
      async ({ index }) => {
        const project = `rollup-${index}`;
        for (const batch of arrivalsOf(agentRunSpans(project))[index]!.batches)
          await context.store.write(spansOnly(batch));
        const expected = agentRunSummary(project);
        expect((await context.store.getTrace({ project, traceId: expected.traceId }))?.summary).toEqual(
          expected,
        );
        expect((await context.store.findTraces({ project, limit: 10 })).traces).toEqual([expected]);
        expect(await context.store.counts({ project })).toMatchObject({ traces: 1, spans: 6 });
      },
    );

    it('is partial until a root comes, then takes the earliest root', async () => {
      const project = 'rollup-roots';
      const { roots, children } = twoRootSpans(project);
      const expected = twoRootSummaries(project);
      await context.store.write(spansOnly(children));
      expect((await context.store.getTrace({ project, traceId: expected.whole.traceId }))?.summary).toEqual(
        expected.childrenOnly,
      );
      expect((await context.store.findTraces({ project, status: 'partial', limit: 10 })).traces).toEqual([
        expected.childrenOnly,
      ]);
      await context.store.write(spansOnly(roots));
      expect((await context.store.getTrace({ project, traceId: expected.whole.traceId }))?.summary).toEqual(
        expected.whole,
      );
      expect((await context.store.findTraces({ project, status: 'partial', limit: 10 })).traces).toEqual([]);
      expect((await context.store.findTraces({ project, status: 'ok', limit: 10 })).traces).toEqual([
        expected.whole,
      ]);
    });

    it.each(
      arrivalsOf([...twoRootSpans('names only').roots, ...twoRootSpans('names only').children]).map(
        (arrival, index) => ({ name: arrival.name, index }),
      ),
    )('picks the same root whatever the arrival: $name', async ({ index }) => {
      const project = `rollup-roots-${index}`;
      const { roots, children } = twoRootSpans(project);
      for (const batch of arrivalsOf([...roots, ...children])[index]!.batches)
        await context.store.write(spansOnly(batch));
      const expected = twoRootSummaries(project).whole;
      expect((await context.store.getTrace({ project, traceId: expected.traceId }))?.summary).toEqual(
        expected,
      );
    });
  });
}
