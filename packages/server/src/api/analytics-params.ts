import { Type } from '@fastify/type-provider-typebox';
import { PROJECT_NAME_PATTERN, parseTimeNano, SPAN_TYPES } from '@sextant/core';
import {
  ANALYTICS_BUCKETS,
  ANALYTICS_DIMENSIONS,
  ANALYTICS_LIMITS,
  ANALYTICS_RANKS,
  type AnalyticsDimension,
  type AnalyticsGroupBy,
  AnalyticsQueryError,
  type AnalyticsWindow,
} from '@sextant/store';
import { SextantError } from '../errors.js';
import { parsedParam, TimeParam } from './params.js';

/** The window analytics cover when the request names no start: the day before its end. */
const DEFAULT_WINDOW_NANO = 86_400_000_000_000n;
const ATTRIBUTE_PREFIX = 'attribute:';
const PROJECT = PROJECT_NAME_PATTERN.source.slice(1, -1);

/**
 * The parameters every analytics route takes: projects and time window (`start` inclusive, `end`
 * exclusive; `end` is now unless given, `start` 24 hours before `end` unless given).
 */
export const AnalyticsWindowParams = {
  project: Type.String({
    pattern: `^${PROJECT}(,${PROJECT}){0,${ANALYTICS_LIMITS.maxProjects - 1}}$`,
    default: 'default',
    description: `The project to read, or up to ${ANALYTICS_LIMITS.maxProjects} projects separated by commas; \`default\` unless given.`,
  }),
  start: Type.Optional(TimeParam),
  end: Type.Optional(TimeParam),
};

export const LimitParam = (what: string, fallback: number) =>
  Type.Integer({
    minimum: 1,
    maximum: ANALYTICS_LIMITS.maxGroups,
    default: fallback,
    description: `${what} listed one by one (1 to ${ANALYTICS_LIMITS.maxGroups}).`,
  });

/** The parameters of grouped analytics (usage, cost, latency, errors and their exports). */
export const GroupParams = {
  ...AnalyticsWindowParams,
  groupBy: Type.Optional(
    Type.String({
      pattern: `^(${ANALYTICS_DIMENSIONS.join('|')}|${ATTRIBUTE_PREFIX}.{1,256})$`,
      description:
        `One of ${ANALYTICS_DIMENSIONS.map((d) => `\`${d}\``).join(', ')}, or \`attribute:<key>\` ` +
        'for any span (else resource) attribute. Without it, one group of everything.',
    }),
  ),
  rankBy: Type.Optional(
    Type.Union(
      ANALYTICS_RANKS.map((rank) => Type.Literal(rank)),
      { description: 'What orders the groups, highest first; the route sets a default.' },
    ),
  ),
  limit: LimitParam('Groups', 10),
  percentiles: Type.Optional(Type.Boolean({ description: 'Adds latency percentiles (p50, p90, p95, p99).' })),
  service: Type.Optional(
    Type.String({ minLength: 1, maxLength: 256, description: 'Only spans of this service.' }),
  ),
  spanType: Type.Optional(
    Type.Union(
      SPAN_TYPES.map((type) => Type.Literal(type)),
      { description: 'Only spans of this type.' },
    ),
  ),
};

/** Grouped analytics with series. */
export const SeriesParams = {
  ...GroupParams,
  bucket: Type.Optional(
    Type.Union(
      ANALYTICS_BUCKETS.map((bucket) => Type.Literal(bucket)),
      { description: 'Adds a series per group, in UTC buckets of this length.' },
    ),
  ),
};

export interface WindowQuery {
  project: string;
  start?: string | undefined;
  end?: string | undefined;
}

/** The projects and window a request names (the store checks the window's bounds). */
export function analyticsWindowOf(query: WindowQuery, now: () => bigint = nowNano): AnalyticsWindow {
  const end = parsedParam(query.end, parseTimeNano, 'end');
  const start = parsedParam(query.start, parseTimeNano, 'start');
  const to = end ?? now();
  return { projects: query.project.split(','), from: start ?? to - DEFAULT_WINDOW_NANO, to };
}

export function groupByOf(text: string | undefined): AnalyticsGroupBy | null {
  if (text === undefined) return null;
  if (text.startsWith(ATTRIBUTE_PREFIX))
    return { dimension: 'attribute', key: text.slice(ATTRIBUTE_PREFIX.length) };
  return { dimension: text as AnalyticsDimension };
}

/**
 * Awaits a store read, turning a query the store refuses (`AnalyticsQueryError`) into a 400:
 * `SEXTANT_ERR_INVALID_TIME_RANGE` for the window and buckets, `SEXTANT_ERR_INVALID_REQUEST` else.
 */
export async function analyticsRead<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (!(error instanceof AnalyticsQueryError)) throw error;
    const timeRange = error.field === 'window' || error.field === 'bucket';
    throw new SextantError(
      timeRange ? 'SEXTANT_ERR_INVALID_TIME_RANGE' : 'SEXTANT_ERR_INVALID_REQUEST',
      error.message,
    );
  }
}

function nowNano(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}
