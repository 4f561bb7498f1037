import type { Tracer } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { DEMO_SERVICES, type DemoService } from './run-context.js';

/** What the exporters managed to send so far. */
export interface ExportTally {
  spans: number;
  failedSpans: number;
  lastError: string | null;
}

/** The real OTLP/HTTP protobuf exporter, counting what it sent and what failed. */
class CountingExporter implements SpanExporter {
  constructor(
    private readonly inner: SpanExporter,
    private readonly tally: ExportTally,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      if (result.code === ExportResultCode.SUCCESS) this.tally.spans += spans.length;
      else {
        this.tally.failedSpans += spans.length;
        this.tally.lastError = result.error?.message ?? 'export failed';
      }
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

export interface DemoExportOptions {
  /** The server's base URL: spans go to `<endpoint>/v1/traces`. */
  endpoint: string;
  /** The Sextant project (resource attribute `sextant.project`); the server's default without one. */
  project?: string;
}

/**
 * One OpenTelemetry tracer provider per demo service, as separate processes would have, each
 * exporting in batches through the OTLP/HTTP protobuf exporter.
 */
export class DemoExport {
  readonly tally: ExportTally = { spans: 0, failedSpans: 0, lastError: null };
  private readonly providers = new Map<DemoService, BasicTracerProvider>();

  constructor(private readonly options: DemoExportOptions) {
    for (const service of DEMO_SERVICES) this.providers.set(service, this.providerFor(service));
  }

  tracer(service: DemoService): Tracer {
    return this.providers.get(service)!.getTracer(`${service}-instrumentation`, '1.0.0');
  }

  /** Sends every span ended so far. */
  async flush(): Promise<void> {
    await Promise.all([...this.providers.values()].map((provider) => provider.forceFlush()));
  }

  async shutdown(): Promise<void> {
    await Promise.all([...this.providers.values()].map((provider) => provider.shutdown()));
  }

  private providerFor(service: DemoService): BasicTracerProvider {
    const exporter = new OTLPTraceExporter({ url: `${this.options.endpoint.replace(/\/+$/, '')}/v1/traces` });
    return new BasicTracerProvider({
      resource: resourceFromAttributes({
        'service.name': service,
        'service.version': '2.3.0',
        'deployment.environment.name': 'demo',
        ...(this.options.project === undefined ? {} : { 'sextant.project': this.options.project }),
      }),
      spanProcessors: [
        new BatchSpanProcessor(new CountingExporter(exporter, this.tally), {
          // The backfill ends thousands of spans at once: none may be dropped for want of room.
          maxQueueSize: 200_000,
          maxExportBatchSize: 1000,
          scheduledDelayMillis: 500,
        }),
      ],
    });
  }
}
