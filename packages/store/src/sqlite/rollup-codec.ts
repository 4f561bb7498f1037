import { rollupStatus, type TraceRollup } from '../rollup/trace-rollup.js';

/** The columns of `traces`, in the order of `TraceRow`. */
export const TRACE_COLUMNS =
  'project, trace_id, root_span_id, root_name, root_service, root_rank, start_ns, end_ns, span_count, ' +
  'error_count, llm_call_count, tool_call_count, input_tokens, output_tokens, cache_read_tokens, ' +
  'cache_write_tokens, reasoning_tokens, total_tokens, cost_nano_usd, session_id, session_rank, user_id, ' +
  'user_rank, services, status';

/** A `traces` row as written, and as read with safe integers (every INTEGER as a bigint). */
export type TraceRow = [
  project: string,
  traceId: string,
  rootSpanId: string | null,
  rootName: string | null,
  rootService: string | null,
  rootRank: string | null,
  startTimeUnixNano: bigint,
  endTimeUnixNano: bigint,
  spanCount: number | bigint,
  errorCount: number | bigint,
  llmCallCount: number | bigint,
  toolCallCount: number | bigint,
  inputTokens: number | bigint,
  outputTokens: number | bigint,
  cacheReadTokens: number | bigint,
  cacheWriteTokens: number | bigint,
  reasoningTokens: number | bigint,
  totalTokens: number | bigint,
  costNanoUsd: number | bigint,
  sessionId: string | null,
  sessionRank: string | null,
  userId: string | null,
  userRank: string | null,
  /** JSON array of strings. */
  services: string,
  /** Kept for the status filter of searches; derived from the rest. */
  status: string,
];

export function traceRow(rollup: TraceRollup): TraceRow {
  const tokens = rollup.tokens;
  return [
    rollup.project,
    rollup.traceId,
    rollup.rootSpanId,
    rollup.rootName,
    rollup.rootService,
    rollup.rootRank,
    rollup.startTimeUnixNano,
    rollup.endTimeUnixNano,
    rollup.spanCount,
    rollup.errorCount,
    rollup.llmCallCount,
    rollup.toolCallCount,
    tokens.input,
    tokens.output,
    tokens.cacheRead,
    tokens.cacheWrite,
    tokens.reasoning,
    tokens.total,
    rollup.costNanoUsd,
    rollup.sessionId,
    rollup.sessionRank,
    rollup.userId,
    rollup.userRank,
    JSON.stringify(rollup.services),
    rollupStatus(rollup),
  ];
}

export function rollupOfRow(row: TraceRow): TraceRollup {
  return {
    project: row[0],
    traceId: row[1],
    rootSpanId: row[2],
    rootName: row[3],
    rootService: row[4],
    rootRank: row[5],
    startTimeUnixNano: row[6],
    endTimeUnixNano: row[7],
    spanCount: Number(row[8]),
    errorCount: Number(row[9]),
    llmCallCount: Number(row[10]),
    toolCallCount: Number(row[11]),
    tokens: {
      input: Number(row[12]),
      output: Number(row[13]),
      cacheRead: Number(row[14]),
      cacheWrite: Number(row[15]),
      reasoning: Number(row[16]),
      total: Number(row[17]),
    },
    costNanoUsd: Number(row[18]),
    sessionId: row[19],
    sessionRank: row[20],
    userId: row[21],
    userRank: row[22],
    services: JSON.parse(row[23]) as string[],
  };
}
