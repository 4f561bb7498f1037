import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  type Sampler,
  SimpleSpanProcessor,
  type SpanLimits,
  type SpanProcessor,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import type { ResolvedConfig } from '../config/sdk-config.js';

/** 1 keeps every trace, 0 none; in between, root spans by trace id and children as their parent. */
export function createSampler(rate: number): Sampler {
  if (rate >= 1) return new AlwaysOnSampler();
  if (rate <= 0) return new AlwaysOffSampler();
  return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(rate) });
}

/** The processor that sends finished spans where the configuration says, or null for `none`. */
export function createExportProcessor(config: ResolvedConfig): SpanProcessor | null {
  switch (config.exporter) {
    case 'none':
      return null;
    case 'stdout':
      return new SimpleSpanProcessor(new ConsoleSpanExporter());
    case 'zipkin':
      return new BatchSpanProcessor(
        new ZipkinExporter({ url: config.tracesUrl!, serviceName: config.serviceName }),
      );
    case 'otlp':
    case 'jaeger': {
      const options = { url: config.tracesUrl!, headers: config.headers };
      return new BatchSpanProcessor(
        config.otlpProtocol === 'http/json'
          ? new OtlpJsonExporter(options)
          : new OtlpProtobufExporter(options),
      );
    }
  }
}

export function spanLimits(config: ResolvedConfig): SpanLimits {
  return {
    attributeCountLimit: config.maxAttributesPerSpan,
    eventCountLimit: config.includeEvents ? config.maxEventsPerSpan : 0,
    ...(config.includeLinks ? {} : { linkCountLimit: 0 }),
  };
}
