import { type Static, Type } from '@fastify/type-provider-typebox';
import { parseDurationNano, SPAN_TYPES, TRACE_STATUSES } from '@sextant/core';
import {
  type AttributeCondition,
  type AttributeOperator,
  type AttributePlace,
  MAX_INDEXED_VALUE_LENGTH,
  type TraceQuery,
} from '@sextant/store';
import { SextantError } from '../errors.js';
import { checkTextQuery, DurationParam, parsedParam, TextParam, TimeParam, timeRangeOf } from './params.js';

/** At most this many attribute conditions in one search. */
export const MAX_ATTRIBUTE_CONDITIONS = 20;

const AttributeParam = Type.Union(
  [Type.String({ maxLength: 1024 }), Type.Array(Type.String({ maxLength: 1024 }), { maxItems: 20 })],
  {
    description:
      'Repeatable. `key=value` (the value compared as a string with the attribute in its text form), ' +
      'or `key>n`, `key>=n`, `key<n`, `key<=n` for numeric attributes.',
  },
);

/** The query parameters naming attribute conditions, and where each one looks. */
const ATTRIBUTE_PARAMS = {
  attr: 'any',
  spanAttr: 'span',
  resourceAttr: 'resource',
  scopeAttr: 'scope',
  eventAttr: 'event',
  linkAttr: 'link',
} as const satisfies Record<string, AttributePlace>;

/**
 * The filters of a trace search, shared by every route that searches traces (the list, exports,
 * the live tail), so that they all take the same parameters the same way.
 */
export const TraceFilterParams = {
  service: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  spanName: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  spanType: Type.Optional(Type.Union(SPAN_TYPES.map((type) => Type.Literal(type)))),
  model: Type.Optional(
    Type.String({ minLength: 1, maxLength: 256, description: "A span's request or response model." }),
  ),
  provider: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  minDuration: Type.Optional(DurationParam),
  maxDuration: Type.Optional(DurationParam),
  start: Type.Optional(TimeParam),
  end: Type.Optional(TimeParam),
  status: Type.Optional(Type.Union(TRACE_STATUSES.map((status) => Type.Literal(status)))),
  hasErrors: Type.Optional(
    Type.Boolean({ description: 'Traces with (true) or without (false) an error span.' }),
  ),
  userId: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  sessionId: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  tag: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  text: Type.Optional(TextParam),
  tags: Type.Optional(
    Type.String({
      maxLength: 4096,
      description: 'Jaeger style: a JSON object of attribute key to value, each an `attr` equality.',
    }),
  ),
  ...Object.fromEntries(Object.keys(ATTRIBUTE_PARAMS).map((name) => [name, Type.Optional(AttributeParam)])),
} as const;

const TraceFilterObject = Type.Object(TraceFilterParams);
export type TraceFilters = Static<typeof TraceFilterObject> & {
  [name in keyof typeof ATTRIBUTE_PARAMS]?: string | string[];
};

/** The store's query for the filters; a filter that cannot be read is a 400 naming it. */
export function traceQueryOf(
  project: string,
  filters: TraceFilters,
  page: Pick<TraceQuery, 'limit' | 'after'>,
): TraceQuery {
  const { startTimeMin, startTimeMax } = timeRangeOf(filters);
  const minDurationNano = parsedParam(filters.minDuration, parseDurationNano, 'minDuration');
  const maxDurationNano = parsedParam(filters.maxDuration, parseDurationNano, 'maxDuration');
  if (minDurationNano !== undefined && maxDurationNano !== undefined && minDurationNano > maxDurationNano) {
    throw new SextantError('SEXTANT_ERR_INVALID_REQUEST', 'minDuration: must not exceed maxDuration');
  }
  const attributes = attributeConditionsOf(filters);
  checkTextQuery(filters.text, 'text');
  return {
    project,
    service: filters.service,
    spanName: filters.spanName,
    spanType: filters.spanType,
    model: filters.model,
    provider: filters.provider,
    minDurationNano,
    maxDurationNano,
    startTimeMin,
    startTimeMax,
    attributes: attributes.length === 0 ? undefined : attributes,
    status: filters.status,
    hasErrors: filters.hasErrors,
    userId: filters.userId,
    sessionId: filters.sessionId,
    tag: filters.tag,
    text: filters.text,
    ...page,
  };
}

function attributeConditionsOf(filters: TraceFilters): AttributeCondition[] {
  const conditions: AttributeCondition[] = [];
  for (const [name, place] of Object.entries(ATTRIBUTE_PARAMS)) {
    const values = filters[name as keyof typeof ATTRIBUTE_PARAMS];
    if (values === undefined) continue;
    for (const text of typeof values === 'string' ? [values] : values) {
      conditions.push(attributeConditionOf(name, place, text));
    }
  }
  if (filters.tags !== undefined) conditions.push(...jaegerTagConditions(filters.tags));
  if (conditions.length > MAX_ATTRIBUTE_CONDITIONS) {
    throw invalid('attr', `at most ${MAX_ATTRIBUTE_CONDITIONS} attribute conditions`);
  }
  return conditions;
}

/** `key=value`, `key>n`, `key>=n`, `key<n`, `key<=n`: the key runs up to the first `=`, `<` or `>`. */
function attributeConditionOf(param: string, place: AttributePlace, text: string): AttributeCondition {
  const at = text.search(/[=<>]/);
  if (at < 1) throw invalid(param, `'${text}' is not key=value, key>n or key<n`);
  const key = text.slice(0, at);
  const sign = text[at]!;
  const orEqual = sign !== '=' && text[at + 1] === '=';
  const value = text.slice(at + (orEqual ? 2 : 1));
  const op: AttributeOperator =
    sign === '=' ? 'eq' : sign === '>' ? (orEqual ? 'gte' : 'gt') : orEqual ? 'lte' : 'lt';
  return checkedCondition(param, { place, key, op, value });
}

function jaegerTagConditions(json: string): AttributeCondition[] {
  let tags: unknown;
  try {
    tags = JSON.parse(json);
  } catch {
    throw invalid('tags', 'not JSON');
  }
  if (tags === null || typeof tags !== 'object' || Array.isArray(tags)) {
    throw invalid('tags', 'must be a JSON object of key to value');
  }
  return Object.entries(tags).map(([key, value]) => {
    if (value === null || typeof value === 'object') throw invalid('tags', `${key}: must be a scalar`);
    return checkedCondition('tags', { place: 'any', key, op: 'eq', value: String(value) });
  });
}

function checkedCondition(param: string, condition: AttributeCondition): AttributeCondition {
  if (condition.key.length === 0 || condition.key.length > 256) {
    throw invalid(param, 'a key has 1 to 256 characters');
  }
  if (condition.op === 'eq') {
    if (condition.value.length > MAX_INDEXED_VALUE_LENGTH) {
      throw invalid(
        param,
        `${condition.key}: values longer than ${MAX_INDEXED_VALUE_LENGTH} are searched with text`,
      );
    }
  } else if (condition.value.trim() === '' || !Number.isFinite(Number(condition.value))) {
    throw invalid(param, `${condition.key}: '${condition.value}' is not a number`);
  }
  return condition;
}

function invalid(param: string, message: string): SextantError {
  return new SextantError('SEXTANT_ERR_INVALID_REQUEST', `${param}: ${message}`);
}
