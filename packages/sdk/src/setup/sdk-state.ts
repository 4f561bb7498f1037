import { type Tracer, trace } from '@opentelemetry/api';
import { createPriceCatalog, type PriceCatalog } from '@sextant/core';
import { type Clock, SYSTEM_CLOCK } from './clock.js';

/** The instrumentation scope of every span the SDK makes (kept equal to package.json by a test). */
export const SDK_SCOPE = { name: '@sextant/sdk', version: '0.1.0' } as const;

/**
 * What every helper reads. Before `init()` the helpers record through the global OpenTelemetry
 * API, so an application that set up OpenTelemetry its own way still gets SDK spans.
 */
interface SdkState {
  /** False after `init({ enabled: false })` or `shutdown()`: every helper is a no-op. */
  recording: boolean;
  tracer: Tracer;
  clock: Clock;
  captureContent: boolean;
  /** Log records are exported over OTLP (`exportLogs`). */
  exportLogs: boolean;
  warn: (message: string) => void;
}

export const sdk: SdkState = {
  recording: true,
  tracer: trace.getTracer(SDK_SCOPE.name, SDK_SCOPE.version),
  clock: SYSTEM_CLOCK,
  captureContent: true,
  exportLogs: false,
  warn: (message) => console.warn(message),
};

let prices: PriceCatalog | null = null;

/** The built-in catalog is made on the first priced call: most processes never need one. */
export function priceCatalog(): PriceCatalog {
  prices ??= createPriceCatalog();
  return prices;
}

/**
 * Prices that win over the catalog; undefined goes back to the catalog alone.
 * @returns the problem with the overrides, or null when they were taken.
 */
export function setPriceOverrides(overrides: unknown): string | null {
  try {
    prices = overrides === undefined ? null : createPriceCatalog({ overrides });
    return null;
  } catch (error) {
    prices = null;
    return `priceOverrides: ${(error as Error).message}; using the built-in prices`;
  }
}

const warned = new Set<string>();

/** Warns once per `key`: a call made in a loop must not flood the application's output. */
export function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  sdk.warn(`[sextant] ${message}`);
}

/**
 * The SDK never throws into the application: an internal failure is reported once per kind and
 * the application's code goes on.
 */
export function reportInternalError(where: string, error: unknown): void {
  warnOnce(
    where,
    `${where} failed and was skipped: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** Installs a clock (a `TestClock` in tests); returns a function that puts the previous one back. */
export function useClock(clock: Clock): () => void {
  const previous = sdk.clock;
  sdk.clock = clock;
  return () => {
    sdk.clock = previous;
  };
}
