import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { parseTimeNano } from '@sextant/core';
import {
  ANNOTATION_LIMITS,
  ANNOTATION_SOURCES,
  type AnnotationScore,
  annotationProblem,
  MAX_ANNOTATION_PAGE,
  type NewAnnotation,
} from '@sextant/store';
import { annotationPageView, annotationView, decodeAnnotationCursor } from '../api/annotation-view.js';
import { ProjectParam, parsedParam, TimeParam } from '../api/params.js';
import type { AppContext } from '../app-context.js';
import { SextantError } from '../errors.js';
import { replyMissingTargets } from './missing-targets.js';

const NS_PER_MS = 1_000_000n;

const TraceIdParam = Type.String({ pattern: '^[0-9a-fA-F]{32}$', description: '32 hex digits.' });
const SpanIdParam = Type.String({ pattern: '^[0-9a-fA-F]{16}$', description: '16 hex digits.' });
const SOURCE_DESCRIPTION = 'Who made it: `human` (in a UI), `api` (a program), `eval` (an evaluator).';
const SourceParam = Type.Enum(ANNOTATION_SOURCES, { description: SOURCE_DESCRIPTION });
const ProjectQuery = Type.Object({ project: ProjectParam }, { additionalProperties: false });

const AnnotateBody = Type.Object(
  {
    targets: Type.Array(
      Type.Object(
        {
          traceId: TraceIdParam,
          spanId: Type.Optional(
            Type.String({ pattern: '^[0-9a-fA-F]{16}$', description: '16 hex digits; absent: the trace.' }),
          ),
        },
        { additionalProperties: false },
      ),
      {
        minItems: 1,
        maxItems: ANNOTATION_LIMITS.perCall,
        description: 'The traces and spans to annotate, each with the same content.',
      },
    ),
    author: Type.String({ minLength: 1, maxLength: ANNOTATION_LIMITS.authorLength }),
    text: Type.String({ maxLength: ANNOTATION_LIMITS.textLength, default: '' }),
    tags: Type.Array(Type.String({ minLength: 1, maxLength: ANNOTATION_LIMITS.tagLength }), {
      maxItems: ANNOTATION_LIMITS.tags,
      uniqueItems: true,
      default: [],
    }),
    score: Type.Optional(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: ANNOTATION_LIMITS.scoreNameLength }),
          // Not a typed union: the app's type coercion would turn a label "42" into the number 42.
          value: Type.Unknown({
            description: `A finite number, a label (1 to ${ANNOTATION_LIMITS.scoreLabelLength} characters) or a boolean.`,
          }),
        },
        { additionalProperties: false },
      ),
    ),
    source: Type.Enum(ANNOTATION_SOURCES, { default: 'api', description: SOURCE_DESCRIPTION }),
    time: Type.Optional(TimeParam),
  },
  { additionalProperties: false },
);

const AnnotationSearch = Type.Object(
  {
    project: ProjectParam,
    traceId: Type.Optional(TraceIdParam),
    spanId: Type.Optional(SpanIdParam),
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: ANNOTATION_LIMITS.tagLength })),
    scoreName: Type.Optional(Type.String({ minLength: 1, maxLength: ANNOTATION_LIMITS.scoreNameLength })),
    author: Type.Optional(Type.String({ minLength: 1, maxLength: ANNOTATION_LIMITS.authorLength })),
    source: Type.Optional(SourceParam),
    start: Type.Optional(TimeParam),
    end: Type.Optional(TimeParam),
    limit: Type.Integer({ minimum: 1, maximum: MAX_ANNOTATION_PAGE, default: 100 }),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** Annotating traces and spans, listing annotations by filters, deleting one. */
export const annotationsApiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { store } = context;

  app.post(
    '/api/annotations',
    {
      schema: {
        querystring: ProjectQuery,
        body: AnnotateBody,
        description:
          'Annotates many traces or spans at once, all or none: when the project lacks any target, ' +
          'answers 404 listing each missing one, and stores nothing.',
      },
    },
    async (request, reply) => {
      const { targets, author, text, tags, score, source, time } = request.body;
      const timeUnixNano = parsedParam(time, parseTimeNano, 'time') ?? BigInt(Date.now()) * NS_PER_MS;
      const annotations: NewAnnotation[] = targets.map((target) => ({
        traceId: target.traceId.toLowerCase(),
        spanId: target.spanId?.toLowerCase() ?? null,
        author,
        text,
        tags,
        score: (score ?? null) as AnnotationScore | null,
        source,
        timeUnixNano,
      }));
      // The content is the same for every target, whose ids the schema checked: one check says it all.
      const problem = annotationProblem(annotations[0]!);
      if (problem !== null) throw new SextantError('SEXTANT_ERR_INVALID_REQUEST', problem);
      try {
        const stored = await store.addAnnotations({ project: request.query.project, annotations });
        return reply.code(201).send({ annotations: stored.map(annotationView) });
      } catch (error) {
        return replyMissingTargets(reply, error);
      }
    },
  );

  app.get(
    '/api/annotations',
    {
      schema: {
        querystring: AnnotationSearch,
        description: 'Annotations newest first (by time, then id), every filter given holding.',
      },
    },
    async (request) => {
      const { project, traceId, spanId, tag, scoreName, author, source, start, end, limit, cursor } =
        request.query;
      const timeMin = parsedParam(start, parseTimeNano, 'start');
      const timeMax = parsedParam(end, parseTimeNano, 'end');
      if (timeMin !== undefined && timeMax !== undefined && timeMin > timeMax) {
        throw new SextantError('SEXTANT_ERR_INVALID_REQUEST', 'start: must not be after end');
      }
      const page = await store.findAnnotations({
        project,
        traceId: traceId?.toLowerCase(),
        spanId: spanId?.toLowerCase(),
        tag,
        scoreName,
        author,
        source,
        timeMin,
        timeMax,
        limit,
        after: cursor === undefined ? undefined : decodeAnnotationCursor(cursor),
      });
      return annotationPageView(page);
    },
  );

  app.delete(
    '/api/annotations/:annotationId',
    {
      schema: {
        params: Type.Object({
          annotationId: Type.String({ pattern: '^[0-9a-fA-F]{32}$', description: '32 hex digits.' }),
        }),
        querystring: ProjectQuery,
        description: 'Deletes one annotation: 204, or 404 when the project has none of that id.',
      },
    },
    async (request, reply) => {
      const { project } = request.query;
      const id = request.params.annotationId.toLowerCase();
      if (!(await store.deleteAnnotation({ project, id }))) {
        throw new SextantError('SEXTANT_ERR_NOT_FOUND', `no annotation ${id} in project '${project}'`);
      }
      return reply.code(204).send();
    },
  );
};
