import type { IncomingMessage } from 'node:http';
import { context } from '@opentelemetry/api';
import { ServerSpan } from './server-span.js';

/** What the plugin uses of Fastify, so that the SDK does not depend on it. */
interface FastifyRequestLike {
  raw: IncomingMessage;
  routeOptions?: { url?: string };
}

interface FastifyReplyLike {
  statusCode: number;
}

type HookDone = (error?: Error) => void;

interface FastifyInstanceLike {
  addHook(name: string, hook: (...args: never[]) => unknown): unknown;
}

/** Runs the rest of the request's hooks and its handler with its span current. */
function continueInSpan(request: FastifyRequestLike, done: HookDone): void {
  const server = ServerSpan.of(request.raw);
  if (server === undefined) done();
  else context.with(server.opened.context, done);
}

function addTracingHooks(instance: FastifyInstanceLike, _options: unknown, done: HookDone): void {
  instance.addHook('onRequest', (request: FastifyRequestLike, _reply: FastifyReplyLike, next: HookDone) => {
    ServerSpan.start(request.raw, request.routeOptions?.url);
    continueInSpan(request, next);
  });
  // Body parsing runs in the socket's callbacks, outside the onRequest context: enter it again.
  instance.addHook('preHandler', (request: FastifyRequestLike, _reply: FastifyReplyLike, next: HookDone) => {
    continueInSpan(request, next);
  });
  instance.addHook(
    'onError',
    (request: FastifyRequestLike, _reply: FastifyReplyLike, error: Error, next: HookDone) => {
      ServerSpan.of(request.raw)?.handle.recordError(error);
      next();
    },
  );
  instance.addHook('onResponse', (request: FastifyRequestLike, reply: FastifyReplyLike, next: HookDone) => {
    ServerSpan.of(request.raw)?.end(reply.statusCode, request.routeOptions?.url);
    next();
  });
  done();
}

/**
 * The Fastify plugin (`app.register(fastifyTracing)`): a SERVER span per request named
 * `METHOD route`, current in hooks and handlers, with errors thrown by handlers recorded.
 * Marked as fastify-plugin marks plugins, so the hooks apply to the whole application.
 */
export const fastifyTracing = Object.assign(addTracingHooks, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: '@sextant/sdk',
});
