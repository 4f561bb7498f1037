import { StoreClosedError } from '../errors.js';
import type { Store, WriteFailureClass } from '../store.js';
import {
  countMemory,
  findMemoryLogs,
  findMemoryMetrics,
  findMemoryTraces,
  readMemoryTrace,
} from './reader.js';
import { MemoryState, type MemoryStoreOptions } from './state.js';
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
    findLogs: async (query) => findMemoryLogs(open(), query),
    findMetrics: async (query) => findMemoryMetrics(open(), query),
    counts: async ({ project }) => countMemory(open(), project),
    classifyWriteError: (error): WriteFailureClass =>
      error instanceof StoreClosedError ? 'connection' : 'unknown',
    close: async () => {
      closed = true;
      state.clear();
    },
  };
}
