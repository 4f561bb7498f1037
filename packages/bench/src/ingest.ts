import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_INGEST_LIMITS, decodeTraces, type Span } from '@sextant/core';
import { buildTemplates, freshRequest, type RequestTemplate } from './agent-workload.js';
import { bareInsertRate } from './bare-sqlite.js';
import { cpuSeconds, peakRssBytes, startServer, stopServer } from './server-process.js';
import { quantile } from './stats.js';

const { values: args } = parseArgs({
  options: {
    spans: { type: 'string', default: '300000' },
    clients: { type: 'string', default: '4' },
    batch: { type: 'string', default: '512' },
    templates: { type: 'string', default: '32' },
    store: { type: 'string', default: 'sqlite' },
    'profile-dir': { type: 'string' },
  },
});
const totalSpans = Number(args.spans);
const clients = Number(args.clients);
const batchSize = Number(args.batch);

interface Post {
  status: number;
  retryAfter: number;
}

function post(url: URL, agent: Agent, body: Buffer): Promise<Post> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/x-protobuf', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, retryAfter: Number(res.headers['retry-after'] ?? 1) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends `requests` fresh requests from `clients` concurrent connections; retries 429/503 as exporters do. */
async function drive(url: URL, templates: RequestTemplate[], requests: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let next = 0;
  let spans = 0;
  let retries = 0;
  const client = async () => {
    while (next < requests) {
      const template = templates[next++ % templates.length]!;
      const body = freshRequest(template);
      for (;;) {
        const started = performance.now();
        const { status, retryAfter } = await post(url, agent, body);
        if (status === 200) {
          latencies.push(performance.now() - started);
          spans += template.spanCount;
          break;
        }
        if (status !== 429 && status !== 503) throw new Error(`ingest answered ${status}`);
        retries += 1;
        await new Promise((r) => setTimeout(r, retryAfter * 1000));
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { seconds, spans, retries, latencies: latencies.sort((a, b) => a - b) };
}

async function main() {
  const requests = Math.ceil(totalSpans / batchSize);
  console.log(`building ${args.templates} request templates of ${batchSize} agent spans…`);
  const templates = buildTemplates(Number(args.templates), batchSize);
  const meanBytes = templates.reduce((sum, t) => sum + t.body.length, 0) / templates.length;

  const dataDir = mkdtempSync(join(tmpdir(), 'sextant-bench-'));
  const server = await startServer(['--store', args.store!, '--data-dir', dataDir], args['profile-dir']);
  const url = new URL('/v1/traces', server.url);
  try {
    await drive(url, templates, Math.min(20, requests)); // warm-up: JIT, caches, file growth
    console.log(`sending ${requests} requests (${requests * batchSize} spans) from ${clients} clients…`);
    const serverCpuBefore = cpuSeconds(server.child.pid!);
    const clientCpuBefore = process.cpuUsage();
    const run = await drive(url, templates, requests);
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const serverCpu = (cpuSeconds(server.child.pid!) ?? Number.NaN) - (serverCpuBefore ?? Number.NaN);
    const rss = peakRssBytes(server.child.pid!);
    const diskBytes = readdirSync(dataDir).reduce((sum, name) => sum + statSync(join(dataDir, name)).size, 0);
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
      diskBytesPerSpan: Math.round(diskBytes / (run.spans + Math.min(20, requests) * batchSize)),
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
