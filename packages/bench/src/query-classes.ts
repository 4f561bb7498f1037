import type { WorkloadSampler } from './query-samples.js';
import type { PlannedSpan } from './query-workload-span.js';

/**
 * A class of query the benchmark times: how to build one request from parameters drawn out of
 * the workload, and how many results its answer holds (a class that finds nothing is a bug:
 * every parameter is drawn from data that is stored).
 */
export interface QueryClass {
  name: string;
  /** The target for the 99th percentile. */
  targetP99Ms: number;
  /** Also run in the read load against ingest (searches and analytics, not single-trace reads). */
  readLoad: boolean;
  /** The path and query string of one request. */
  request(sample: WorkloadSampler): string;
  results(body: unknown): number;
}

function path(route: string, params: Array<[string, string]>): string {
  return `${route}?${new URLSearchParams(params)}`;
}

interface TreeNode {
  children?: TreeNode[];
}

function treeSize(nodes: readonly TreeNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + treeSize(node.children ?? []), 0);
}

const tracesFound = (body: unknown) => (body as { traces: unknown[] }).traces.length;

interface AnalyticsAnswer {
  groups: Array<{ series?: unknown[] }>;
}

const analyticsGroups = (body: unknown) => (body as AnalyticsAnswer).groups.length;
const seriesPoints = (body: unknown) =>
  (body as AnalyticsAnswer).groups.reduce((sum, group) => sum + (group.series?.length ?? 0), 0);

const numeric = (span: PlannedSpan, key: string) => Number(span.attributes[key] ?? Number.NaN);

/** Attribute conditions on one span, in the syntax of `attr` (see trace-search-params.ts). */
const ATTRIBUTE_SEARCHES: Array<(sample: WorkloadSampler) => Array<[string, string]>> = [
  (sample) => {
    const { run } = sample.span(
      'failed HTTP call',
      (span) => numeric(span, 'http.response.status_code') >= 500,
    );
    return [
      ['attr', `app.tier=${run.tier}`],
      ['attr', 'http.response.status_code>=500'],
    ];
  },
  (sample) => {
    const { span } = sample.span('LLM call with usage', (s) => numeric(s, 'gen_ai.usage.input_tokens') > 500);
    const tokens = numeric(span, 'gen_ai.usage.input_tokens');
    return [
      ['attr', `gen_ai.request.model=${span.attributes['gen_ai.request.model']}`],
      ['attr', `gen_ai.usage.input_tokens>${tokens - 1 - sample.random.int(300)}`],
    ];
  },
  (sample) => [['attr', `user.id=${sample.run().userId}`]],
  (sample) => {
    const { run, span } = sample.span('tool call', (s) => s.attributes['gen_ai.tool.name'] !== undefined);
    return [
      ['attr', `gen_ai.tool.name=${span.attributes['gen_ai.tool.name']}`],
      ['attr', `app.tier=${run.tier}`],
    ];
  },
];

const LATIN_WORD = /^\p{Script=Latin}+$/u;
// Script, not Script_Extensions: the latter counts the ideographic full stop as Han.
const UNSPACED_RUN = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]{2,}/gu;

/** Full-text queries made of words of the stored prompts: a word, a quoted phrase, a CJK word. */
const TEXT_SEARCHES: Array<(sample: WorkloadSampler) => string> = [
  (sample) =>
    sample.draw('English word of five letters or more', (run) => {
      const words = run.question.text
        .split(/\s+/)
        .filter((word) => LATIN_WORD.test(word) && word.length >= 5);
      return words.length === 0 ? undefined : sample.random.pick(words);
    }),
  (sample) =>
    sample.draw('English phrase', (run) => {
      const words = run.question.text.split(/\s+/);
      const starts = words
        .map((_, i) => i)
        .filter(
          (i) => LATIN_WORD.test(words[i]!) && LATIN_WORD.test(words[i + 1] ?? '') && words[i]!.length >= 4,
        );
      if (starts.length === 0) return undefined;
      const at = sample.random.pick(starts);
      return `"${words[at]} ${words[at + 1]}"`;
    }),
  (sample) =>
    sample.draw('Chinese or Japanese words', (run) => {
      const runs = [...run.question.text.matchAll(UNSPACED_RUN)].map(([text]) => Array.from(text));
      if (runs.length === 0) return undefined;
      const chars = sample.random.pick(runs);
      const length = Math.min(chars.length, sample.random.intBetween(2, 4));
      const from = sample.random.int(chars.length - length + 1);
      return chars.slice(from, from + length).join('');
    }),
];

// ─────────────────────────────────────────────────────────────────────────────────────────────
// The query classes. Update a request builder here when its endpoint lands or changes; a class
// whose endpoint or parameters the server does not know yet is skipped with the reason.
// ─────────────────────────────────────────────────────────────────────────────────────────────
export const QUERY_CLASSES: readonly QueryClass[] = [
  {
    name: 'trace by id',
    targetP99Ms: 5,
    readLoad: false,
    request: (sample) => `/api/traces/${sample.run().traceId}`,
    results: (body) => treeSize((body as { spans: TreeNode[] }).spans),
  },
  {
    name: 'filtered search',
    targetP99Ms: 50,
    readLoad: true,
    request: (sample) => {
      const { span } = sample.span('span', () => true);
      const durationUs = span.endUs - span.startUs;
      return path('/api/traces', [
        ['service', span.service],
        ['spanName', span.name],
        ['minDuration', `${Math.floor(durationUs * (0.5 + 0.5 * sample.random.next()))}us`],
      ]);
    },
    results: tracesFound,
  },
  {
    name: 'attribute search',
    targetP99Ms: 100,
    readLoad: true,
    request: (sample) => path('/api/traces', sample.random.pick(ATTRIBUTE_SEARCHES)(sample)),
    results: tracesFound,
  },
  {
    // The full-text search: ranked and bounded, over spans, logs and annotations.
    name: 'full-text search',
    targetP99Ms: 100,
    readLoad: true,
    request: (sample) => path('/api/search', [['q', sample.random.pick(TEXT_SEARCHES)(sample)]]),
    results: (body) => (body as { spans: unknown[] }).spans.length,
  },
  {
    // The text filter of the trace list, newest first (no target of its own in the issue).
    name: 'trace list by text',
    targetP99Ms: 100,
    readLoad: false,
    request: (sample) => path('/api/traces', [['text', sample.random.pick(TEXT_SEARCHES)(sample)]]),
    results: tracesFound,
  },
  {
    name: '24h cost by model per hour',
    targetP99Ms: 200,
    readLoad: true,
    request: (sample) => {
      const { start, end } = sample.dayWindow();
      return path('/api/analytics/cost', [
        ['groupBy', 'model'],
        ['bucket', 'hour'],
        ['limit', '20'],
        ['start', start],
        ['end', end],
      ]);
    },
    results: seriesPoints,
  },
  {
    name: '24h latency percentiles by service',
    targetP99Ms: 200,
    readLoad: true,
    request: (sample) => {
      const { start, end } = sample.dayWindow();
      return path('/api/analytics/latency', [
        ['groupBy', 'service'],
        ['start', start],
        ['end', end],
      ]);
    },
    results: analyticsGroups,
  },
];
