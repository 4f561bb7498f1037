import { logs } from '@opentelemetry/api-logs';
import { OTLPLogExporter as OtlpJsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as OtlpProtobufLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import type { Resource } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import type { ResolvedConfig } from '../config/sdk-config.js';

/** Registers an OTLP log pipeline as the global logger provider; null when logs are not exported. */
export function startLogExport(config: ResolvedConfig, resource: Resource): LoggerProvider | null {
  if (config.logsUrl === null) return null;
  const options = { url: config.logsUrl, headers: config.headers };
  const exporter =
    config.otlpProtocol === 'http/json'
      ? new OtlpJsonLogExporter(options)
      : new OtlpProtobufLogExporter(options);
  const provider = new LoggerProvider({ resource, processors: [new BatchLogRecordProcessor({ exporter })] });
  logs.disable();
  logs.setGlobalLoggerProvider(provider);
  return provider;
}
