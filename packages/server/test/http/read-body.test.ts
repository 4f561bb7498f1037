import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SextantError } from '../../src/errors.js';
import { readBody } from '../../src/http/read-body.js';

const limits = { maxBodyBytes: 64 * 1024, maxDecompressedBytes: 256 * 1024 };

/** A real HTTP server whose handler reads the body and reports what readBody made of it. */
let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    readBody(req, limits).then(
      (body) =>
        res.end(JSON.stringify({ ok: true, length: body.length, text: body.subarray(0, 32).toString() })),
      (error: SextantError) => res.end(JSON.stringify({ ok: false, code: error.code })),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

function send(body: Buffer, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { port, method: 'POST', headers: { 'content-length': String(body.length), ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(JSON.parse(text)));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('readBody', () => {
  it('reads a plain body', async () => {
    expect(await send(Buffer.from('hello'))).toEqual({ ok: true, length: 5, text: 'hello' });
  });

  it('inflates gzip', async () => {
    const body = gzipSync(Buffer.from('x'.repeat(100_000)));
    expect(await send(body, { 'content-encoding': 'gzip' })).toMatchObject({ ok: true, length: 100_000 });
  });

  it('stops a gzip bomb at the decompressed limit', async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024)); // 10 MiB of zeros in about 10 KiB
    expect(bomb.length).toBeLessThan(limits.maxBodyBytes);
    expect(await send(bomb, { 'content-encoding': 'gzip' })).toEqual({
      ok: false,
      code: 'SEXTANT_ERR_BODY_TOO_LARGE',
    });
  });

  it('refuses a body over the raw limit', async () => {
    expect(await send(Buffer.alloc(limits.maxBodyBytes + 1))).toEqual({
      ok: false,
      code: 'SEXTANT_ERR_BODY_TOO_LARGE',
    });
  });

  it('refuses broken gzip and unknown encodings', async () => {
    expect(await send(Buffer.from('not gzip'), { 'content-encoding': 'gzip' })).toEqual({
      ok: false,
      code: 'SEXTANT_ERR_INVALID_GZIP',
    });
    expect(await send(Buffer.from('x'), { 'content-encoding': 'br' })).toEqual({
      ok: false,
      code: 'SEXTANT_ERR_UNSUPPORTED_ENCODING',
    });
  });
});
