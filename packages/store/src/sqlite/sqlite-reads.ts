import type Database from 'better-sqlite3';
import {
  readDependencies,
  readGroupedAnalytics,
  readRecordCounts,
  readServices,
  readTraceStats,
} from '../query/analytics-reads.js';
import type { Store } from '../store.js';
import { SqliteAnalyticsSource } from './analytics-source.js';
import { SqliteAnnotations } from './annotations.js';
import { SqliteReader } from './reader.js';
import { SqliteTraceLinks } from './trace-links.js';

/** Every read of the `Store` interface: each takes one argument and changes nothing. */
export const READ_METHODS = [
  'getTrace',
  'findTraces',
  'searchText',
  'findLogs',
  'findMetrics',
  'oldestTraceStart',
  'storedBytes',
  'counts',
  'findAnnotations',
  'getTraceLinks',
  'findLinkedTraces',
  'traceStats',
  'groupedAnalytics',
  'services',
  'serviceDependencies',
  'recordCounts',
] as const satisfies readonly (keyof Store)[];
export type ReadMethod = (typeof READ_METHODS)[number];

export type ReadArgument<M extends ReadMethod> = Parameters<Store[M]>[0];
export type ReadResult<M extends ReadMethod> = Awaited<ReturnType<Store[M]>>;

/** The reads, run synchronously on one connection. */
export type SqliteReads = { [M in ReadMethod]: (argument: ReadArgument<M>) => ReadResult<M> };

/**
 * The reads of a SQLite store on a connection, each in one read transaction, so that its
 * statements see one same state of the file though the writer commits in between.
 */
export function sqliteReads(db: Database.Database): SqliteReads {
  const reader = new SqliteReader(db);
  const notes = new SqliteAnnotations(db);
  const links = new SqliteTraceLinks(db);
  const analytics = new SqliteAnalyticsSource(
    db,
    (trace) => reader.getTrace(trace.project, trace.traceId)?.spans ?? [],
  );
  const snapshot = db.transaction((read: () => unknown) => read());
  const read =
    <A, R>(run: (argument: A) => R) =>
    (argument: A): R =>
      snapshot(() => run(argument)) as R;
  return {
    getTrace: read(({ project, traceId }) => reader.getTrace(project, traceId)),
    findTraces: read((query) => reader.findTraces(query)),
    searchText: read((query) => reader.searchText(query)),
    findLogs: read((query) => reader.findLogs(query)),
    findMetrics: read((query) => reader.findMetrics(query)),
    oldestTraceStart: read((rank) => reader.oldestTraceStart(rank)),
    storedBytes: read(() => reader.storedBytes()),
    counts: read(({ project }) => reader.counts(project)),
    findAnnotations: read((query) => notes.find(query)),
    getTraceLinks: read(({ project, traceId }) => links.get(project, traceId)),
    findLinkedTraces: read((query) => links.find(query)),
    traceStats: read((query) => readTraceStats(analytics, query)),
    groupedAnalytics: read((query) => readGroupedAnalytics(analytics, query)),
    services: read((query) => readServices(analytics, query)),
    serviceDependencies: read((query) => readDependencies(analytics, query)),
    recordCounts: read((query) => readRecordCounts(analytics, query)),
  };
}
