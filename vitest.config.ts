import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources under test, so a test never runs
  // against a stale build of a sibling package.
  resolve: { conditions: ['sextant-source'] },
  ssr: { resolve: { conditions: ['sextant-source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'packages/ui/test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
