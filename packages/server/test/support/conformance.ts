import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The peer test data beside the checkout (see ../shared/conformance/README.md). */
export const CONFORMANCE_DIR = fileURLToPath(new URL('../../../../../shared/conformance/', import.meta.url));

export function conformanceFile(path: string): Buffer {
  return readFileSync(`${CONFORMANCE_DIR}${path}`);
}

export function jaegerFixtureNames(): string[] {
  return readdirSync(`${CONFORMANCE_DIR}jaeger/traces`)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}
