import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors.js';
import {
  type OpenApiDocument,
  openApiDocumentOf,
  operationsOf,
  routesOf,
} from '../support/openapi-routes.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const serverPackage = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('GET /api/openapi.json', () => {
  let server: TestServer;
  let document: OpenApiDocument;

  beforeAll(async () => {
    server = await startTestServer();
    document = await openApiDocumentOf(server.app);
  });
  afterAll(() => server.stop());

  it('is a valid OpenAPI 3 document, titled Sextant, at the server package version', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('Sextant');
    expect(document.info.version).toBe(serverPackage.version);
    expect(document.info.description.length).toBeGreaterThan(0);
  });

  it('lists every route of the server, itself included', () => {
    const routes = routesOf(server.app);
    expect(routes).toContain('GET /api/openapi.json');
    expect(routes).toContain('POST /v1/traces');
    expect(operationsOf(document)).toEqual(routes);
  });

  it('describes both encodings of OTLP ingest, asked and answered', () => {
    for (const signal of ['traces', 'logs', 'metrics']) {
      const { requestBody, responses } = document.paths[`/v1/${signal}`]!.post!;
      const media = ['application/x-protobuf', 'application/protobuf', 'application/json'];
      expect(Object.keys(requestBody!.content)).toEqual(media);
      for (const status of ['200', '4XX', '5XX'])
        expect(Object.keys(responses[status]!.content!)).toEqual(media);
    }
  });

  it('describes errors with the shared error body, whose code is a registered one', () => {
    const shared = '#/components/schemas/ErrorResponse';
    expect(document.components.schemas.ErrorResponse!.properties.error.properties.code.enum).toEqual(
      Object.keys(ERROR_CODES),
    );
    const sql = document.paths['/api/sql']!.post!.responses;
    for (const status of ['400', '403', '404', '429', '5XX'])
      expect(sql[status]!.content!['application/json']!.schema!.$ref).toBe(shared);
    // A route that describes no error answer gets the error handler's.
    const health = document.paths['/healthz']!.get!.responses;
    for (const status of ['4XX', '5XX'])
      expect(health[status]!.content!['application/json']!.schema!.$ref).toBe(shared);
  });

  it("describes /readyz's 503 with the readiness body it sends, which is no error", async () => {
    const readyz = document.paths['/readyz']!.get!.responses;
    expect(readyz['503']).toEqual(readyz['200']);
    expect(readyz['503']!.content!['application/json']!.schema!.$ref).toBeUndefined();
    const response = await server.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.json()).toEqual({ status: 'ready', reasons: [], pressure: 'ok' });
  });

  it('is served over HTTP too', async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(document);
  });
});
