import type { LlmFields, Span, SpanType, TokenCounts, TraceStatus, TraceSummary } from '@sextant/core';

/**
 * A trace's summary plus the hidden facts that make merging exact: a merge of two rollups equals
 * the rollup of the union of their spans, so spans may arrive in any order and any batches.
 * Callers feed each span once (backends drop duplicates before they reach the rollup).
 *
 * Choices that would otherwise depend on arrival order are made by a total order on spans, the
 * span's *rank* (see `spanRank`): the root is the parentless span of lowest rank, and the session
 * and user ids come from the lowest-ranked span that carries one.
 */
export interface TraceRollup {
  project: string;
  traceId: string;
  rootSpanId: string | null;
  rootName: string | null;
  rootService: string | null;
  rootRank: string | null;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  spanCount: number;
  errorCount: number;
  llmCallCount: number;
  toolCallCount: number;
  tokens: TokenCounts;
  costNanoUsd: number;
  sessionId: string | null;
  sessionRank: string | null;
  userId: string | null;
  userRank: string | null;
  /** Sorted, without duplicates. */
  services: string[];
}

/** One key per (project, trace id): the id is fixed-length hex at the end, so no two pairs collide. */
export function rollupKey(project: string, traceId: string): string {
  return `${project}\n${traceId}`;
}

/** Enough digits for any unsigned 64-bit nanosecond time, so that ranks compare as strings. */
const TIME_DIGITS = 20;

/**
 * Orders spans as strings: parentless spans first (so a root's ids beat its children's), then by
 * start time, then by span id. Stored as text, it compares the same in SQL and in JS.
 */
export function spanRank(span: Span): string {
  const prefix = span.parentSpanId === '' ? '0' : '1';
  return prefix + span.startTimeUnixNano.toString().padStart(TIME_DIGITS, '0') + span.spanId;
}

function isBetterRank(candidate: string | null, current: string | null): candidate is string {
  return candidate !== null && (current === null || candidate < current);
}

function emptyTokens(): TokenCounts {
  return { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: 0 };
}

function addTokens(target: TokenCounts, source: TokenCounts): void {
  target.input += source.input;
  target.output += source.output;
  target.cacheRead += source.cacheRead;
  target.cacheWrite += source.cacheWrite;
  target.reasoning += source.reasoning;
  target.total += source.total;
}

function addService(services: string[], service: string): void {
  let index = 0;
  while (index < services.length && services[index]! < service) index++;
  if (services[index] !== service) services.splice(index, 0, service);
}

/**
 * The span types whose usage and cost are the trace's own. Agent, chain and workflow spans often
 * repeat the total of the calls under them (the Vercel AI SDK's `ai.generateText` over its
 * `doGenerate`, OpenInference agents), so adding theirs would count every token twice.
 */
export const USAGE_SPAN_TYPES: ReadonlySet<SpanType> = new Set<SpanType>(['llm', 'embedding']);

/** A span's usage, when its type counts it: tokens, then cost in nano-USD. */
type UsageTuple = [
  input: number,
  output: number,
  cacheRead: number,
  cacheWrite: number,
  reasoning: number,
  total: number,
  costNanoUsd: number,
];

/**
 * What one span adds to its trace's rollup, as a tuple: a backend may compute it where the span is
 * decoded and merge it elsewhere (the SQLite writer thread), for new spans only. The project and
 * trace id are the span's own and not repeated here.
 */
export type SpanContribution = [
  startTimeUnixNano: bigint,
  endTimeUnixNano: bigint,
  service: string,
  /** Bits of `CONTRIBUTES_ERROR`, `CONTRIBUTES_LLM_CALL` and `CONTRIBUTES_TOOL_CALL`. */
  flags: number,
  /** The span's rank, when it is a root or carries a session or user id (see `spanRank`). */
  rank: string | null,
  /** The span id and name of a root; null for any other span. */
  rootSpanId: string | null,
  rootName: string | null,
  usage: UsageTuple | null,
  sessionId: string | null,
  userId: string | null,
];

const CONTRIBUTES_ERROR = 1;
const CONTRIBUTES_LLM_CALL = 2;
const CONTRIBUTES_TOOL_CALL = 4;

export function contributionOfSpan(span: Span): SpanContribution {
  const llm = span.llm;
  const isRoot = span.parentSpanId === '';
  const rank = isRoot || llm.sessionId !== null || llm.userId !== null ? spanRank(span) : null;
  const flags =
    (span.status.code === 2 ? CONTRIBUTES_ERROR : 0) |
    (llm.spanType === 'llm' ? CONTRIBUTES_LLM_CALL : 0) |
    (llm.spanType === 'tool' ? CONTRIBUTES_TOOL_CALL : 0);
  return [
    span.startTimeUnixNano,
    span.endTimeUnixNano,
    span.service,
    flags,
    rank,
    isRoot ? span.spanId : null,
    isRoot ? span.name : null,
    usageOf(llm),
    llm.sessionId,
    llm.userId,
  ];
}

function usageOf({ spanType, tokens, cost }: LlmFields): UsageTuple | null {
  if (!USAGE_SPAN_TYPES.has(spanType) || (tokens === null && cost === null)) return null;
  const nanoUsd = cost === null ? 0 : cost.nanoUsd;
  if (tokens === null) return [0, 0, 0, 0, 0, 0, nanoUsd];
  return [
    tokens.input,
    tokens.output,
    tokens.cacheRead,
    tokens.cacheWrite,
    tokens.reasoning,
    tokens.total,
    nanoUsd,
  ];
}

/** The rollup of a trace made of the one span that contributed this. */
export function rollupOfContribution(
  project: string,
  traceId: string,
  contribution: SpanContribution,
): TraceRollup {
  const [start, end, service, flags, rank, rootSpanId, rootName, usage, sessionId, userId] = contribution;
  const isRoot = rootSpanId !== null;
  return {
    project,
    traceId,
    rootSpanId,
    rootName,
    rootService: isRoot ? service : null,
    rootRank: isRoot ? rank : null,
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    spanCount: 1,
    errorCount: flags & CONTRIBUTES_ERROR ? 1 : 0,
    llmCallCount: flags & CONTRIBUTES_LLM_CALL ? 1 : 0,
    toolCallCount: flags & CONTRIBUTES_TOOL_CALL ? 1 : 0,
    tokens:
      usage === null
        ? emptyTokens()
        : {
            input: usage[0],
            output: usage[1],
            cacheRead: usage[2],
            cacheWrite: usage[3],
            reasoning: usage[4],
            total: usage[5],
          },
    costNanoUsd: usage === null ? 0 : usage[6],
    sessionId,
    sessionRank: sessionId === null ? null : rank,
    userId,
    userRank: userId === null ? null : rank,
    services: [service],
  };
}

/** The rollup of a trace made of this one span. */
export function rollupOfSpan(span: Span): TraceRollup {
  return rollupOfContribution(span.project, span.traceId, contributionOfSpan(span));
}

/**
 * Folds `source` into `target` (same project and trace). Their span sets must be disjoint; the
 * result is then the rollup of the union, whichever side each span was on.
 */
export function mergeRollupInto(target: TraceRollup, source: TraceRollup): void {
  if (isBetterRank(source.rootRank, target.rootRank)) {
    target.rootRank = source.rootRank;
    target.rootSpanId = source.rootSpanId;
    target.rootName = source.rootName;
    target.rootService = source.rootService;
  }
  if (source.startTimeUnixNano < target.startTimeUnixNano)
    target.startTimeUnixNano = source.startTimeUnixNano;
  if (source.endTimeUnixNano > target.endTimeUnixNano) target.endTimeUnixNano = source.endTimeUnixNano;
  target.spanCount += source.spanCount;
  target.errorCount += source.errorCount;
  target.llmCallCount += source.llmCallCount;
  target.toolCallCount += source.toolCallCount;
  addTokens(target.tokens, source.tokens);
  target.costNanoUsd += source.costNanoUsd;
  if (isBetterRank(source.sessionRank, target.sessionRank)) {
    target.sessionRank = source.sessionRank;
    target.sessionId = source.sessionId;
  }
  if (isBetterRank(source.userRank, target.userRank)) {
    target.userRank = source.userRank;
    target.userId = source.userId;
  }
  for (const service of source.services) addService(target.services, service);
}

/** Adds one new span of the trace to its rollup. */
export function addSpanToRollup(rollup: TraceRollup, span: Span): void {
  mergeRollupInto(rollup, rollupOfSpan(span));
}

/** How the trace stands (see `TRACE_STATUSES`). */
export function rollupStatus(rollup: TraceRollup): TraceStatus {
  if (rollup.errorCount > 0) return 'error';
  return rollup.rootSpanId === null ? 'partial' : 'ok';
}

/** The public summary of a rollup (a fresh object the caller may keep). */
export function summarizeRollup(rollup: TraceRollup): TraceSummary {
  return {
    project: rollup.project,
    traceId: rollup.traceId,
    rootSpanId: rollup.rootSpanId,
    rootName: rollup.rootName,
    rootService: rollup.rootService,
    startTimeUnixNano: rollup.startTimeUnixNano,
    endTimeUnixNano: rollup.endTimeUnixNano,
    durationNano: rollup.endTimeUnixNano - rollup.startTimeUnixNano,
    spanCount: rollup.spanCount,
    errorCount: rollup.errorCount,
    llmCallCount: rollup.llmCallCount,
    toolCallCount: rollup.toolCallCount,
    tokens: { ...rollup.tokens },
    costNanoUsd: rollup.costNanoUsd,
    sessionId: rollup.sessionId,
    userId: rollup.userId,
    services: [...rollup.services],
    status: rollupStatus(rollup),
  };
}
