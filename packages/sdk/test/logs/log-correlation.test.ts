import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ConsoleLike,
  correlateConsole,
  flush,
  init,
  pinoMixin,
  shutdown,
  traceLogFields,
  withSpan,
} from '../../src/index.js';
import { startCaptureServer } from '../support/capture-server.js';
import { collectSpans, spanNamed } from '../support/collect.js';

function lineSink() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

/** A console-shaped logger that keeps what it was asked to write. */
function recordingConsole() {
  const written: { level: string; args: unknown[] }[] = [];
  const target = Object.fromEntries(
    (['debug', 'info', 'log', 'warn', 'error'] as const).map((level) => [
      level,
      (...args: unknown[]) => {
        written.push({ level, args });
      },
    ]),
  ) as ConsoleLike;
  return { written, target };
}

describe('log correlation', () => {
  it('adds trace and span ids to pino lines written inside a span, and none outside', () => {
    const { collector } = collectSpans();
    const { lines, stream } = lineSink();
    const logger = pino({ mixin: pinoMixin }, stream);
    logger.info('starting');
    withSpan('handle request', () => logger.info({ order: 7 }, 'inside'));
    const span = spanNamed(collector, 'handle request').spanContext();
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[1]).toMatchObject({
      msg: 'inside',
      order: 7,
      trace_id: span.traceId,
      span_id: span.spanId,
      trace_flags: '01',
    });
  });

  it('appends the ids to console-style lines written inside a span', () => {
    const { collector } = collectSpans();
    const { written, target } = recordingConsole();
    const log = correlateConsole(target);
    log.warn('outside');
    withSpan('job', () => log.error('failed', { code: 3 }));
    const span = spanNamed(collector, 'job').spanContext();
    expect(written).toEqual([
      { level: 'warn', args: ['outside'] },
      { level: 'error', args: ['failed', { code: 3 }, `trace_id=${span.traceId} span_id=${span.spanId}`] },
    ]);
  });

  it('gives no ids when the SDK is disabled', () => {
    collectSpans();
    init({ enabled: false });
    expect(withSpan('x', () => traceLogFields())).toEqual({});
  });
});

describe('log export', () => {
  afterEach(() => shutdown());

  it('sends console lines as OTLP log records tied to the current span', async () => {
    const capture = await startCaptureServer();
    try {
      init({
        serviceName: 'log-test',
        exporter: 'none',
        exportLogs: true,
        otlpProtocol: 'http/json',
        endpoint: capture.url,
      });
      const { target } = recordingConsole();
      const log = correlateConsole(target);
      const ids = withSpan('work', (span) => {
        log.info('processed %d items', 3);
        return { traceId: span.traceId, spanId: span.spanId };
      });
      await flush();
      const request = await capture.waitFor('/v1/logs');
      const body = JSON.parse(request.body.toString());
      const record = body.resourceLogs[0].scopeLogs[0].logRecords[0];
      expect(record).toMatchObject({
        severityText: 'INFO',
        body: { stringValue: 'processed 3 items' },
        traceId: ids.traceId,
        spanId: ids.spanId,
      });
    } finally {
      await capture.close();
    }
  });
});
