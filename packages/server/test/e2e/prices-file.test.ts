import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonSpan, jsonTraceRequest } from '../support/otlp-json.js';
import { exited, spawnServer } from '../support/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'sextant-prices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--prices-file', () => {
  it('prices models from a LiteLLM-format file, over the built-in catalog', async () => {
    const file = join(dir, 'prices.json');
    writeFileSync(
      file,
      JSON.stringify({
        sample_spec: { input_cost_per_token: 0 },
        'acme-large': {
          input_cost_per_token: 0.000002,
          output_cost_per_token: 0.00001,
          litellm_provider: 'acme',
        },
      }),
    );
    const server = await spawnServer(['--data-dir', join(dir, 'data'), '--prices-file', file]);
    try {
      const span = jsonSpan({
        attributes: [
          { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
          { key: 'gen_ai.request.model', value: { stringValue: 'acme-large' } },
          { key: 'gen_ai.usage.input_tokens', value: { intValue: '1000' } },
          { key: 'gen_ai.usage.output_tokens', value: { intValue: '200' } },
        ],
      });
      const sent = await fetch(`${server.url}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(jsonTraceRequest([span])),
      });
      expect(sent.status).toBe(200);
      const { trace, spans } = (await (await fetch(`${server.url}/api/traces/${span.traceId}`)).json()) as {
        trace: { costNanoUsd: number };
        spans: Array<{ llm: { cost: { nanoUsd: number; source: string; priceEntry: string } } }>;
      };
      // 1000 × $0.000002 + 200 × $0.00001 = $0.004
      expect(spans[0]!.llm.cost).toMatchObject({ nanoUsd: 4_000_000, source: 'computed' });
      expect(spans[0]!.llm.cost.priceEntry).toMatch(/^override:/);
      expect(trace.costNanoUsd).toBe(4_000_000);
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
  });

  it('refuses to start on an invalid file, naming the entry', async () => {
    const file = join(dir, 'bad-prices.json');
    writeFileSync(file, JSON.stringify({ 'acme-large': { input_cost_per_token: -1 } }));
    await expect(spawnServer(['--data-dir', join(dir, 'data2'), '--prices-file', file])).rejects.toThrow(
      /exited with 1[\s\S]*acme-large/,
    );
  });
});
