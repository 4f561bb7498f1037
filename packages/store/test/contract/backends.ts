import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore, openSqliteStore, type Store } from '../../src/index.js';

/** What the contract checks beyond the rules every backend keeps; a backend may lack some. */
export const CAPABILITIES = ['durability'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface Backend {
  name: string;
  /** Capabilities this backend does not have: their checks do not run for it. */
  lacks: readonly Capability[];
  /** Opens the store kept in `dir` (a fresh temporary directory per test file). */
  open(dir: string): Store;
}

export const BACKENDS: readonly Backend[] = [
  {
    name: 'memory',
    lacks: ['durability'],
    open: () => createMemoryStore({ maxTraces: 100_000, maxSpansPerTrace: 100_000 }),
  },
  {
    name: 'sqlite',
    lacks: [],
    open: (dir) => openSqliteStore({ path: join(dir, 'sextant.db') }),
  },
];

export function has(backend: Backend, capability: Capability): boolean {
  return !backend.lacks.includes(capability);
}

/** A temporary directory, and how to remove it. */
export function temporaryDirectory(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-store-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
