import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../app-context.js';
import { PRESSURE_STATES } from '../ingest/pressure.js';

function diagnosticsOf(context: AppContext) {
  return {
    store: { driver: context.store.driver },
    queue: context.queue.diagnostics(),
    ingest: context.ingestStats.snapshot(),
    retention: context.retention.status().removed,
    live: context.live.stats(),
  };
}

type Sample = [labels: Record<string, string>, value: number];

/** One metric family in the Prometheus text format. */
function family(name: string, type: 'counter' | 'gauge', help: string, samples: Sample[]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const [labels, value] of samples) {
    const keys = Object.keys(labels);
    const labelText = keys.length === 0 ? '' : `{${keys.map((k) => `${k}="${labels[k]}"`).join(',')}}`;
    lines.push(`${name}${labelText} ${value}`);
  }
  return lines.join('\n');
}

const byLabel = (label: string, counts: Record<string, number>): Sample[] =>
  Object.entries(counts).map(([key, value]) => [{ [label]: key }, value]);

/** The same figures as `/api/diagnostics`, as Prometheus metrics. */
function prometheusText(context: AppContext): string {
  const { queue, ingest, retention, live } = diagnosticsOf(context);
  const driver = { driver: queue.driver };
  return [
    family('sextant_queue_capacity_items', 'gauge', 'Write queue capacity in items.', [
      [driver, queue.capacity],
    ]),
    family('sextant_queue_depth_items', 'gauge', 'Items accepted and not yet committed.', [
      [driver, queue.depth],
    ]),
    family('sextant_queue_high_water_mark_items', 'gauge', 'Largest queue depth seen.', [
      [driver, queue.highWaterMark],
    ]),
    family('sextant_queue_utilization_ratio', 'gauge', 'Queue depth over capacity.', [
      [driver, queue.utilizationPercent / 100],
    ]),
    family(
      'sextant_queue_pressure',
      'gauge',
      'Queue pressure state: 1 for the current state.',
      PRESSURE_STATES.map((state) => [{ state }, state === queue.pressure ? 1 : 0]),
    ),
    family(
      'sextant_ingest_accepted_total',
      'counter',
      'Items committed, by signal.',
      byLabel('signal', {
        spans: queue.accepted.spans,
        logs: queue.accepted.logs,
        metrics: queue.accepted.metrics,
      }),
    ),
    family(
      'sextant_queue_rejected_total',
      'counter',
      'Batches refused by the queue, by reason.',
      byLabel('reason', queue.rejected),
    ),
    family(
      'sextant_write_failures_total',
      'counter',
      'Failed store writes, by class.',
      byLabel('class', queue.writeFailures),
    ),
    family('sextant_live_subscribers', 'gauge', 'Open live-tail streams.', [[{}, live.subscribers]]),
    family(
      'sextant_live_spans_total',
      'counter',
      'Spans sent to live-tail streams, or dropped for slow ones.',
      [
        [{ outcome: 'delivered' }, live.delivered],
        [{ outcome: 'dropped' }, live.dropped],
      ],
    ),
    family(
      'sextant_retention_removed_total',
      'counter',
      'Items removed by retention, by kind.',
      byLabel('kind', { ...retention }),
    ),
    family(
      'sextant_ingest_requests_total',
      'counter',
      'OTLP requests received, by signal.',
      byLabel('signal', ingest.requests),
    ),
    family(
      'sextant_ingest_refused_requests_total',
      'counter',
      'OTLP requests refused whole, by error code.',
      byLabel('code', ingest.refusedRequests),
    ),
    family(
      'sextant_ingest_rejected_items_total',
      'counter',
      'Invalid items rejected, by signal.',
      byLabel('signal', ingest.rejectedItems),
    ),
    family('sextant_ingest_truncated_values_total', 'counter', 'String values cut to the length limit.', [
      [{}, ingest.truncatedValues],
    ]),
    family(
      'sextant_ingest_dropped_total',
      'counter',
      'Attributes, events and links dropped over their limits.',
      byLabel('what', {
        attributes: ingest.droppedAttributes,
        events: ingest.droppedEvents,
        links: ingest.droppedLinks,
      }),
    ),
  ]
    .join('\n\n')
    .concat('\n');
}

export const diagnosticsRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.get('/api/diagnostics', async () => diagnosticsOf(context));
  app.get('/metrics', async (_request, reply) => {
    reply.type('text/plain; version=0.0.4; charset=utf-8');
    return prometheusText(context);
  });
};
