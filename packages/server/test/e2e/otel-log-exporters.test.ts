import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter as OtlpHttpJsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as OtlpProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  type LogRecordExporter,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import { DEFAULT_INGEST_LIMITS, decodeLogs } from '@sextant/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOtlpAttributes, asOtlpValue, hrTimeNano } from '../support/otel-compare.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const exporters: Array<[string, () => LogRecordExporter]> = [
  ['OTLP/HTTP JSON', () => new OtlpHttpJsonLogExporter({ url: `${server.url}/v1/logs` })],
  ['OTLP/HTTP protobuf', () => new OtlpProtoLogExporter({ url: `${server.url}/v1/logs` })],
];

describe.each(exporters)('the real %s log exporter', (name, makeExporter) => {
  it('sends log records that read back identical', async () => {
    const service = `e2e-logs-${name.replace(/\W+/g, '-')}`;
    const memory = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ 'service.name': service }),
      processors: [
        new SimpleLogRecordProcessor({ exporter: makeExporter() }),
        new SimpleLogRecordProcessor({ exporter: memory }),
      ],
    });
    const logger = provider.getLogger('e2e-logger', '2.0.0');
    logger.emit({
      severityNumber: SeverityNumber.WARN,
      severityText: 'WARN',
      body: 'disk almost full',
      attributes: { 'disk.free': 3.5, 'disk.id': 7 },
    });
    logger.emit({
      severityNumber: SeverityNumber.ERROR,
      body: { message: 'boom', code: 500, tags: ['a', 'b'] },
    });
    logger.emit({ body: 'plain', eventName: 'app.started', attributes: { ok: true } });
    await provider.forceFlush();
    const sent = memory.getFinishedLogRecords(); // before shutdown, which empties the memory exporter
    await provider.shutdown();

    const response = await fetch(`${server.url}/api/logs?service=${service}&format=otlp`);
    expect(response.status).toBe(200);
    const bytes = new TextEncoder().encode(JSON.stringify(await response.json()));
    const stored = decodeLogs(bytes, 'json', { project: 'default', limits: DEFAULT_INGEST_LIMITS }).logs;
    expect(stored).toHaveLength(3);
    const actual = stored.map((log) => ({
      time: log.timeUnixNano,
      observed: log.observedTimeUnixNano,
      severityNumber: log.severityNumber,
      severityText: log.severityText,
      body: log.body,
      eventName: log.eventName,
      attributes: log.attributes,
      scope: [log.scope.name, log.scope.version],
      service: log.service,
    }));
    const expected = sent.map((log) => ({
      time: hrTimeNano(log.hrTime),
      observed: hrTimeNano(log.hrTimeObserved),
      severityNumber: log.severityNumber ?? 0,
      severityText: log.severityText ?? '',
      body: asOtlpValue(log.body) ?? null,
      eventName: log.eventName ?? '',
      attributes: asOtlpAttributes(log.attributes as Record<string, unknown> as never),
      scope: [log.instrumentationScope.name, log.instrumentationScope.version],
      service,
    }));
    expect(actual).toEqual(expected);
  });
});
