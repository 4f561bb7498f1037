import { randomBytes } from 'node:crypto';

/** Who or what made an annotation: a person (in a UI), a program through the API, an evaluator. */
export const ANNOTATION_SOURCES = ['human', 'api', 'eval'] as const;
export type AnnotationSource = (typeof ANNOTATION_SOURCES)[number];

/** A score's value: numeric (a finite number), categorical (a label) or boolean. */
export type ScoreValue = number | string | boolean;

export interface AnnotationScore {
  name: string;
  value: ScoreValue;
}

/** What an annotation is on: a trace, or one span of it. */
export interface AnnotationTarget {
  /** 32 lower-case hex digits. */
  traceId: string;
  /** 16 lower-case hex digits, or null for the trace as a whole. */
  spanId: string | null;
}

/** An annotation as its author gives it; the store adds its id. */
export interface NewAnnotation extends AnnotationTarget {
  author: string;
  text: string;
  /** Distinct, in the order given. */
  tags: readonly string[];
  score: AnnotationScore | null;
  source: AnnotationSource;
  /** When it was made, in nanoseconds since the epoch. */
  timeUnixNano: bigint;
}

export interface Annotation extends NewAnnotation {
  /** 32 lower-case hex digits, given by the store, unique in the project. */
  id: string;
  project: string;
  tags: string[];
}

/** Where a page of annotations ends; the next page starts strictly after it. */
export interface AnnotationCursor {
  timeUnixNano: bigint;
  id: string;
}

/** A listing of annotations; every condition given must hold. */
export interface AnnotationQuery {
  project: string;
  traceId?: string | undefined;
  /** Annotations on this span (of `traceId`, when given). */
  spanId?: string | undefined;
  tag?: string | undefined;
  scoreName?: string | undefined;
  author?: string | undefined;
  source?: AnnotationSource | undefined;
  /** Inclusive bounds on the annotation's time, in nanoseconds since the epoch. */
  timeMin?: bigint | undefined;
  timeMax?: bigint | undefined;
  /** At most this many annotations (1..`MAX_ANNOTATION_PAGE`). */
  limit: number;
  after?: AnnotationCursor | undefined;
}

export interface AnnotationPage {
  /** Newest first: by time descending, then id descending. */
  annotations: Annotation[];
  /** Set when more annotations may match; pass it as `after` for the next page. */
  nextCursor: AnnotationCursor | null;
}

export const MAX_ANNOTATION_PAGE = 1000;

/** The bounds of what one annotation, and one call adding annotations, may hold. */
export const ANNOTATION_LIMITS = {
  perCall: 1000,
  authorLength: 256,
  textLength: 16_384,
  tags: 32,
  tagLength: 128,
  scoreNameLength: 256,
  scoreLabelLength: 256,
} as const;

/**
 * Traces or spans that a change names and the project does not hold. The change was refused
 * whole: nothing of it was stored.
 */
export class TargetsNotFoundError extends Error {
  constructor(
    readonly project: string,
    readonly missing: readonly AnnotationTarget[],
  ) {
    super(`project '${project}' holds no ${missing.map(describeTarget).join(', ')}`);
    this.name = 'TargetsNotFoundError';
  }
}

/**
 * Checks that the project holds every target, each distinct one asked of `holds` once.
 * @throws TargetsNotFoundError listing those it does not hold, in the order first named.
 */
export function requireTargets(
  project: string,
  targets: readonly AnnotationTarget[],
  holds: (target: AnnotationTarget) => boolean,
): void {
  const distinct = new Map<string, AnnotationTarget>();
  for (const { traceId, spanId } of targets) distinct.set(`${traceId}/${spanId ?? ''}`, { traceId, spanId });
  const missing = [...distinct.values()].filter((target) => !holds(target));
  if (missing.length > 0) throw new TargetsNotFoundError(project, missing);
}

function describeTarget({ traceId, spanId }: AnnotationTarget): string {
  return spanId === null ? `trace ${traceId}` : `span ${spanId} in trace ${traceId}`;
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const MAX_INT64 = 2n ** 63n - 1n;

export function isTraceId(text: string): boolean {
  return TRACE_ID.test(text);
}

export function isSpanId(text: string): boolean {
  return SPAN_ID.test(text);
}

/**
 * The annotation as stored, under a new id: 128 random bits, so that ids never need coordinating
 * between instances.
 */
export function withNewId(project: string, annotation: NewAnnotation): Annotation {
  const { traceId, spanId, author, text, tags, score, source, timeUnixNano } = annotation;
  const id = randomBytes(16).toString('hex');
  return { id, project, traceId, spanId, author, text, tags: [...tags], score, source, timeUnixNano };
}

/**
 * Checks what a caller wants to add against the rules every backend keeps.
 * @throws RangeError naming the first annotation that breaks one.
 */
export function checkNewAnnotations(annotations: readonly NewAnnotation[]): void {
  if (annotations.length > ANNOTATION_LIMITS.perCall) {
    throw new RangeError(`at most ${ANNOTATION_LIMITS.perCall} annotations in one call`);
  }
  annotations.forEach((annotation, index) => {
    const problem = annotationProblem(annotation);
    if (problem !== null) throw new RangeError(`annotation ${index}: ${problem}`);
  });
}

/** What makes the annotation break a rule every backend keeps, or null when it keeps them all. */
export function annotationProblem(annotation: NewAnnotation): string | null {
  const { traceId, spanId, author, text, tags, score, source, timeUnixNano } = annotation;
  const limits = ANNOTATION_LIMITS;
  if (!isTraceId(traceId)) return 'traceId: must be 32 lower-case hex digits';
  if (spanId !== null && !isSpanId(spanId)) return 'spanId: must be 16 lower-case hex digits, or null';
  if (!isBoundedText(author, 1, limits.authorLength)) return `author: 1 to ${limits.authorLength} characters`;
  if (!isBoundedText(text, 0, limits.textLength)) return `text: at most ${limits.textLength} characters`;
  if (tags.length > limits.tags) return `tags: at most ${limits.tags}`;
  if (!tags.every((tag) => isBoundedText(tag, 1, limits.tagLength))) {
    return `tags: each 1 to ${limits.tagLength} characters`;
  }
  if (new Set(tags).size !== tags.length) return 'tags: must be distinct';
  if (score !== null) {
    if (!isBoundedText(score.name, 1, limits.scoreNameLength)) {
      return `score.name: 1 to ${limits.scoreNameLength} characters`;
    }
    if (!isScoreValue(score.value)) {
      return `score.value: a finite number, a label of 1 to ${limits.scoreLabelLength} characters, or a boolean`;
    }
  }
  if (!ANNOTATION_SOURCES.includes(source)) return `source: one of ${ANNOTATION_SOURCES.join(', ')}`;
  if (typeof timeUnixNano !== 'bigint' || timeUnixNano < 0n || timeUnixNano > MAX_INT64) {
    return 'time: out of range';
  }
  return null;
}

function isBoundedText(value: unknown, min: number, max: number): boolean {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

function isScoreValue(value: unknown): value is ScoreValue {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return isBoundedText(value, 1, ANNOTATION_LIMITS.scoreLabelLength);
  return typeof value === 'boolean';
}

/**
 * A page from the first `limit + 1` matches in page order: the extra match only tells that more
 * follow, so a cursor is never handed out for an empty next page.
 */
export function annotationPageOf(matches: Annotation[], limit: number): AnnotationPage {
  if (matches.length <= limit) return { annotations: matches, nextCursor: null };
  const annotations = matches.slice(0, limit);
  const last = annotations[limit - 1]!;
  return { annotations, nextCursor: { timeUnixNano: last.timeUnixNano, id: last.id } };
}
