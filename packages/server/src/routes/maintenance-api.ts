import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { formatRfc3339Nano, parseDurationNano } from '@sextant/core';
import { ProjectParam } from '../api/params.js';
import type { AppContext } from '../app-context.js';
import { SextantError } from '../errors.js';
import type { RetentionSettings } from '../retention/retention-service.js';

/** Most trace ids one bulk deletion takes. */
export const MAX_DELETE_TRACES = 1000;

const TraceId = Type.String({ pattern: '^[0-9a-fA-F]{32}$', description: '32 hex digits.' });

const RetentionBody = Type.Object(
  {
    maxAge: Type.Union([Type.String({ minLength: 1, maxLength: 32 }), Type.Null()], {
      description: 'A duration (`30d`, `72h`, `90m`), or null to keep data whatever its age.',
    }),
    maxBytes: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: 'The most bytes the store may take, or null (or 0) for no limit.',
    }),
  },
  { additionalProperties: false },
);

function settingsView(settings: RetentionSettings) {
  return {
    maxAge: settings.maxAgeNano === null ? null : durationText(settings.maxAgeNano),
    maxAgeNano: settings.maxAgeNano === null ? null : settings.maxAgeNano.toString(),
    maxBytes: settings.maxBytes,
  };
}

/** The shortest exact text for a duration: whole days, hours, minutes or seconds, else ns. */
function durationText(nanos: bigint): string {
  for (const [unit, size] of [
    ['d', 86_400_000_000_000n],
    ['h', 3_600_000_000_000n],
    ['m', 60_000_000_000n],
    ['s', 1_000_000_000n],
  ] as const) {
    if (nanos % size === 0n) return `${nanos / size}${unit}`;
  }
  return `${nanos}ns`;
}

function timeView(millis: number | null): string | null {
  return millis === null ? null : formatRfc3339Nano(BigInt(millis) * 1_000_000n);
}

/** Deleting traces, and retention: its settings, its figures, a run on demand. */
export const maintenanceApiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { store, retention } = context;

  app.delete(
    '/api/traces/:traceId',
    {
      schema: {
        params: Type.Object({ traceId: TraceId }),
        querystring: Type.Object({ project: ProjectParam }, { additionalProperties: false }),
        description: 'Deletes one trace: every span, its rollup, its share of indexes and analytics.',
      },
    },
    async (request, reply) => {
      const traceId = request.params.traceId.toLowerCase();
      const { deleted } = await store.deleteTraces({ project: request.query.project, traceIds: [traceId] });
      if (deleted === 0) {
        throw new SextantError(
          'SEXTANT_ERR_NOT_FOUND',
          `no trace ${traceId} in project '${request.query.project}'`,
        );
      }
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/traces/delete',
    {
      schema: {
        body: Type.Object(
          {
            project: ProjectParam,
            traceIds: Type.Array(TraceId, { minItems: 1, maxItems: MAX_DELETE_TRACES, uniqueItems: true }),
          },
          { additionalProperties: false },
        ),
        description: `Deletes many traces at once (at most ${MAX_DELETE_TRACES}); unknown ids are ignored.`,
      },
    },
    async (request) => {
      const { project, traceIds } = request.body;
      return store.deleteTraces({ project, traceIds: traceIds.map((id) => id.toLowerCase()) });
    },
  );

  app.get(
    '/api/retention',
    { schema: { description: 'Retention settings and what it removed so far.' } },
    async () => {
      const status = retention.status();
      return {
        ...settingsView(status.settings),
        intervalSeconds: status.intervalMs / 1000,
        removed: status.removed,
        runs: status.runs,
        running: status.running,
        lastRunStartedAt: timeView(status.lastRunStartedAt),
        lastRunFinishedAt: timeView(status.lastRunFinishedAt),
        lastError: status.lastError,
      };
    },
  );

  app.put(
    '/api/retention',
    {
      schema: {
        body: RetentionBody,
        description:
          'Changes the retention settings at run time; answers the previous settings, to restore them.',
      },
    },
    async (request) => {
      const { maxAge, maxBytes } = request.body;
      let maxAgeNano: bigint | null = null;
      if (maxAge !== null) {
        maxAgeNano = parseDurationNano(maxAge);
        if (maxAgeNano === null || maxAgeNano === 0n) {
          throw new SextantError(
            'SEXTANT_ERR_INVALID_REQUEST',
            `maxAge: '${maxAge}' is not a duration such as 30d`,
          );
        }
      }
      const previous = retention.update({ maxAgeNano, maxBytes });
      return { previous: settingsView(previous), current: settingsView(retention.settings) };
    },
  );

  app.post(
    '/api/retention/run',
    { schema: { description: 'Runs retention now (or waits for the run under way) and answers when done.' } },
    async () => {
      await retention.run();
      const status = retention.status();
      return { removed: status.removed, runs: status.runs, lastError: status.lastError };
    },
  );
};
