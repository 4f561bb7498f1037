import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface CaptureServer {
  url: string;
  requests: CapturedRequest[];
  /** Resolves once a request has arrived on `path`. */
  waitFor(path: string): Promise<CapturedRequest>;
  close(): Promise<void>;
}

/** A local HTTP server that answers 200 `{}` to everything and keeps what it received. */
export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const waiting: { path: string; resolve: (request: CapturedRequest) => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method!,
        path: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(request);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      for (const waiter of waiting.filter((w) => w.path === request.path)) waiter.resolve(request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    waitFor(path) {
      const arrived = requests.find((request) => request.path === path);
      if (arrived !== undefined) return Promise.resolve(arrived);
      return new Promise((resolve) => waiting.push({ path, resolve }));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
