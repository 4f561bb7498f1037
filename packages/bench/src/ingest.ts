import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_INGEST_LIMITS, decodeTraces, type Span } from '@sextant/core';
import { buildTemplates, freshRequest, freshRequests } from './agent-workload.js';
import { bareInsertRate } from './bare-sqlite.js';
import { sendRequests } from './otlp-client.js';
import { cpuSeconds, peakRssBytes, startServer, stopServer } from './server-process.js';
import { quantile } from './stats.js';
import { storeArgs } from './store-args.js';

const { values: args } = parseArgs({
  options: {
    spans: { type: 'string', default: '300000' },
    clients: { type: 'string', default: '4' },
    batch: { type: 'string', default: '512' },
    templates: { type: 'string', default: '32' },
    store: { type: 'string', default: 'sqlite' },
    'postgres-url': { type: 'string' },
    'profile-dir': { type: 'string' },
  },
});
const totalSpans = Number(args.spans);
const clients = Number(args.clients);
const batchSize = Number(args.batch);

async function main() {
  const requests = Math.ceil(totalSpans / batchSize);
  console.log(`building ${args.templates} request templates of ${batchSize} agent spans…`);
  const templates = buildTemplates(Number(args.templates), batchSize);
  const meanBytes = templates.reduce((sum, t) => sum + t.body.length, 0) / templates.length;

  const dataDir = mkdtempSync(join(tmpdir(), 'sextant-bench-'));
  const server = await startServer(
    storeArgs(args.store!, dataDir, args['postgres-url']),
    args['profile-dir'],
  );
  const url = new URL('/v1/traces', server.url);
  try {
    await sendRequests(url, clients, freshRequests(templates, Math.min(20, requests))); // warm-up: JIT, caches, file growth
    console.log(`sending ${requests} requests (${requests * batchSize} spans) from ${clients} clients…`);
    const serverCpuBefore = cpuSeconds(server.child.pid!);
    const clientCpuBefore = process.cpuUsage();
    const run = await sendRequests(url, clients, freshRequests(templates, requests));
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const serverCpu = (cpuSeconds(server.child.pid!) ?? Number.NaN) - (serverCpuBefore ?? Number.NaN);
    const rss = peakRssBytes(server.child.pid!);
    // The PostgreSQL store keeps nothing in the data directory: its size is the database's.
    const diskBytes =
      args.store === 'sqlite'
        ? readdirSync(dataDir).reduce((sum, name) => sum + statSync(join(dataDir, name)).size, 0)
        : null;
    await stopServer(server);

    console.log('measuring the bare better-sqlite3 insert of the same spans…');
    const decoded: Span[][] = [];
    for (let i = 0; i < requests; i++) {
      const body = freshRequest(templates[i % templates.length]!);
      decoded.push(
        decodeTraces(body, 'protobuf', { project: 'default', limits: DEFAULT_INGEST_LIMITS }).spans,
      );
    }
    const bare = bareInsertRate(decoded);

    const rate = run.spans / run.seconds;
    const report = {
      date: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      store: args.store,
      clients,
      batchSize,
      meanRequestKiB: Math.round(meanBytes / 1024),
      spans: run.spans,
      seconds: Number(run.seconds.toFixed(2)),
      spansPerSecond: Math.round(rate),
      ackLatencyMs: {
        p50: Number(quantile(run.latencies, 0.5).toFixed(1)),
        p99: Number(quantile(run.latencies, 0.99).toFixed(1)),
      },
      retries: run.retries,
      serverPeakRssMiB: rss === null ? null : Math.round(rss / 2 ** 20),
      serverCpuPercent: Math.round((serverCpu / run.seconds) * 100),
      clientCpuPercent: Math.round(((clientCpu.user + clientCpu.system) / 1e6 / run.seconds) * 100),
      diskBytesPerSpan:
        diskBytes === null ? null : Math.round(diskBytes / (run.spans + Math.min(20, requests) * batchSize)),
      bareSpansPerSecond: Math.round(bare.spansPerSecond),
      ratioToBare: Number((rate / bare.spansPerSecond).toFixed(2)),
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    if (server.child.exitCode === null) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
