import type { IncomingMessage } from 'node:http';
import { createGunzip, type Gunzip } from 'node:zlib';
import { SextantError } from '../errors.js';

export interface BodyLimits {
  /** Bytes as received (compressed, when the body is). */
  maxBodyBytes: number;
  /** Bytes after decompression: what stops a gzip bomb, long before it is inflated. */
  maxDecompressedBytes: number;
}

function tooLarge(what: string, limit: number): SextantError {
  return new SextantError(
    'SEXTANT_ERR_BODY_TOO_LARGE',
    `request body ${what} is over the limit of ${limit} bytes`,
  );
}

/**
 * Reads a request body, inflating gzip, and stops as soon as either limit is passed: neither a
 * huge upload nor a small bomb that inflates to gigabytes is ever held in memory.
 */
export function readBody(request: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'gzip' && encoding !== 'identity' && encoding !== '') {
    return Promise.reject(
      new SextantError(
        'SEXTANT_ERR_UNSUPPORTED_ENCODING',
        `Content-Encoding '${encoding}' is not supported; use gzip`,
      ),
    );
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
    request.resume(); // let the client finish sending so it can read the answer
    return Promise.reject(tooLarge('as received', limits.maxBodyBytes));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let inflated = 0;
    let settled = false;
    const gunzip: Gunzip | null = encoding === 'gzip' ? createGunzip() : null;

    const finish = (error: SextantError | null) => {
      if (settled) return;
      settled = true;
      if (error) {
        gunzip?.destroy();
        request.unpipe();
        request.resume();
        reject(error);
      } else {
        resolve(Buffer.concat(chunks, inflated));
      }
    };
    const collect = (chunk: Buffer) => {
      inflated += chunk.length;
      if (inflated > limits.maxDecompressedBytes)
        finish(tooLarge('after decompression', limits.maxDecompressedBytes));
      else chunks.push(chunk);
    };

    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBodyBytes) finish(tooLarge('as received', limits.maxBodyBytes));
    });
    request.on('error', (error) => finish(new SextantError('SEXTANT_ERR_INVALID_REQUEST', error.message)));
    if (gunzip) {
      gunzip.on('data', (chunk: Buffer) => {
        if (!settled) collect(chunk);
      });
      gunzip.on('error', (error) =>
        finish(new SextantError('SEXTANT_ERR_INVALID_GZIP', `invalid gzip body: ${error.message}`)),
      );
      gunzip.on('end', () => finish(null));
      request.pipe(gunzip);
    } else {
      request.on('data', (chunk: Buffer) => {
        if (!settled) collect(chunk);
      });
      request.on('end', () => finish(null));
    }
  });
}
