import { jsonText } from '../llm/messages.js';
import { sdk } from '../setup/sdk-state.js';
import { definedAttributes } from './defined-attributes.js';
import type { SpanHandle } from './span-handle.js';
import { withSpan } from './with-span.js';

/** A database query, described with the OTel database conventions. */
export interface DbQuery {
  /** `postgresql`, `sqlite`, `redis`, `qdrant`… (`db.system.name`). */
  system: string;
  /** `SELECT`, `findAndModify`, `search`… */
  operation?: string;
  /** The table, collection or index. */
  collection?: string;
  /** The database (schema, keyspace) name. */
  namespace?: string;
  /** The query text, parameterized (values left out). */
  text?: string;
  serverAddress?: string;
  serverPort?: number;
}

/** A call to another service of the application. */
export interface BackendCall {
  /** The service called (`peer.service`, what dependency graphs draw). */
  service: string;
  /** What was asked of it. */
  operation: string;
  /** The URL, for a call over HTTP. */
  url?: string;
  /** The HTTP method, for a call over HTTP. */
  method?: string;
}

/** A tool the agent runs. */
export interface ToolCall {
  name: string;
  /** The id the model gave the call (`gen_ai.tool.call.id`). */
  callId?: string;
  /** The arguments the model chose; recorded unless content capture is off. */
  arguments?: unknown;
  /** `function`, `extension` or `datastore`. */
  type?: string;
  description?: string;
}

/** The span name the database conventions give: `{operation} {collection}`, or what there is of it. */
function dbSpanName(query: DbQuery): string {
  const target = query.collection ?? query.namespace;
  if (query.operation !== undefined)
    return target === undefined ? query.operation : `${query.operation} ${target}`;
  return target ?? query.system;
}

/** Runs `fn` inside a CLIENT span for one database query. */
export function withDbQuery<T>(query: DbQuery, fn: (span: SpanHandle) => T): T {
  if (!sdk.recording) return withSpan(query.system, fn);
  return withSpan(
    dbSpanName(query),
    {
      kind: 'db',
      attributes: definedAttributes({
        'db.system.name': query.system,
        'db.operation.name': query.operation,
        'db.collection.name': query.collection,
        'db.namespace': query.namespace,
        'db.query.text': query.text,
        'server.address': query.serverAddress,
        'server.port': query.serverPort,
      }),
    },
    fn,
  );
}

/** Runs `fn` inside a CLIENT span `{service} {operation}` for a call to another service. */
export function withBackendCall<T>(call: BackendCall, fn: (span: SpanHandle) => T): T {
  if (!sdk.recording) return withSpan(call.service, fn);
  const url = call.url === undefined ? null : URL.canParse(call.url) ? new URL(call.url) : null;
  return withSpan(
    `${call.service} ${call.operation}`,
    {
      kind: 'backend',
      attributes: definedAttributes({
        'peer.service': call.service,
        'sextant.backend.operation': call.operation,
        'http.request.method': call.method?.toUpperCase(),
        'url.full': call.url,
        'server.address': url?.hostname,
      }),
    },
    fn,
  );
}

/**
 * Runs a tool inside an `execute_tool` span; the value `fn` returns (or resolves to) is recorded
 * as the call's result unless content capture is off.
 */
export function withToolCall<T>(tool: ToolCall, fn: (span: SpanHandle) => T): T {
  if (!sdk.recording) return withSpan(tool.name, fn);
  const capture = sdk.captureContent;
  return withSpan(
    tool.name,
    {
      kind: 'tool',
      attributes: definedAttributes({
        'gen_ai.tool.call.id': tool.callId,
        'gen_ai.tool.type': tool.type,
        'gen_ai.tool.description': tool.description,
        'gen_ai.tool.call.arguments':
          capture && tool.arguments !== undefined ? jsonText(tool.arguments) : undefined,
      }),
    },
    (span) => {
      const result = fn(span);
      if (!capture) return result;
      const recordResult = (value: unknown) => {
        if (value !== undefined) span.setAttribute('gen_ai.tool.call.result', jsonText(value));
        return value;
      };
      return (result instanceof Promise ? result.then(recordResult) : recordResult(result)) as T;
    },
  );
}
