import {
  ANALYTICS_LIMITS,
  type AnalyticsBucket,
  AnalyticsQueryError,
  type AnalyticsWindow,
  BUCKET_NANO,
  type GroupedAnalyticsQuery,
  type TimeWindow,
  TRACE_DIMENSIONS,
} from '../analytics.js';

const MINUTE_NANO = BUCKET_NANO.minute;

/** The window a read covers (widened to whole minutes); throws `AnalyticsQueryError` when unbounded. */
export function checkWindow(query: AnalyticsWindow): TimeWindow {
  const { projects, from, to } = query;
  if (projects.length === 0 || projects.length > ANALYTICS_LIMITS.maxProjects) {
    throw new AnalyticsQueryError(
      'projects',
      `name 1 to ${ANALYTICS_LIMITS.maxProjects} projects, not ${projects.length}`,
    );
  }
  if (new Set(projects).size !== projects.length) {
    throw new AnalyticsQueryError('projects', 'a project is named twice');
  }
  if (from < 0n) throw new AnalyticsQueryError('window', 'the window starts before the Unix epoch');
  if (to <= from) throw new AnalyticsQueryError('window', 'the window ends before it starts');
  const window = { from: floorTo(from, MINUTE_NANO), to: -floorTo(-to, MINUTE_NANO) };
  if (window.to - window.from > ANALYTICS_LIMITS.maxWindowNano) {
    throw new AnalyticsQueryError(
      'window',
      `the window is longer than ${ANALYTICS_LIMITS.maxWindowNano / BUCKET_NANO.day} days`,
    );
  }
  return window;
}

/** Checks a grouped query whole: its window, limit, buckets, grouping and filters. */
export function checkGroupedQuery(query: GroupedAnalyticsQuery): TimeWindow {
  const window = checkWindow(query);
  checkLimit(query.limit);
  if (query.bucket !== null) {
    const buckets =
      (bucketStart(window.to - 1n, query.bucket) - bucketStart(window.from, query.bucket)) /
        BUCKET_NANO[query.bucket] +
      1n;
    if (buckets > BigInt(ANALYTICS_LIMITS.maxBuckets)) {
      throw new AnalyticsQueryError(
        'bucket',
        `${buckets} ${query.bucket} buckets are more than ${ANALYTICS_LIMITS.maxBuckets}: use a longer bucket or a shorter window`,
      );
    }
  }
  const groupBy = query.groupBy;
  if (groupBy?.dimension === 'attribute' && groupBy.key === '') {
    throw new AnalyticsQueryError('groupBy', 'an attribute group needs an attribute key');
  }
  if (isTraceGrouping(query) && (query.service !== undefined || query.spanType !== undefined)) {
    throw new AnalyticsQueryError('filter', `the service and span type filters apply to span groups only`);
  }
  return window;
}

/** Whether the groups of this query hold traces (see `TRACE_DIMENSIONS`). */
export function isTraceGrouping(query: Pick<GroupedAnalyticsQuery, 'groupBy'>): boolean {
  const dimension = query.groupBy?.dimension;
  return dimension !== undefined && dimension !== 'attribute' && TRACE_DIMENSIONS.has(dimension);
}

export function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > ANALYTICS_LIMITS.maxGroups) {
    throw new AnalyticsQueryError(
      'limit',
      `limit must be an integer from 1 to ${ANALYTICS_LIMITS.maxGroups}`,
    );
  }
}

/** The start of the bucket holding `time` (UTC, aligned on the epoch). */
export function bucketStart(time: bigint, bucket: AnalyticsBucket): bigint {
  return floorTo(time, BUCKET_NANO[bucket]);
}

export function isInWindow(time: bigint, window: TimeWindow): boolean {
  return time >= window.from && time < window.to;
}

/** The greatest multiple of `step` at or below `value` (BigInt division truncates toward zero). */
function floorTo(value: bigint, step: bigint): bigint {
  const remainder = value % step;
  return remainder < 0n ? value - remainder - step : value - remainder;
}
