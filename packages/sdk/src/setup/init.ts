import { context, propagation, trace } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import type { LoggerProvider } from '@opentelemetry/sdk-logs';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { resolveConfig } from '../config/resolve-config.js';
import type { ResolvedConfig, SdkConfig } from '../config/sdk-config.js';
import { startLogExport } from './log-pipeline.js';
import { SDK_SCOPE, sdk, setPriceOverrides } from './sdk-state.js';
import { createExportProcessor, createSampler, spanLimits } from './trace-pipeline.js';

interface Running {
  tracerProvider: BasicTracerProvider;
  loggerProvider: LoggerProvider | null;
}

let running: Running | null = null;

function resourceOf(config: ResolvedConfig) {
  const attributes: Record<string, string> = { 'service.name': config.serviceName };
  if (config.serviceVersion !== null) attributes['service.version'] = config.serviceVersion;
  if (config.project !== null) attributes['sextant.project'] = config.project;
  return defaultResource()
    .merge(detectResources({ detectors: [envDetector] }))
    .merge(resourceFromAttributes(attributes));
}

/**
 * Sets the SDK up once, at the start of the process: resolves the configuration (config, then
 * environment, then defaults), registers the tracer provider, the async context manager and the
 * W3C trace-context and baggage propagators as OpenTelemetry's globals, so that every other
 * OpenTelemetry instrumentation records into the same traces. Calling it again replaces the
 * previous setup. Settings that cannot be used are replaced and reported in one warning.
 * @returns the configuration in force.
 */
export function init(given: SdkConfig = {}): ResolvedConfig {
  const warn = typeof given.warn === 'function' ? given.warn : sdk.warn;
  sdk.warn = warn;
  const { config, problems } = resolveConfig(given);
  const priceProblem = setPriceOverrides(given.priceOverrides);
  if (priceProblem !== null) problems.push(priceProblem);
  if (problems.length > 0) warn(`[sextant] configuration: ${problems.join('; ')}`);
  void stop();
  sdk.captureContent = config.captureContent;
  sdk.recording = config.enabled;
  if (!config.enabled) return config;

  try {
    start(config, given);
  } catch (error) {
    sdk.recording = false;
    warn(`[sextant] could not start, tracing is off: ${(error as Error).message}`);
  }
  return config;
}

function start(config: ResolvedConfig, given: SdkConfig): void {
  const resource = resourceOf(config);
  const exportProcessor = createExportProcessor(config);
  const tracerProvider = new BasicTracerProvider({
    resource,
    sampler: createSampler(config.sampleRate),
    spanLimits: spanLimits(config),
    spanProcessors: [...(given.spanProcessors ?? []), ...(exportProcessor === null ? [] : [exportProcessor])],
    ...(given.idGenerator === undefined ? {} : { idGenerator: given.idGenerator }),
  });
  trace.setGlobalTracerProvider(tracerProvider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  const loggerProvider = startLogExport(config, resource);
  running = { tracerProvider, loggerProvider };
  sdk.exportLogs = loggerProvider !== null;
  sdk.tracer = tracerProvider.getTracer(SDK_SCOPE.name, SDK_SCOPE.version);
}

/** Unregisters the globals and shuts the running providers down, which sends what they still hold. */
async function stop(): Promise<void> {
  const stopping = running;
  running = null;
  sdk.exportLogs = false;
  trace.disable();
  context.disable();
  propagation.disable();
  if (stopping === null) return;
  if (stopping.loggerProvider !== null) logs.disable();
  try {
    await Promise.all([stopping.tracerProvider.shutdown(), stopping.loggerProvider?.shutdown()]);
  } catch (error) {
    sdk.warn(`[sextant] shutdown: ${(error as Error).message}`);
  }
}

/** Sends every span (and log record) finished so far. Never rejects. */
export async function flush(): Promise<void> {
  const current = running;
  if (current === null) return;
  try {
    await Promise.all([current.tracerProvider.forceFlush(), current.loggerProvider?.forceFlush()]);
  } catch (error) {
    sdk.warn(`[sextant] flush: ${(error as Error).message}`);
  }
}

/** Flushes and stops: afterwards every helper is a no-op until `init()` is called again. */
export async function shutdown(): Promise<void> {
  sdk.recording = false;
  await stop();
}
