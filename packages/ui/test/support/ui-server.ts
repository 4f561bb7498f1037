import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig, type RunningServer, startServer } from '@sextant/server';
import type { SpanView, TraceDetail } from '../../src/api/types.js';
import { flattenSpans } from '../../src/trace/span-tree.js';

export interface UiTestServer extends RunningServer {
  /** Sends OTLP/JSON `resourceSpans` and waits for the server's answer. */
  ingest(resourceSpans: unknown[]): Promise<void>;
  /** A trace as the UI reads it. */
  trace(traceId: string): Promise<TraceDetail>;
  /** The spans of a trace, flat. */
  spans(traceId: string): Promise<SpanView[]>;
  stop(): Promise<void>;
}

/**
 * A real Sextant server on a loopback port, its SQLite data in a temporary directory; `uiDir`
 * is the built UI it serves at `/`.
 */
export async function startUiTestServer(options: { uiDir?: string } = {}): Promise<UiTestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sextant-ui-test-'));
  const config = defaultConfig();
  config.port = 0;
  config.dataDir = dataDir;
  config.uiDir = options.uiDir ?? null;
  const server: RunningServer = await startServer(config, { logger: false });
  const trace = async (traceId: string) => {
    const response = await fetch(`${server.url}/api/traces/${traceId}`);
    if (!response.ok) throw new Error(`GET trace ${traceId}: ${response.status} ${await response.text()}`);
    return (await response.json()) as TraceDetail;
  };
  return {
    ...server,
    async ingest(resourceSpans) {
      const response = await fetch(`${server.url}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ resourceSpans }),
      });
      const body = await response.text();
      if (!response.ok || body.includes('rejected')) throw new Error(`ingest: ${response.status} ${body}`);
    },
    trace,
    spans: async (traceId) => flattenSpans((await trace(traceId)).spans),
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type OtlpValue =
  | { stringValue: string }
  | { intValue: string }
  | { doubleValue: number }
  | { boolValue: boolean }
  | { arrayValue: { values: OtlpValue[] } };

/** An attribute value in OTLP/JSON form. */
export function otlpValue(value: string | number | boolean | string[]): OtlpValue {
  if (Array.isArray(value)) return { arrayValue: { values: value.map((item) => ({ stringValue: item })) } };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
}

export function otlpAttributes(attributes: Record<string, string | number | boolean | string[]>) {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: otlpValue(value) }));
}

export interface OtlpSpanInput {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** Milliseconds after `baseMs`. */
  start: number;
  end: number;
  attributes?: Record<string, string | number | boolean | string[]>;
  events?: { name: string; at: number; attributes?: Record<string, string | number | boolean | string[]> }[];
  error?: string;
}

/** OTLP/JSON `resourceSpans` for one service holding the given spans. */
export function resourceSpans(service: string, baseMs: number, spans: OtlpSpanInput[]) {
  const nano = (ms: number) => (BigInt(Math.round((baseMs + ms) * 1000)) * 1000n).toString();
  return {
    resource: { attributes: otlpAttributes({ 'service.name': service }) },
    scopeSpans: [
      {
        scope: { name: 'ui-test' },
        spans: spans.map((span) => ({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId ?? '',
          name: span.name,
          kind: 1,
          startTimeUnixNano: nano(span.start),
          endTimeUnixNano: nano(span.end),
          attributes: otlpAttributes(span.attributes ?? {}),
          events: (span.events ?? []).map((event) => ({
            name: event.name,
            timeUnixNano: nano(event.at),
            attributes: otlpAttributes(event.attributes ?? {}),
          })),
          status: span.error ? { code: 2, message: span.error } : {},
        })),
      },
    ],
  };
}
