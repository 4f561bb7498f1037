import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flush, init, type SdkConfig, shutdown, withSpan } from '../../src/index.js';
import { type CaptureServer, startCaptureServer } from '../support/capture-server.js';

let capture: CaptureServer;

beforeEach(async () => {
  capture = await startCaptureServer();
});

afterEach(async () => {
  await shutdown();
  await capture.close();
});

async function exportOneSpan(config: SdkConfig): Promise<void> {
  init({ serviceName: 'exporter-test', ...config });
  withSpan('exported span', { kind: 'agent' }, () => {});
  await flush();
}

describe('exporters', () => {
  it('sends OTLP/HTTP JSON with the configured headers', async () => {
    await exportOneSpan({
      exporter: 'otlp',
      otlpProtocol: 'http/json',
      endpoint: capture.url,
      headers: { 'x-api-key': 'k1' },
    });
    const request = await capture.waitFor('/v1/traces');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-api-key']).toBe('k1');
    const body = JSON.parse(request.body.toString());
    const resource = body.resourceSpans[0].resource.attributes;
    expect(resource).toContainEqual({ key: 'service.name', value: { stringValue: 'exporter-test' } });
    expect(body.resourceSpans[0].scopeSpans[0].scope.name).toBe('@sextant/sdk');
    expect(body.resourceSpans[0].scopeSpans[0].spans[0].name).toBe('exported span');
  });

  it('sends OTLP/HTTP protobuf by default', async () => {
    await exportOneSpan({ exporter: 'otlp', endpoint: capture.url });
    const request = await capture.waitFor('/v1/traces');
    expect(request.headers['content-type']).toBe('application/x-protobuf');
    expect(request.body.includes(Buffer.from('exported span'))).toBe(true);
  });

  it('sends OTLP to a Jaeger endpoint', async () => {
    await exportOneSpan({ exporter: 'jaeger', endpoint: capture.url });
    expect((await capture.waitFor('/v1/traces')).headers['content-type']).toBe('application/x-protobuf');
  });

  it('sends Zipkin JSON v2 to the full Zipkin URL', async () => {
    await exportOneSpan({ exporter: 'zipkin', endpoint: `${capture.url}/api/v2/spans` });
    const request = await capture.waitFor('/api/v2/spans');
    const [span] = JSON.parse(request.body.toString());
    expect(span).toMatchObject({ name: 'exported span', localEndpoint: { serviceName: 'exporter-test' } });
    expect(span.tags['gen_ai.operation.name']).toBe('invoke_agent');
  });

  it('writes spans to stdout', async () => {
    const written = vi.spyOn(console, 'dir').mockImplementation(() => {});
    try {
      await exportOneSpan({ exporter: 'stdout' });
      expect(written.mock.calls.some(([span]) => (span as { name?: string }).name === 'exported span')).toBe(
        true,
      );
    } finally {
      written.mockRestore();
    }
  });

  it('sends nothing with the none exporter', async () => {
    await exportOneSpan({ exporter: 'none', endpoint: capture.url });
    expect(capture.requests).toHaveLength(0);
  });

  it('drops events and links when told to', async () => {
    await exportOneSpan({
      exporter: 'otlp',
      otlpProtocol: 'http/json',
      endpoint: capture.url,
      includeEvents: false,
      includeLinks: false,
    });
    await withSpan(
      'with extras',
      { links: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' }] },
      (span) => {
        span.addEvent('dropped');
      },
    );
    await flush();
    const spans = capture.requests.flatMap(
      (request) =>
        JSON.parse(request.body.toString()).resourceSpans[0].scopeSpans[0].spans as {
          name: string;
          events?: unknown[];
          links?: unknown[];
        }[],
    );
    const extras = spans.find((span) => span.name === 'with extras')!;
    expect(extras.events ?? []).toHaveLength(0);
    expect(extras.links ?? []).toHaveLength(0);
  });
});
