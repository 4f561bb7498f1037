import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on a free loopback port; returns the base URL and a close function. */
export async function listen(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const REMOTE_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
export const REMOTE_SPAN_ID = '00f067aa0ba902b7';
export const REMOTE_TRACEPARENT = `00-${REMOTE_TRACE_ID}-${REMOTE_SPAN_ID}-01`;

/** Resolves once the collector holds a span with this name (server spans end after the response is sent). */
export async function waitForSpan<T extends { spans: readonly { name: string }[] }>(
  collector: T,
  name: string,
): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (collector.spans.some((span) => span.name === name)) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(
    `no span named ${name} arrived; have ${collector.spans.map((span) => span.name).join(', ')}`,
  );
}
