import type { TraceStatus } from '../api/types.js';

const LABELS: Record<TraceStatus | 'unset', string> = {
  ok: 'OK',
  error: 'Error',
  partial: 'Partial',
  unset: 'Unset',
};

const TITLES: Record<TraceStatus | 'unset', string> = {
  ok: 'No span of the trace failed',
  error: 'A span failed',
  partial: 'The root span has not arrived (yet)',
  unset: 'The span did not set a status: it did not fail',
};

/** A trace's or span's status as a small coloured label. */
export function StatusBadge({ status }: { status: TraceStatus | 'unset' }) {
  return (
    <span className={`badge status-${status}`} title={TITLES[status]}>
      {LABELS[status]}
    </span>
  );
}

/** The span type as a label coloured by family (model calls, tools, agents, I/O). */
export function TypeBadge({ type }: { type: string }) {
  return <span className={`badge type type-${type}`}>{type}</span>;
}
