/**
 * How fast `store.write` takes realistic agent spans, in 512-span batches, against the floor of a
 * bare better-sqlite3 insert of the same spans (one prepared statement, one transaction per batch,
 * a table with only an index on trace id, each span as JSON). Two mixes: whole agent runs (LLM
 * calls with multi-KB prompts, tool and HTTP calls), and their tool and HTTP spans alone.
 * Not a test: it prints figures.
 *
 *   npm run bench:write -w @sextant/store            (RUNS=3000 agent runs of 19 spans, 3 rounds)
 *   RUNS=5000 ROUNDS=5 npm run bench:write -w @sextant/store
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Span } from '@sextant/core';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/index.js';
import { agentSpans } from './agent-spans.js';

const BATCH_SIZE = 512;
const RUNS = Number(process.env.RUNS ?? 3000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);

interface Measure {
  spansPerSecond: number;
  bytes: number;
}

function fileBytes(path: string): number {
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(path + suffix).size;
    } catch {
      // No WAL file after a clean close.
    }
  }
  return bytes;
}

function elapsedSeconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function bigintAsString(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

function bareInsert(path: string, batches: Span[][], spanCount: number): Measure {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE spans (project TEXT, trace_id TEXT, span_id TEXT, parent_span_id TEXT, name TEXT,
    service TEXT, start_ns INTEGER, end_ns INTEGER, span TEXT);
    CREATE INDEX spans_by_trace ON spans (trace_id)`);
  const insert = db.prepare('INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const writeBatch = db.transaction((spans: Span[]) => {
    for (const span of spans) {
      insert.run(
        span.project,
        span.traceId,
        span.spanId,
        span.parentSpanId,
        span.name,
        span.service,
        span.startTimeUnixNano,
        span.endTimeUnixNano,
        JSON.stringify(span, bigintAsString),
      );
    }
  });
  const started = process.hrtime.bigint();
  for (const batch of batches) writeBatch(batch);
  const seconds = elapsedSeconds(started);
  const bytes = fileBytes(path);
  db.close();
  return { spansPerSecond: spanCount / seconds, bytes };
}

async function storeWrite(path: string, batches: Span[][], spanCount: number): Promise<Measure> {
  const store = openSqliteStore({ path });
  const started = process.hrtime.bigint();
  for (const spans of batches) await store.write({ spans, logs: [], metrics: [] });
  const seconds = elapsedSeconds(started);
  const bytes = fileBytes(path);
  await store.close();
  return { spansPerSecond: spanCount / seconds, bytes };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function compare(title: string, spans: Span[]): Promise<void> {
  const batches: Span[][] = [];
  for (let start = 0; start < spans.length; start += BATCH_SIZE) {
    batches.push(spans.slice(start, start + BATCH_SIZE));
  }
  console.log(`${title}: ${spans.length} spans in ${batches.length} batches of ${BATCH_SIZE}`);
  const dir = mkdtempSync(join(tmpdir(), 'sextant-bench-'));
  const bare: Measure[] = [];
  const store: Measure[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(bareInsert(join(dir, `bare-${round}.db`), batches, spans.length));
      store.push(await storeWrite(join(dir, `store-${round}.db`), batches, spans.length));
      const [b, s] = [bare.at(-1)!, store.at(-1)!];
      console.log(
        `round ${round + 1}: bare ${b.spansPerSecond.toFixed(0)} spans/s (${(b.bytes / 2 ** 20).toFixed(1)} MiB), ` +
          `store.write ${s.spansPerSecond.toFixed(0)} spans/s (${(s.bytes / 2 ** 20).toFixed(1)} MiB)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const bareRate = median(bare.map((measure) => measure.spansPerSecond));
  const storeRate = median(store.map((measure) => measure.spansPerSecond));
  console.log(
    `median: bare insert ${bareRate.toFixed(0)} spans/s, store.write ${storeRate.toFixed(0)} spans/s, ` +
      `ratio ${(storeRate / bareRate).toFixed(2)}`,
  );
}

const spans = agentSpans('bench', RUNS);
await compare(`${RUNS} agent runs`, spans);
await compare(
  'their tool and HTTP spans only',
  spans.filter((span) => span.llm.spanType !== 'llm'),
);
