import type { IncomingMessage, ServerResponse } from 'node:http';
import { context } from '@opentelemetry/api';
import { ServerSpan } from './server-span.js';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface NodeHttpTracingOptions {
  /** The route template of a request (`/users/:id`), for the span name; node:http has no router. */
  route?: (req: IncomingMessage) => string | undefined;
}

/**
 * Wraps a `node:http` request listener: each request gets a SERVER span (`METHOD route`),
 * current while the listener and everything it awaits runs, ended when the response finishes.
 */
export function traceRequests(
  listener: RequestListener,
  options: NodeHttpTracingOptions = {},
): RequestListener {
  return (req, res) => {
    const server = ServerSpan.start(req, options.route?.(req));
    if (server === null) return listener(req, res);
    res.once('close', () => server.end(res.statusCode));
    return context.with(server.opened.context, () => {
      try {
        listener(req, res);
      } catch (error) {
        server.handle.recordError(error);
        throw error;
      }
    });
  };
}
