import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { onTestFinished } from 'vitest';
import { InMemoryCollector, init, type SdkConfig, shutdown, TestClock, useClock } from '../../src/index.js';

export interface Collecting {
  collector: InMemoryCollector;
  clock: TestClock;
  /** Configuration warnings `init` gave. */
  warnings: string[];
}

/**
 * Sets the SDK up with an in-memory collector and a test clock (no export), and tears it down
 * when the test finishes (call it inside the test).
 */
export function collectSpans(config: SdkConfig = {}): Collecting {
  const collector = new InMemoryCollector();
  const clock = new TestClock();
  const warnings: string[] = [];
  const restoreClock = useClock(clock);
  init({
    serviceName: 'sdk-test',
    exporter: 'none',
    spanProcessors: [collector],
    warn: (message) => warnings.push(message),
    ...config,
  });
  onTestFinished(async () => {
    restoreClock();
    await shutdown();
  });
  return { collector, clock, warnings };
}

/** The span with this name; fails the test when there is none. */
export function spanNamed(collector: InMemoryCollector, name: string): ReadableSpan {
  const span = collector.find(name);
  if (span === undefined)
    throw new Error(`no span named ${name}; have ${collector.spans.map((s) => s.name).join(', ')}`);
  return span;
}

export function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}
