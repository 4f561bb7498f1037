import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sendRequests } from './otlp-client.js';
import { QUERY_CLASSES, type QueryClass } from './query-classes.js';
import { analyticsPaths } from './query-http.js';
import { measureIngestUnderLoad } from './query-ingest-load.js';
import { CLASS_HEADER, classFigures, classLine, ingestFigures, ingestLine, machine } from './query-report.js';
import { lastDayWindow, WorkloadSampler } from './query-samples.js';
import { measureClass } from './query-timing.js';
import { readManifest, type WorkloadManifest, writeManifest } from './query-workload-manifest.js';
import { runsForAbout } from './query-workload-plan.js';
import { workloadRequests } from './query-workload-record.js';
import { cpuSeconds, startServer, stopServer } from './server-process.js';
import { storeArgs } from './store-args.js';

const { values: args } = parseArgs({
  options: {
    spans: { type: 'string', default: '1000000' },
    clients: { type: 'string', default: '4' },
    batch: { type: 'string', default: '512' },
    seed: { type: 'string', default: '1' },
    iterations: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    'class-seconds': { type: 'string', default: '120' },
    'ingest-spans': { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '1' },
    'data-dir': { type: 'string' },
    reuse: { type: 'boolean', default: false },
    store: { type: 'string', default: 'sqlite' },
    'postgres-url': { type: 'string' },
  },
});
const clients = Number(args.clients);
const batch = Number(args.batch);

/** Generates the workload into the running server and records it beside the database. */
async function generate(base: string, pid: number, dataDir: string) {
  const seed = Number(args.seed);
  const shape = { seed, traces: runsForAbout(seed, Number(args.spans)), ...lastDayWindow(Date.now()) };
  console.log(
    `generating ${shape.traces} agent runs (about ${args.spans} spans) over the last 24 hours, ` +
      `from ${clients} clients…`,
  );
  const cpuBefore = cpuSeconds(pid);
  const sent = await sendRequests(new URL('/v1/traces', base), clients, workloadRequests(shape, batch));
  const serverCpu = (cpuSeconds(pid) ?? Number.NaN) - (cpuBefore ?? Number.NaN);
  const generation = {
    spans: sent.spans,
    seconds: Number(sent.seconds.toFixed(1)),
    spansPerSecond: Math.round(sent.spans / sent.seconds),
    retries: sent.retries,
    serverCpuPercent: Math.round((serverCpu / sent.seconds) * 100),
  };
  console.log(
    `generated ${generation.spans} spans in ${generation.seconds} s: ${generation.spansPerSecond} spans/s ` +
      `(server CPU ${generation.serverCpuPercent} %, ${generation.retries} retries)`,
  );
  const manifest: WorkloadManifest = { ...shape, spans: sent.spans, generatedAt: new Date().toISOString() };
  writeManifest(dataDir, manifest);
  return { manifest, generation };
}

/** The data directory, checked against `--reuse`, and whether it is ours to delete. */
function dataDirectory(): { dataDir: string; temporary: boolean } {
  const given = args['data-dir'];
  if (given === undefined) {
    if (args.reuse) throw new Error('--reuse needs --data-dir');
    return { dataDir: mkdtempSync(join(tmpdir(), 'sextant-bench-query-')), temporary: true };
  }
  if (!args.reuse && existsSync(given) && readdirSync(given).length > 0) {
    throw new Error(
      `${given} is not empty: pass --reuse to query the workload it holds, or an empty directory`,
    );
  }
  mkdirSync(given, { recursive: true });
  return { dataDir: given, temporary: false };
}

async function measureClasses(base: string, manifest: WorkloadManifest) {
  console.log(`\n${CLASS_HEADER}`);
  const figures = [];
  const available: QueryClass[] = [];
  const problems: string[] = [];
  for (const [stream, queryClass] of QUERY_CLASSES.entries()) {
    const outcome = await measureClass(base, queryClass, new WorkloadSampler(manifest, stream), {
      warmup: Number(args.warmup),
      iterations: Number(args.iterations),
      budgetMs: Number(args['class-seconds']) * 1000,
    });
    const line = classFigures(queryClass, outcome);
    console.log(classLine(line));
    figures.push(line);
    if (outcome.kind === 'measured') {
      available.push(queryClass);
      problems.push(...outcome.problems.map((problem) => `${queryClass.name}: ${problem}`));
    }
  }
  return { figures, available, problems };
}

async function main() {
  const { dataDir, temporary } = dataDirectory();
  const reused = args.reuse ? readManifest(dataDir) : undefined;
  const server = await startServer(storeArgs(args.store!, dataDir, args['postgres-url']));
  try {
    const { manifest, generation } = reused
      ? { manifest: reused, generation: null }
      : await generate(server.url, server.child.pid!, dataDir);
    console.log(
      `workload: ${manifest.spans} spans in ${manifest.traces} traces, seed ${manifest.seed}, ` +
        `generated ${manifest.generatedAt}, in ${dataDir}`,
    );
    const paths = await analyticsPaths(server.url);
    console.log(
      `analytics endpoints in /api/openapi.json: ${typeof paths === 'string' ? paths : paths.join(', ') || 'none'}`,
    );

    const classes = await measureClasses(server.url, manifest);
    const loadClasses = classes.available.filter((queryClass) => queryClass.readLoad);
    if (loadClasses.length === 0)
      throw new Error('no search or analytics class answers: nothing to load ingest with');
    console.log(
      `\nmeasuring ingest of ${args['ingest-spans']} spans idle, then under a loop of: ` +
        `${loadClasses.map((queryClass) => queryClass.name).join(', ')}…`,
    );
    const loadSample = new WorkloadSampler(manifest, QUERY_CLASSES.length);
    let next = 0;
    const ingest = ingestFigures(
      await measureIngestUnderLoad(
        server.url,
        { spans: Number(args['ingest-spans']), clients, batch, rounds: Number(args.rounds) },
        () => loadClasses[next++ % loadClasses.length]!.request(loadSample),
      ),
    );
    console.log(ingestLine(ingest));

    const report = {
      date: new Date().toISOString(),
      machine: machine(),
      store: args.store,
      workload: { spans: manifest.spans, traces: manifest.traces, seed: manifest.seed, generation },
      iterations: Number(args.iterations),
      classes: classes.figures,
      ingestUnderLoad: ingest,
    };
    console.log(JSON.stringify(report, null, 2));
    if (classes.problems.length > 0) {
      console.error(
        `\nFAILED: ${classes.problems.length} answers were errors or empty, which the workload rules out:`,
      );
      for (const problem of classes.problems.slice(0, 20)) console.error(`  ${problem}`);
      process.exitCode = 1;
    }
  } finally {
    if (server.child.exitCode === null) await stopServer(server);
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
