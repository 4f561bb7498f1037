import type { Span } from '@sextant/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, POSTGRES_SCHEMA_VERSION, type Store } from '../../src/index.js';
import { migratePostgres } from '../../src/postgres/migrations.js';
import { arrivalsOf } from '../contract/arrivals.js';
import { agentRunSpans, agentRunSummary } from '../contract/fixtures/rollup-traces.js';
import { EPOCH } from '../contract/fixtures/span-builder.js';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster.js';

/*
 * Several Sextant instances on one database: each store here has a pool of its own, as a
 * separate process would, and they start, write and read at the same time.
 */

const TRACES = 12;
const SPANS_PER_TRACE = agentRunSpans('count').length;

let cluster: PostgresCluster;

beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  await cluster.destroy();
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('starting at once', () => {
  it('migrates a new database once, whichever instance gets there first', async () => {
    const url = await cluster.createDatabase('starting');
    const stores = await Promise.all(Array.from({ length: 5 }, () => openPostgresStore({ url })));
    await Promise.all(stores.map((store) => store.close()));
    const versions = await query<{ version: number }>(
      url,
      'SELECT version FROM sextant_migrations ORDER BY 1',
    );
    expect(versions.map((row) => row.version)).toEqual(
      Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, index) => index + 1),
    );
  });

  it('refuses a database from a newer Sextant', async () => {
    const url = await cluster.createDatabase('newer');
    await (await openPostgresStore({ url })).close();
    await query(
      url,
      "INSERT INTO sextant_migrations (version, description) VALUES (1000, 'from the future')",
    );
    await expect(openPostgresStore({ url })).rejects.toThrow(/newer than this Sextant/);
  });

  it('leaves the database as it was when a step fails', async () => {
    const url = await cluster.createDatabase('failing');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const steps = [
        { version: 1, description: 'a table', sql: 'CREATE TABLE first_step (id integer)' },
        { version: 2, description: 'a broken step', sql: 'CREATE TABLE broken (' },
      ];
      await expect(migratePostgres(client, steps)).rejects.toThrow();
      const tables = await client.query("SELECT 1 FROM pg_tables WHERE tablename = 'first_step'");
      expect(tables.rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });
});

describe('two instances writing the same traces', () => {
  let first: Store;
  let second: Store;
  const projects = Array.from({ length: TRACES }, (_, index) => `instances-${index}`);

  beforeAll(async () => {
    const url = await cluster.createDatabase('writing');
    [first, second] = await Promise.all([openPostgresStore({ url }), openPostgresStore({ url })]);
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  /** Every trace's spans as one of its arrivals, the batches of all traces interleaved. */
  function interleavedBatches(): Span[][] {
    const perTrace = projects.map((project, index) => {
      const arrivals = arrivalsOf(agentRunSpans(project));
      return arrivals[index % arrivals.length]!.batches;
    });
    const batches: Span[][] = [];
    for (let round = 0; perTrace.some((trace) => round < trace.length); round++) {
      for (const trace of perTrace) if (round < trace.length) batches.push(trace[round]!);
    }
    // Pairs of batches share a write, so that one write holds spans of two traces.
    return batches.map((batch, index) =>
      index % 2 === 0 ? [...batch, ...(batches[index + 1] ?? [])] : batch,
    );
  }

  it('merges every span into its trace, counting each once, whichever instance took it', async () => {
    const batches = interleavedBatches();
    const results = await Promise.all(
      batches.map((batch, index) =>
        (index % 2 === 0 ? first : second).write({ spans: batch, logs: [], metrics: [] }),
      ),
    );
    const written = results.reduce((sum, result) => sum + result.spansWritten, 0);
    expect(written).toBe(TRACES * SPANS_PER_TRACE);
    for (const store of [first, second]) {
      for (const project of projects) {
        const expected = agentRunSummary(project);
        const stored = await store.getTrace({ project, traceId: expected.traceId });
        expect(stored?.summary).toEqual(expected);
        expect(stored?.spans).toHaveLength(SPANS_PER_TRACE);
        expect(await store.counts({ project })).toMatchObject({ traces: 1, spans: SPANS_PER_TRACE });
      }
    }
  });

  it('reads the same analytics from either instance', async () => {
    const query = {
      projects,
      from: EPOCH - 60_000_000_000n,
      to: EPOCH + 60_000_000_000n,
      groupBy: { dimension: 'project' as const },
      bucket: null,
      rankBy: 'count' as const,
      limit: TRACES,
      percentiles: true,
    };
    const fromFirst = await first.groupedAnalytics(query);
    expect(fromFirst.groupCount).toBe(TRACES);
    expect(fromFirst.total.count).toBe(TRACES * SPANS_PER_TRACE);
    expect(fromFirst.groups.every((group) => group.measures.count === SPANS_PER_TRACE)).toBe(true);
    expect(await second.groupedAnalytics(query)).toEqual(fromFirst);
    const stats = { projects, from: query.from, to: query.to, limit: 10 };
    const firstStats = await first.traceStats(stats);
    expect(firstStats.traces.stored).toBe(TRACES);
    expect(await second.traceStats(stats)).toEqual(firstStats);
  });

  it('stores a span sent to both at once only once', async () => {
    const project = 'instances-retried';
    const spans = agentRunSpans(project);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        (index % 2 === 0 ? first : second).write({ spans, logs: [], metrics: [] }),
      ),
    );
    expect(results.reduce((sum, result) => sum + result.spansWritten, 0)).toBe(spans.length);
    const expected = agentRunSummary(project);
    expect((await second.getTrace({ project, traceId: expected.traceId }))?.summary).toEqual(expected);
  });

  it('sees one instance deleting what the other wrote', async () => {
    const project = projects[0]!;
    const { traceId } = agentRunSummary(project);
    expect(await second.deleteTraces({ project, traceIds: [traceId] })).toEqual({ deleted: 1 });
    expect(await first.getTrace({ project, traceId })).toBeNull();
    expect(await first.deleteTraces({ project, traceIds: [traceId] })).toEqual({ deleted: 0 });
  });
});
