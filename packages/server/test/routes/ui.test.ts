import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

const INDEX = '<!doctype html><title>Sextant</title><div id="root"></div>';
const SCRIPT = 'console.log("ui")';

/** A server whose UI directory (`--ui-dir`) is `prepare`d by the test. */
async function serverWithUi(prepare: (directory: string) => void): Promise<TestServer & { uiDir: string }> {
  const uiDir = mkdtempSync(join(tmpdir(), 'sextant-ui-'));
  prepare(uiDir);
  const server = await startTestServer((config) => {
    config.store.driver = 'memory';
    config.uiDir = uiDir;
  });
  return {
    ...server,
    uiDir,
    async stop() {
      await server.stop();
      rmSync(uiDir, { recursive: true, force: true });
    },
  };
}

describe('the built UI at /', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serverWithUi((directory) => {
      writeFileSync(join(directory, 'index.html'), INDEX);
      writeFileSync(join(directory, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
      mkdirSync(join(directory, 'assets'));
      writeFileSync(join(directory, 'assets', 'index-1a2b3c.js'), SCRIPT);
    });
  });
  afterAll(() => server.stop());

  const get = (url: string) => server.app.inject({ method: 'GET', url });

  it('serves index.html at / with a content security policy that forbids inline scripts', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toBe(INDEX);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('answers index.html for the paths of the client-side router, query strings included', async () => {
    for (const url of [
      '/traces',
      '/traces/5b8efff798038103d269b633813fc60c?span=eee19b7ec3c1b174',
      '/dashboard',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toBe(INDEX);
    }
  });

  it('serves the hashed assets as immutable, and other files uncached', async () => {
    const asset = await get('/assets/index-1a2b3c.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe(SCRIPT);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
    const icon = await get('/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers a JSON 404 for unknown API paths and missing files, never index.html', async () => {
    for (const url of [
      '/api/nothing-here',
      '/api/traces/x/y/z',
      '/v1/unknown',
      '/assets/gone.js',
      '/v1/traces',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code, url).toBe('SEXTANT_ERR_NOT_FOUND');
    }
  });

  it('never reads outside the build', async () => {
    for (const url of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json']) {
      const response = await get(url);
      expect(response.body, url).not.toContain('"name"');
    }
  });

  it('leaves the API, health and ingest routes their own answers', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    const traces = await get('/api/traces');
    expect(traces.statusCode).toBe(200);
    expect(traces.json()).toEqual({ traces: [], nextCursor: null });
    const post = await server.app.inject({ method: 'POST', url: '/', payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.json().error.code).toBe('SEXTANT_ERR_NOT_FOUND');
  });
});

describe('without a built UI', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serverWithUi(() => {});
  });
  afterAll(() => server.stop());

  it('says at / how to build it, and the API still answers', async () => {
    const page = await server.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('npm run build');
    const deepLink = await server.app.inject({ method: 'GET', url: '/traces' });
    expect(deepLink.body).toContain('npm run build');
    const api = await server.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(api.json().error.code).toBe('SEXTANT_ERR_NOT_FOUND');
  });
});
