import { Agent, request } from 'node:http';

/** One OTLP/protobuf export request and the number of spans it carries. */
export interface OtlpRequest {
  body: Buffer;
  spanCount: number;
}

export interface SendResult {
  seconds: number;
  /** Spans acknowledged with a `200`. */
  spans: number;
  retries: number;
  /** Milliseconds from sending a request to its `200`, sorted. */
  latencies: number[];
}

/** How long a request is retried while the server keeps refusing it, before the run gives up. */
const MAX_RETRY_MS = 60_000;

interface Post {
  status: number;
  retryAfter: number;
}

function post(url: URL, agent: Agent, body: Buffer, headers: Record<string, string>): Promise<Post> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-type': 'application/x-protobuf', 'content-length': body.length },
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

/**
 * Sends the requests `next` hands out (until it answers `undefined`) to the OTLP endpoint `url`
 * from `clients` concurrent keep-alive connections, retrying 429/503 as exporters do (for a
 * minute at most).
 */
export async function sendRequests(
  url: URL,
  clients: number,
  next: () => OtlpRequest | undefined,
  headers: Record<string, string> = {},
): Promise<SendResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let spans = 0;
  let retries = 0;
  const client = async () => {
    for (let item = next(); item !== undefined; item = next()) {
      const first = performance.now();
      for (;;) {
        const started = performance.now();
        const { status, retryAfter } = await post(url, agent, item.body, headers);
        if (status === 200) {
          latencies.push(performance.now() - started);
          spans += item.spanCount;
          break;
        }
        if (status !== 429 && status !== 503) throw new Error(`ingest answered ${status}`);
        if (performance.now() - first > MAX_RETRY_MS) {
          throw new Error(`ingest kept answering ${status} for ${MAX_RETRY_MS / 1000} s`);
        }
        retries += 1;
        await new Promise((r) => setTimeout(r, retryAfter * 1000));
      }
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: clients }, client));
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, spans, retries, latencies: latencies.sort((a, b) => a - b) };
}
