import { SpanKind } from '@opentelemetry/api';

interface KindSpec {
  /** `gen_ai.operation.name`, where the GenAI conventions have an operation for this kind. */
  operation?: string;
  /** The attribute that carries the name given to `withSpan` (the agent's, the tool's…). */
  nameAttribute?: string;
  otelKind: SpanKind;
}

/**
 * The kinds of span the SDK makes, and how each maps onto the OTel GenAI conventions. Kinds the
 * conventions have no operation for (step, guardrail, function…) are plain internal spans; every
 * SDK span also carries its kind in `sextant.span.kind`.
 */
export const SPAN_KINDS = {
  workflow: {
    operation: 'invoke_workflow',
    nameAttribute: 'gen_ai.workflow.name',
    otelKind: SpanKind.INTERNAL,
  },
  agent: { operation: 'invoke_agent', nameAttribute: 'gen_ai.agent.name', otelKind: SpanKind.INTERNAL },
  step: { otelKind: SpanKind.INTERNAL },
  llm: { operation: 'chat', otelKind: SpanKind.CLIENT },
  tool: { operation: 'execute_tool', nameAttribute: 'gen_ai.tool.name', otelKind: SpanKind.INTERNAL },
  retrieval: { operation: 'retrieval', otelKind: SpanKind.CLIENT },
  embedding: { operation: 'embeddings', otelKind: SpanKind.CLIENT },
  guardrail: { otelKind: SpanKind.INTERNAL },
  function: { nameAttribute: 'code.function.name', otelKind: SpanKind.INTERNAL },
  db: { otelKind: SpanKind.CLIENT },
  backend: { otelKind: SpanKind.CLIENT },
  http_server: { otelKind: SpanKind.SERVER },
  http_client: { otelKind: SpanKind.CLIENT },
  marker: { otelKind: SpanKind.INTERNAL },
  timer: { otelKind: SpanKind.INTERNAL },
} as const satisfies Record<string, KindSpec>;

export type SextantSpanKind = keyof typeof SPAN_KINDS;

export const SPAN_KIND_ATTRIBUTE = 'sextant.span.kind';
export const OPERATION_ATTRIBUTE = 'gen_ai.operation.name';

export function isSpanKind(value: unknown): value is SextantSpanKind {
  return typeof value === 'string' && Object.hasOwn(SPAN_KINDS, value);
}
