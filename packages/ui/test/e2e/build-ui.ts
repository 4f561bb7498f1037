import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const UI_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the UI from its sources into a directory of its own, as `npm run build` does into
 * dist/: the end-to-end tests never run against a stale build, nor write the real one.
 */
export async function buildUi(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'sextant-ui-build-'));
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: UI_ROOT,
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}
