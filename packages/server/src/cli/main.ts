#!/usr/bin/env node
import { ConfigError, resolveConfig, serveHelp } from '../config/resolve-config.js';
import { startServer } from '../server.js';

const USAGE = `Usage: sextant <command> [options]

Commands:
  serve     start the Sextant server (sextant serve --help for its options)
  demo      send a realistic stream of agent traces to a running server (sextant demo --help)

Sextant is a self-hosted, OpenTelemetry-native trace store for LLM applications.`;

async function serve(args: string[]): Promise<number> {
  const { help, config } = resolveConfig(args, process.env);
  if (help) {
    console.log(serveHelp());
    return 0;
  }
  const server = await startServer(config);
  // Printed whatever the log level: it is the one line a person starting Sextant needs.
  const where = config.store.driver === 'sqlite' ? ` in ${config.dataDir}` : '';
  console.log(
    `Sextant is listening on ${server.url} (store: ${config.store.driver}${where}); ` +
      `send OTLP with OTEL_EXPORTER_OTLP_ENDPOINT=${server.url}`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      server.app.log.info(`${signal}: shutting down gracefully`);
      server.close().then(resolve, (error: unknown) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

async function demo(args: string[]): Promise<number> {
  // Loaded on demand: serving never needs the OpenTelemetry SDK the demo records with.
  const { DEMO_HELP, DemoUsageError, parseDemoArgs, runDemo } = await import('./demo/demo-command.js');
  let settings: ReturnType<typeof parseDemoArgs>;
  try {
    settings = parseDemoArgs(args, process.env);
  } catch (error) {
    if (!(error instanceof DemoUsageError)) throw error;
    console.error(`sextant demo: ${error.message}\nRun 'sextant demo --help' for the options.`);
    return 2;
  }
  if (settings === 'help') {
    console.log(DEMO_HELP);
    return 0;
  }
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  return runDemo(settings, stop.signal);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'serve') return serve(rest);
  if (command === 'demo') return demo(rest);
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  console.error(`sextant: unknown command '${command}'\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(`sextant: ${error.message}\nRun 'sextant serve --help' for the options.`);
      process.exitCode = 2;
    } else {
      console.error('sextant: failed to start:', error);
      process.exitCode = 1;
    }
  },
);
