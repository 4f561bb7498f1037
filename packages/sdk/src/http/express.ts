import type { IncomingMessage, ServerResponse } from 'node:http';
import { context } from '@opentelemetry/api';
import { ServerSpan } from './server-span.js';

/** What the middleware reads of Express's request: the route matched, once routing ran. */
interface ExpressRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: unknown };
}

/**
 * Keeps the route template (`/api/users/:id`, mount path included) as Express matches it: Express
 * sets `req.route` when it dispatches to a route, while `req.baseUrl` still holds the mount path,
 * which it resets on the way out of a router (before error handlers and the response end).
 */
function watchRoute(req: ExpressRequest): () => string | undefined {
  let route = req.route;
  let matched: string | undefined;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(value: ExpressRequest['route']) {
      route = value;
      if (typeof value?.path === 'string') matched = `${req.baseUrl ?? ''}${value.path}`;
    },
  });
  return () => matched;
}

/**
 * Express middleware (`app.use(expressTracing())`, first): a SERVER span per request, named
 * `METHOD route` once Express has matched the route, current in every later middleware and handler.
 */
export function expressTracing() {
  return (req: ExpressRequest, res: ServerResponse, next: (error?: unknown) => void): void => {
    const server = ServerSpan.start(req);
    if (server === null) {
      next();
      return;
    }
    const matchedRoute = watchRoute(req);
    res.once('close', () => server.end(res.statusCode, matchedRoute()));
    context.with(server.opened.context, next);
  };
}

/** Express error middleware (`app.use(expressErrorTracing())`, last): records the error on the request's span. */
export function expressErrorTracing() {
  return (
    error: unknown,
    req: ExpressRequest,
    _res: ServerResponse,
    next: (error?: unknown) => void,
  ): void => {
    ServerSpan.of(req)?.handle.recordError(error);
    next(error);
  };
}
