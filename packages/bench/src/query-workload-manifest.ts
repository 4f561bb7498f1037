import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkloadShape } from './query-workload-plan.js';

/** Written beside the database once a workload is fully stored, so that `--reuse` can rebuild it. */
const MANIFEST_FILE = 'bench-query-workload.json';

export interface WorkloadManifest extends WorkloadShape {
  spans: number;
  generatedAt: string;
}

const NUMBER_FIELDS = ['seed', 'traces', 'windowStartMs', 'windowEndMs', 'spans'] as const;

export function writeManifest(dataDir: string, manifest: WorkloadManifest): void {
  writeFileSync(join(dataDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The workload stored in `dataDir`; throws when there is none (it was not generated, or not to the end). */
export function readManifest(dataDir: string): WorkloadManifest {
  const path = join(dataDir, MANIFEST_FILE);
  if (!existsSync(path)) {
    throw new Error(`${dataDir} holds no complete query workload (no ${MANIFEST_FILE}): run without --reuse`);
  }
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as WorkloadManifest;
  for (const field of NUMBER_FIELDS) {
    if (!Number.isFinite(manifest[field])) throw new Error(`${path}: ${field} is not a number`);
  }
  return manifest;
}
