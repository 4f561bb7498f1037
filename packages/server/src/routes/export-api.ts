import { Readable } from 'node:stream';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { ProjectParam } from '../api/params.js';
import { TraceFilterParams, traceQueryOf } from '../api/trace-search-params.js';
import type { AppContext } from '../app-context.js';
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, exportChunks } from '../export/export-formats.js';
import { EXPORT_PAGE_SIZE, firstExportPage, walkTraces } from '../export/trace-walk.js';

/** Traces per export unless `limit` says otherwise, and at most. */
export const DEFAULT_EXPORT_TRACES = 10_000;
export const MAX_EXPORT_TRACES = 100_000;

const ExportQuery = Type.Object(
  {
    project: ProjectParam,
    format: Type.Enum(EXPORT_FORMAT_NAMES, {
      default: 'jsonl',
      description:
        '`jsonl`: a line per trace, each an OTLP/JSON export request; `csv`: a row per span, with a header.',
    }),
    ...TraceFilterParams,
    limit: Type.Integer({
      minimum: 1,
      maximum: MAX_EXPORT_TRACES,
      default: DEFAULT_EXPORT_TRACES,
      description: 'At most this many traces, the newest first.',
    }),
  },
  { additionalProperties: false },
);

/** `sextant-traces-<project>-<UTC time>.<extension>`: project names are safe in a file name. */
function fileName(project: string, extension: string): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `sextant-traces-${project}-${stamp}.${extension}`;
}

/**
 * Exports a trace search as a download that streams: the search is walked page by page and each
 * trace read and written only as the client takes the previous ones, so an export of any size
 * holds one page and one trace in memory, and a slow client slows the walk instead of filling the
 * server. A bad filter, or a store failure on the first page, is answered as an error; a failure
 * later cuts the download short (its status has been sent), which the client sees as an aborted
 * response.
 */
export const exportApiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { store } = context;

  app.get(
    '/api/export/traces',
    {
      schema: {
        querystring: ExportQuery,
        description:
          'A trace search (the filters of GET /api/traces) as JSON Lines of OTLP/JSON or as CSV, streamed.',
      },
    },
    async (request, reply) => {
      const { project, format: formatName, limit, ...filters } = request.query;
      const query = traceQueryOf(project, filters, { limit: EXPORT_PAGE_SIZE });
      const first = await firstExportPage(store, query, limit);
      const format = EXPORT_FORMATS[formatName];
      const chunks = exportChunks(format, walkTraces(store, query, first, limit));
      return reply
        .header('content-type', format.contentType)
        .header('content-disposition', `attachment; filename="${fileName(project, format.extension)}"`)
        .send(Readable.from(chunks, { objectMode: false }));
    },
  );
};
