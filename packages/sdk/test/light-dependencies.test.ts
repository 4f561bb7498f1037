import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SDK_SCOPE } from '../src/setup/sdk-state.js';

const SDK_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
/** `import … from '…';` and `export … from '…';`, over several lines. */
const STATIC_IMPORT = /^(?:import|export)\s[^;]*?\bfrom\s+'([^']+)';/gms;

/** What an application importing the SDK must never pull in. */
const FORBIDDEN = [
  '@sextant/store',
  '@sextant/server',
  'fastify',
  'express',
  'better-sqlite3',
  'pg',
  'mysql2',
  '@clickhouse/client',
];

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The package a bare import specifier names (`@scope/name/sub` → `@scope/name`). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** Where Node would find `name` from a package in `fromDir`: its own node_modules, then each parent's. */
function installedDir(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === dirname(dir)) return null;
  }
}

describe('the SDK stays light', () => {
  const manifest = readPackage(SDK_DIR);

  it('declares no store, server, web framework or database driver as a runtime dependency', () => {
    const runtime = Object.keys({
      ...manifest.dependencies,
      ...manifest.peerDependencies,
      ...manifest.optionalDependencies,
    });
    expect(runtime.filter((name) => FORBIDDEN.includes(name))).toEqual([]);
  });

  it('imports, in its sources, only Node built-ins and its declared dependencies', () => {
    const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }));
    const builtins = new Set(builtinModules);
    const undeclared: string[] = [];
    const imported = new Set<string>();
    for (const file of sourceFiles(join(SDK_DIR, 'src'))) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
        if (specifier!.startsWith('.')) continue;
        const name = packageOf(specifier!);
        imported.add(name);
        if (!builtins.has(name.replace(/^node:/, '')) && !declared.has(name))
          undeclared.push(`${file}: ${specifier}`);
      }
    }
    expect(undeclared).toEqual([]);
    expect([...imported]).toEqual(
      expect.arrayContaining(['@opentelemetry/api', '@sextant/core', 'node:http']),
    );
  });

  it('pulls in none of them through its installed dependency closure', () => {
    const seen = new Map<string, string>();
    const pending: [string, string][] = Object.keys({
      ...manifest.dependencies,
      ...manifest.peerDependencies,
    }).map((name) => [name, SDK_DIR]);
    while (pending.length > 0) {
      const [name, fromDir] = pending.pop()!;
      const dir = installedDir(name, fromDir);
      if (dir === null || seen.has(dir)) continue;
      seen.set(dir, name);
      const installed = readPackage(dir);
      for (const dependency of Object.keys({ ...installed.dependencies, ...installed.peerDependencies })) {
        pending.push([dependency, dir]);
      }
    }
    const closure = new Set(seen.values());
    expect(closure.has('@sextant/core')).toBe(true);
    expect(closure.has('@opentelemetry/sdk-trace-base')).toBe(true);
    expect(FORBIDDEN.filter((name) => closure.has(name))).toEqual([]);
  });

  it('names its instrumentation scope after the package', () => {
    expect(SDK_SCOPE).toEqual({ name: manifest.name, version: manifest.version });
  });
});
