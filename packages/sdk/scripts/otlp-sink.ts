import { type ChildProcess, spawn } from 'node:child_process';

/** An OTLP/HTTP receiver that only drains and acknowledges, in its own process, so it costs this one nothing. */
const SINK_SOURCE = `
const http = require('node:http');
let requests = 0;
let bytes = 0;
const server = http.createServer((req, res) => {
  req.on('data', (chunk) => { bytes += chunk.length; });
  req.on('end', () => {
    requests++;
    res.writeHead(200, { 'content-type': req.headers['content-type'] || 'application/x-protobuf' });
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write('port ' + server.address().port + '\\n'));
process.on('SIGTERM', () => { process.stdout.write('received ' + requests + ' ' + bytes + '\\n'); process.exit(0); });
`;

export interface OtlpSink {
  url: string;
  /** Stops the sink: how many requests and bytes it received. */
  stop(): Promise<{ requests: number; bytes: number }>;
}

export function startOtlpSink(): Promise<OtlpSink> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SINK_SOURCE], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the OTLP sink exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /port (\d+)/.exec(output)?.[1];
      if (port === undefined) return;
      child.stdout!.removeAllListeners('data');
      child.removeAllListeners('exit');
      resolve({
        url: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise((done) => {
            let summary = '';
            child.stdout!.on('data', (more: Buffer) => {
              summary += more.toString();
            });
            child.once('exit', () => {
              const [, requests, bytes] = /received (\d+) (\d+)/.exec(summary) ?? [];
              done({ requests: Number(requests ?? 0), bytes: Number(bytes ?? 0) });
            });
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
