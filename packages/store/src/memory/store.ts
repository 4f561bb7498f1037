import { StoreClosedError } from '../errors.js';
import {
  readDependencies,
  readGroupedAnalytics,
  readRecordCounts,
  readServices,
  readTraceStats,
} from '../query/analytics-reads.js';
import type { Store, WriteFailureClass } from '../store.js';
import { memoryAnalyticsSource } from './analytics-source.js';
import { MemoryAnnotations } from './annotations.js';
import {
  countMemory,
  findMemoryLogs,
  findMemoryMetrics,
  findMemoryTraces,
  readMemoryTrace,
} from './reader.js';
import { deleteMemoryTraces, oldestMemoryTraceStart, removeMemoryOlderThan } from './removal.js';
import { MemoryState, type MemoryStoreOptions } from './state.js';
import { searchMemoryText } from './text-search.js';
import { MemoryTraceLinks } from './trace-links.js';
import { writeToMemory } from './writer.js';

export type { MemoryStoreOptions } from './state.js';

/** A memory store, with what its bounds have cost so far. */
export interface MemoryStore extends Store {
  /** Traces evicted, for capacity or age. */
  readonly evictedTraces: number;
  /** Spans dropped because their trace already held `maxSpansPerTrace` spans. */
  readonly droppedSpans: number;
}

/**
 * A store that keeps everything in this process, as a ring buffer of traces (for development,
 * tests and a live view). It holds the objects it is given, so callers must not change them after
 * writing them, and it keeps nothing across restarts.
 */
export function createMemoryStore(options: MemoryStoreOptions): MemoryStore {
  const state = new MemoryState(options);
  const notes = new MemoryAnnotations();
  const links = new MemoryTraceLinks();
  let closed = false;
  const open = (): MemoryState => {
    if (closed) throw new StoreClosedError('memory');
    state.evict();
    return state;
  };
  return {
    driver: 'memory',
    get evictedTraces() {
      return state.evictedTraces;
    },
    get droppedSpans() {
      return state.droppedSpans;
    },
    write: async (batch) => writeToMemory(open(), batch),
    getTrace: async ({ project, traceId }) => readMemoryTrace(open(), project, traceId),
    findTraces: async (query) => findMemoryTraces(open(), query),
    searchText: async (query) => {
      const state = open();
      return searchMemoryText(state, query, notes.all(state, query.project));
    },
    findLogs: async (query) => findMemoryLogs(open(), query),
    findMetrics: async (query) => findMemoryMetrics(open(), query),
    deleteTraces: async ({ project, traceIds }) => ({
      deleted: deleteMemoryTraces(open(), project, traceIds),
    }),
    removeOlderThan: async ({ before, limit }) => removeMemoryOlderThan(open(), before, limit),
    oldestTraceStart: async (rank) => oldestMemoryTraceStart(open(), rank),
    storedBytes: async () => {
      open();
      return null;
    },
    counts: async ({ project }) => countMemory(open(), project),
    addAnnotations: async ({ project, annotations }) => notes.add(open(), project, annotations),
    findAnnotations: async (query) => notes.find(open(), query),
    deleteAnnotation: async ({ project, id }) => notes.delete(open(), project, id),
    linkTrace: async (change) => links.link(open(), change),
    getTraceLinks: async ({ project, traceId }) => links.get(open(), project, traceId),
    findLinkedTraces: async (query) => links.find(open(), query),
    traceStats: async (query) => readTraceStats(memoryAnalyticsSource(open()), query),
    groupedAnalytics: async (query) => readGroupedAnalytics(memoryAnalyticsSource(open()), query),
    services: async (query) => readServices(memoryAnalyticsSource(open()), query),
    serviceDependencies: async (query) => readDependencies(memoryAnalyticsSource(open()), query),
    recordCounts: async (query) => readRecordCounts(memoryAnalyticsSource(open()), query),
    classifyWriteError: (error): WriteFailureClass =>
      error instanceof StoreClosedError ? 'connection' : 'unknown',
    close: async () => {
      closed = true;
      state.clear();
    },
  };
}
