import { type HrTime, ROOT_CONTEXT, type Span, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  type IdGenerator,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { OtlpRequest } from './otlp-client.js';
import { SERVICES } from './query-workload-catalog.js';
import { planRun, type RunPlan, type WorkloadShape } from './query-workload-plan.js';
import { type PlannedSpan, SCOPES, type ScopeName } from './query-workload-span.js';

/** Hands the SDK the ids the plan chose, so that the workload is the same on every run. */
class PlannedIds implements IdGenerator {
  traceId = '';
  spanId = '';
  generateTraceId(): string {
    return this.traceId;
  }
  generateSpanId(): string {
    return this.spanId;
  }
}

function hrTime(us: number): HrTime {
  return [Math.floor(us / 1e6), (us % 1e6) * 1000];
}

/**
 * Records planned runs with the real OpenTelemetry SDK (one tracer provider per service, so each
 * has its own resource; explicit start and end times) and serializes them with the SDK's own
 * OTLP protobuf serializer.
 */
export class WorkloadRecorder {
  readonly #exporter = new InMemorySpanExporter();
  readonly #ids = new PlannedIds();
  readonly #tracers = new Map<string, Tracer>();

  constructor() {
    for (const service of SERVICES) {
      const provider = new BasicTracerProvider({
        resource: resourceFromAttributes({
          'service.name': service,
          'service.version': '3.2.0',
          'deployment.environment.name': 'production',
          'host.name': `${service}-7d9f6`,
        }),
        idGenerator: this.#ids,
        spanProcessors: [new SimpleSpanProcessor(this.#exporter)],
      });
      for (const [scope, [name, version]] of Object.entries(SCOPES)) {
        this.#tracers.set(`${service}\n${scope}`, provider.getTracer(name, version));
      }
    }
  }

  #tracer(service: string, scope: ScopeName): Tracer {
    return this.#tracers.get(`${service}\n${scope}`)!;
  }

  record(plan: RunPlan): void {
    const started: Span[] = [];
    for (const planned of plan.spans) {
      this.#ids.traceId = plan.traceId;
      this.#ids.spanId = planned.spanId;
      // Parents are set explicitly, so the workload needs no context manager.
      const parent =
        planned.parent === -1 ? ROOT_CONTEXT : trace.setSpan(ROOT_CONTEXT, started[planned.parent]!);
      started.push(
        this.#tracer(planned.service, planned.scope).startSpan(
          planned.name,
          { kind: planned.kind, startTime: hrTime(planned.startUs), attributes: planned.attributes },
          parent,
        ),
      );
    }
    plan.spans.forEach((planned: PlannedSpan, i) => {
      const span = started[i]!;
      if (planned.error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: planned.error });
      span.end(hrTime(planned.endUs));
    });
  }

  /** The spans recorded since the last call, as one export request. */
  take(): Buffer {
    const spans = this.#exporter.getFinishedSpans();
    this.#exporter.reset();
    return Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!);
  }
}

/** The workload's runs in order, recorded into requests of at least `batch` spans (whole runs). */
export function workloadRequests(shape: WorkloadShape, batch: number): () => OtlpRequest | undefined {
  const recorder = new WorkloadRecorder();
  let next = 0;
  return () => {
    if (next >= shape.traces) return undefined;
    let spanCount = 0;
    while (next < shape.traces && spanCount < batch) {
      const plan = planRun(shape, next++);
      recorder.record(plan);
      spanCount += plan.spans.length;
    }
    return { body: recorder.take(), spanCount };
  };
}
