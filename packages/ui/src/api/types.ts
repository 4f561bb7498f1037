/** The answers of Sextant's HTTP API that the UI reads (docs/api.md describes every field). */

export interface Tokens {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
  total: number;
}

export type TraceStatus = 'ok' | 'error' | 'partial';

export interface TraceSummary {
  traceId: string;
  rootSpanId: string | null;
  rootName: string | null;
  rootService: string | null;
  startTime: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  durationNano: string;
  durationMs: number;
  spanCount: number;
  errorCount: number;
  llmCallCount: number;
  toolCallCount: number;
  tokens: Tokens;
  costUsd: number;
  costNanoUsd: number;
  sessionId: string | null;
  userId: string | null;
  services: string[];
  status: TraceStatus;
}

export interface TracePage {
  traces: TraceSummary[];
  nextCursor: string | null;
}

/** Attribute values as the API writes them: plain JSON. */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | AttributeValue[]
  | { [key: string]: AttributeValue };
export type Attributes = Record<string, AttributeValue>;

export interface Cost {
  usd: number;
  nanoUsd: number;
  source: 'provided' | 'computed';
  priceEntry: string | null;
}

export interface LlmFields {
  spanType: string;
  requestModel: string | null;
  responseModel: string | null;
  provider: string | null;
  tokens: Tokens | null;
  cost: Cost | null;
  sessionId: string | null;
  userId: string | null;
  inputText: string | null;
  outputText: string | null;
  timeToFirstTokenMs: number | null;
}

export interface SpanEvent {
  time: string;
  timeUnixNano: string;
  name: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: Attributes;
}

/** A span as `GET /api/traces/{traceId}` (with `children`) and the live tail (without) send it. */
export interface SpanView {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: string;
  service: string;
  startTime: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  durationNano: string;
  durationMs: number;
  status: { code: 'unset' | 'ok' | 'error'; message: string };
  attributes: Attributes;
  droppedAttributesCount: number;
  resource: { attributes: Attributes; droppedAttributesCount: number; schemaUrl: string };
  scope: {
    name: string;
    version: string;
    attributes: Attributes;
    droppedAttributesCount: number;
    schemaUrl: string;
  };
  events: SpanEvent[];
  droppedEventsCount: number;
  links: SpanLink[];
  droppedLinksCount: number;
  llm: LlmFields;
  children?: SpanView[];
}

export type ScoreValue = number | string | boolean;
export type AnnotationSource = 'human' | 'api' | 'eval';

export interface Annotation {
  id: string;
  traceId: string;
  spanId: string | null;
  author: string;
  text: string;
  tags: string[];
  score: { name: string; value: ScoreValue } | null;
  source: AnnotationSource;
  time: string;
  timeUnixNano: string;
}

export interface AnnotationPage {
  annotations: Annotation[];
  nextCursor: string | null;
}

export interface TraceDetail {
  trace: TraceSummary;
  spans: SpanView[];
  annotations: { items: Annotation[]; nextCursor: string | null };
  correlationId: string | null;
  replayOf: string | null;
  replays: { traceIds: string[]; nextCursor: string | null };
}

export interface TimeWindow {
  start: string;
  end: string;
  startUnixNano: string;
  endUnixNano: string;
}

export interface Latency {
  avgMs: number | null;
  minMs: number | null;
  maxMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface Measures {
  count: number;
  errors: number;
  errorRate: number;
  spans: number;
  requests: number;
  tokens: Tokens;
  costUsd: number;
  costNanoUsd: number;
  latency: Latency;
}

export interface SeriesPoint extends Measures {
  start: string;
  startUnixNano: string;
}

export interface AnalyticsGroup extends Measures {
  key: string;
  series: SeriesPoint[] | null;
}

export interface GroupedAnalytics {
  window: TimeWindow;
  subject: 'spans' | 'traces';
  groupBy: string | null;
  bucket: string | null;
  groups: AnalyticsGroup[];
  other: AnalyticsGroup | null;
  groupCount: number;
  total: Measures;
}

export interface TraceStats {
  window: TimeWindow;
  traces: { stored: number; recorded: number };
  statuses: { ok: number; error: number; partial: number };
  latency: { avgMs: number | null; maxMs: number | null };
  spans: number;
  errors: number;
  llmCalls: number;
  toolCalls: number;
  tokens: Tokens;
  costUsd: number;
}

export interface ServiceFigures {
  service: string;
  spans: number;
  traces: number;
  errors: number;
  errorRate: number;
  avgDurationMs: number | null;
}

export interface ServiceList {
  window: TimeWindow;
  services: ServiceFigures[];
  serviceCount: number;
}

export interface Operations {
  service: string;
  operations: (Measures & { name: string })[];
  other: Measures | null;
  operationCount: number;
}

export interface DependencyEdge {
  parent: string;
  child: string;
  calls: number;
  errors: number;
}

export interface Dependencies {
  edges: DependencyEdge[];
  edgeCount: number;
}

export interface Anomaly {
  service: string;
  kind: 'error_rate' | 'latency_p95';
  severity: 'medium' | 'high';
  current: number;
  baseline: number;
  description: string;
}

export interface Anomalies {
  servicesCompared: number;
  anomalies: Anomaly[];
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}
