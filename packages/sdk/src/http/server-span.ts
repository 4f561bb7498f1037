import type { IncomingMessage } from 'node:http';
import { type Attributes, propagation, ROOT_CONTEXT, SpanStatusCode } from '@opentelemetry/api';
import { sdk } from '../setup/sdk-state.js';
import { type Opened, openSpan } from '../spans/open-span.js';
import { RecordingSpan } from '../spans/span-handle.js';

/** The methods the HTTP conventions know; any other is recorded as `_OTHER`. */
const KNOWN_METHODS: ReadonlySet<string> = new Set([
  'CONNECT',
  'DELETE',
  'GET',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
  'TRACE',
  'QUERY',
]);
const OTHER_METHOD = '_OTHER';
const SERVER_ERROR_STATUS = 500;

/** The method as the conventions record it, and the original when it is not a known one. */
export function methodAttributes(method: string | undefined): { method: string; attributes: Attributes } {
  const upper = (method ?? 'GET').toUpperCase();
  if (KNOWN_METHODS.has(upper)) return { method: upper, attributes: { 'http.request.method': upper } };
  return {
    method: 'HTTP',
    attributes: { 'http.request.method': OTHER_METHOD, 'http.request.method_original': method ?? '' },
  };
}

/** `METHOD route`, or `METHOD` alone while the route is not known (the conventions' span name). */
function serverSpanName(method: string, route: string | undefined): string {
  return route === undefined ? method : `${method} ${route}`;
}

function hostAndPort(host: string | undefined): { address?: string; port?: number } {
  if (host === undefined) return {};
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  if (match === null) return {};
  return { address: match[1]!, ...(match[2] === undefined ? {} : { port: Number(match[2]) }) };
}

function requestAttributes(req: IncomingMessage, route: string | undefined): Attributes {
  const target = req.url ?? '/';
  const question = target.indexOf('?');
  const { address, port } = hostAndPort(req.headers.host);
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const attributes: Attributes = {
    'url.path': question < 0 ? target : target.slice(0, question),
    'url.scheme': encrypted ? 'https' : 'http',
    'network.protocol.version': req.httpVersion,
  };
  if (question >= 0) attributes['url.query'] = target.slice(question + 1);
  if (route !== undefined) attributes['http.route'] = route;
  if (address !== undefined) attributes['server.address'] = address;
  if (port !== undefined) attributes['server.port'] = port;
  if (req.socket?.remoteAddress !== undefined) attributes['client.address'] = req.socket.remoteAddress;
  if (req.headers['user-agent'] !== undefined) attributes['user_agent.original'] = req.headers['user-agent'];
  return attributes;
}

const BY_REQUEST = new WeakMap<IncomingMessage, ServerSpan>();

/** An incoming request's SERVER span, child of the caller's span when the request carries a `traceparent`. */
export class ServerSpan {
  readonly opened: Opened<RecordingSpan>;
  readonly #method: string;

  private constructor(opened: Opened<RecordingSpan>, method: string) {
    this.opened = opened;
    this.#method = method;
  }

  /** Null when disabled or when the span could not be started. */
  static start(req: IncomingMessage, route?: string): ServerSpan | null {
    if (!sdk.recording) return null;
    const { method, attributes } = methodAttributes(req.method);
    const opened = openSpan(
      serverSpanName(method, route),
      { kind: 'http_server', attributes: { ...attributes, ...requestAttributes(req, route) } },
      (span, startTime) => new RecordingSpan(span, startTime),
      propagation.extract(ROOT_CONTEXT, req.headers),
    );
    if (opened === null) return null;
    const server = new ServerSpan(opened, method);
    BY_REQUEST.set(req, server);
    return server;
  }

  /** The span started for this request, if any. */
  static of(req: IncomingMessage): ServerSpan | undefined {
    return BY_REQUEST.get(req);
  }

  get handle(): RecordingSpan {
    return this.opened.handle;
  }

  /**
   * Ends the span with the response status: 5xx is an error on a server span, 4xx is the client's
   * (the HTTP conventions). A route known only once routing ran renames the span.
   */
  end(statusCode: number, route?: string): void {
    const span = this.opened.handle;
    if (route !== undefined) {
      span.otelSpan.updateName(serverSpanName(this.#method, route));
      span.setAttribute('http.route', route);
    }
    span.setAttribute('http.response.status_code', statusCode);
    if (statusCode >= SERVER_ERROR_STATUS) {
      span.setAttribute('error.type', String(statusCode));
      span.otelSpan.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  }
}
