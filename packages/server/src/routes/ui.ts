import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { type FastifyPluginAsyncTypebox, type Static, Type } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { SextantError } from '../errors.js';

/** Where `npm run build` puts the UI: packages/ui/dist, the same distance from src/ and dist/. */
const BUILT_UI = fileURLToPath(new URL('../../../ui/dist/', import.meta.url));

/** Paths under these prefixes belong to the API and OTLP: an unknown one is a JSON 404, never the UI. */
const API_PREFIXES = ['api/', 'v1/'];

/**
 * The UI shows untrusted text (prompts, attribute values); the policy keeps a rendering mistake
 * from running anything: scripts and data come from this origin only, no inline script.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sextant: the web UI is not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Sextant is running, but its web UI is not built</h1>
<p>Build it, then restart the server:</p>
<pre>npm run build          # builds every package, the UI included
npm run build -w @sextant/ui   # or the UI alone</pre>
<p>(<code>npm start</code> does both.) Meanwhile the API answers: try
<a href="/api/traces">/api/traces</a>, or read <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</body></html>
`;

/** The built files as URL paths without the leading slash (`index.html`, `assets/app-1a2b.js`). */
function builtFiles(directory: string): Set<string> {
  try {
    const entries = readdirSync(directory, { recursive: true, withFileTypes: true });
    return new Set(
      entries
        .filter((entry) => entry.isFile())
        .map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/')),
    );
  } catch {
    return new Set();
  }
}

/** A path the UI's router never uses: an API path, or a file (`/assets/gone.js`) that is not there. */
function isNeverUi(path: string): boolean {
  return API_PREFIXES.some((prefix) => path.startsWith(prefix)) || /\.[^/]*$/.test(path);
}

function sendIndex(reply: FastifyReply) {
  return reply
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('cache-control', 'no-cache')
    .sendFile('index.html', { cacheControl: false });
}

/** The UI's own routes are one or two segments deep (`/traces`, `/traces/<id>`, `/assets/<file>`). */
const UiParams = Type.Object({
  section: Type.Optional(Type.String({ description: 'A page of the UI (`traces`), or a built file.' })),
  item: Type.Optional(Type.String({ description: 'What the page shows (a trace id), or a built file.' })),
});

/**
 * The web UI at `/`, on the API's port. The files are listed once at start (a rebuilt UI is
 * picked up by a restart), so nothing outside the build is ever read. Every other path the UI's
 * router could own gets `index.html`: a deep link opened in a new tab works. API and ingest routes
 * have static paths, which always win over these parametric ones.
 * `--ui-dir` points at another build (the UI's end-to-end tests build into a directory of their
 * own).
 */
export const uiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (app, { context }) => {
  const directory = context.config.uiDir ?? BUILT_UI;
  const files = builtFiles(directory);
  const built = files.has('index.html');
  if (built) await app.register(fastifyStatic, { root: directory, serve: false });

  const schema = {
    params: UiParams,
    description:
      'The web UI: its built files, and `index.html` for the other paths outside `/api/` and `/v1/` ' +
      '(the UI routes in the browser). Without a built UI, a page saying how to build it.',
  };
  const handler = async (
    request: FastifyRequest<{ Params: Static<typeof UiParams> }>,
    reply: FastifyReply,
  ) => {
    const { section, item } = request.params;
    const path = [section, item].filter((segment) => segment !== undefined).join('/');
    if (built && files.has(path) && path !== 'index.html') {
      // Vite names the files under assets/ by their content hash: they never change.
      return path.startsWith('assets/')
        ? reply.sendFile(path, { maxAge: '365d', immutable: true })
        : reply.header('cache-control', 'no-cache').sendFile(path, { cacheControl: false });
    }
    if (isNeverUi(path)) throw new SextantError('SEXTANT_ERR_NOT_FOUND', `no route GET /${path}`);
    if (!built) return reply.code(404).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    return sendIndex(reply);
  };
  app.get('/', { schema }, handler);
  app.get('/:section', { schema }, handler);
  app.get('/:section/:item', { schema }, handler);
};
