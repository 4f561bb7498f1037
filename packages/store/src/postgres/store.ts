import { StoreClosedError } from '../errors.js';
import type { Store } from '../store.js';
import {
  postgresDependencies,
  postgresGroupedAnalytics,
  postgresRecordCounts,
  postgresServices,
  postgresTraceStats,
} from './analytics.js';
import { PostgresAnalyticsSource } from './analytics-source.js';
import { PostgresAnnotations } from './annotations.js';
import { openPool, type PostgresConnectionOptions, withClient } from './connection.js';
import { migratePostgres } from './migrations.js';
import { PostgresReader } from './reader.js';
import { PostgresRecordDecoder } from './record-decoder.js';
import { PostgresRemoval } from './removal.js';
import { searchPostgresText } from './text-search.js';
import { PostgresTraceLinks } from './trace-links.js';
import { PostgresTraceSearch } from './trace-search.js';
import { classifyPostgresError } from './write-errors.js';
import { PostgresWriter } from './writer.js';

export type PostgresStoreOptions = PostgresConnectionOptions;

/**
 * Opens a store on a PostgreSQL database, migrating its schema first (several instances may
 * start at once on one database: they take turns). Every instance on the database sees every
 * other's writes as soon as they commit, and writes of the same traces by several instances at
 * once merge exactly. Connections come from a pool; when the server goes away, calls fail (writes
 * as `connection` failures) until it is back, and then succeed again with no restart.
 *
 * @throws RangeError for a bad option, and `pg`'s error when the database cannot be reached or
 * migrated (or is from a newer Sextant).
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  for (const [name, value] of Object.entries({
    maxConnections: options.maxConnections,
    statementTimeoutMs: options.statementTimeoutMs,
    connectTimeoutMs: options.connectTimeoutMs,
  })) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
      throw new RangeError(`${name} must be a positive integer, not ${value}`);
    }
  }
  const pool = openPool(options);
  try {
    await withClient(pool, (client) => migratePostgres(client));
  } catch (error) {
    await pool.end();
    throw error;
  }
  const decoder = new PostgresRecordDecoder();
  const writer = new PostgresWriter(pool);
  const reader = new PostgresReader(pool, decoder);
  const search = new PostgresTraceSearch(pool, decoder);
  const removal = new PostgresRemoval(pool, decoder);
  const notes = new PostgresAnnotations(pool);
  const links = new PostgresTraceLinks(pool);
  const analytics = new PostgresAnalyticsSource(pool, decoder);
  let closed = false;
  /** The call, refused once the store is closed. */
  const open =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (closed) throw new StoreClosedError('postgres');
      return call(...args);
    };
  return {
    driver: 'postgres',
    write: open((batch) => writer.write(batch)),
    getTrace: open(({ project, traceId }) => reader.getTrace(project, traceId)),
    findTraces: open((query) => search.find(query)),
    searchText: open((query) => searchPostgresText(pool, query)),
    findLogs: open((query) => reader.findLogs(query)),
    findMetrics: open((query) => reader.findMetrics(query)),
    addAnnotations: open(({ project, annotations }) => notes.add(project, annotations)),
    findAnnotations: open((query) => notes.find(query)),
    deleteAnnotation: open(({ project, id }) => notes.delete(project, id)),
    linkTrace: open((change) => links.link(change)),
    getTraceLinks: open(({ project, traceId }) => links.get(project, traceId)),
    findLinkedTraces: open((query) => links.find(query)),
    deleteTraces: open(async ({ project, traceIds }) => ({
      deleted: await removal.deleteTraces(project, traceIds),
    })),
    removeOlderThan: open(({ before, limit }) => removal.removeOlderThan(before, limit)),
    oldestTraceStart: open((rank) => reader.oldestTraceStart(rank)),
    storedBytes: open(() => reader.storedBytes()),
    counts: open(({ project }) => reader.counts(project)),
    traceStats: open((query) => postgresTraceStats(analytics, query)),
    groupedAnalytics: open((query) => postgresGroupedAnalytics(analytics, query)),
    services: open((query) => postgresServices(analytics, query)),
    serviceDependencies: open((query) => postgresDependencies(analytics, query)),
    recordCounts: open((query) => postgresRecordCounts(analytics, query)),
    classifyWriteError: classifyPostgresError,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
