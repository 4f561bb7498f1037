import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envVarOf, OPTION_SPECS } from '../src/config/options.js';
import { ERROR_CODES } from '../src/errors.js';
import { openApiDocumentOf } from './support/openapi-routes.js';
import { startTestServer } from './support/test-server.js';

const docs = (name: string) => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');

/** The rows of the table under `## heading` whose first cell is a back-quoted name. */
function tableRows(markdown: string, heading: string): string[][] {
  const section = markdown.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('docs/api.md', () => {
  it('lists exactly the error codes of the registry, with their statuses', () => {
    const rows = tableRows(docs('api.md'), 'Errors');
    const documented = Object.fromEntries(
      rows.map(([code, status]) => [code!.replaceAll('`', ''), Number(status)]),
    );
    const registry = Object.fromEntries(
      Object.entries(ERROR_CODES).map(([code, { status }]) => [code, status]),
    );
    expect(documented).toEqual(registry);
  });
});

describe('docs/api.md and the OpenAPI document', () => {
  it('names every path of the document, as `/path` or `METHOD /path`', async () => {
    const server = await startTestServer((config) => {
      config.store.driver = 'memory';
    });
    try {
      // Paths in code spans: `/path`, `GET /path`, `GET /path?query`.
      const named = new Set(
        [...docs('api.md').matchAll(/`(?:[A-Z]+ )?(\/[^`?\s]*)/g)].map((match) => match[1]),
      );
      const { paths } = await openApiDocumentOf(server.app);
      expect(Object.keys(paths).filter((path) => !named.has(path))).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});

describe('docs/configuration.md', () => {
  it('lists exactly the options of `sextant serve`, with their variables', () => {
    const markdown = docs('configuration.md');
    const rows = markdown
      .split('\n')
      .filter((line) => line.startsWith('| `--'))
      .map((line) =>
        line
          .split('|')
          .slice(1, 3)
          .map((cell) => cell.trim().replaceAll('`', '')),
      );
    expect(rows).toEqual(OPTION_SPECS.map((spec) => [`--${spec.flag}`, envVarOf(spec.flag)]));
  });
});
