import type { IncomingMessage, ServerResponse } from 'node:http';
import { context } from '@opentelemetry/api';
import { ServerSpan } from './server-span.js';

/** A `node:http` listener; an async one's rejection is recorded on the span too. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface NodeHttpTracingOptions {
  /** The route template of a request (`/users/:id`), for the span name; node:http has no router. */
  route?: (req: IncomingMessage) => string | undefined;
}

/**
 * Wraps a `node:http` request listener: each request gets a SERVER span (`METHOD route`),
 * current while the listener and everything it awaits runs, ended when the response has closed
 * and an async listener has settled.
 */
export function traceRequests(
  listener: RequestListener,
  options: NodeHttpTracingOptions = {},
): RequestListener {
  return (req, res) => {
    const server = ServerSpan.start(req, options.route?.(req));
    if (server === null) return listener(req, res);
    const closed = new Promise<void>((resolve) => res.once('close', resolve));
    const endAfter = (work: Promise<unknown>) => {
      void Promise.allSettled([closed, work]).then(() => server.end(res.statusCode));
    };
    return context.with(server.opened.context, () => {
      let result: void | Promise<void>;
      try {
        result = listener(req, res);
      } catch (error) {
        server.handle.recordError(error);
        endAfter(closed);
        throw error;
      }
      if (!(result instanceof Promise)) {
        endAfter(closed);
        return result;
      }
      // An async listener's rejection is recorded before the span ends (the response may close
      // first), then passed on to whoever awaits the listener, as if it were not wrapped.
      const recorded = result.catch((error: unknown) => {
        server.handle.recordError(error);
        throw error;
      });
      endAfter(recorded);
      return recorded;
    });
  };
}
