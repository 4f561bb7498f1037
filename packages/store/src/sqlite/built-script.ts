import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The file of a script that runs on a thread or in a process of its own, resolved from the
 * package's exports, so that it is the built one whether the caller runs built or from its
 * TypeScript source (under vitest): neither a worker nor a child process starts on a `.ts` file.
 * @param what names the script in the error.
 * @param otherwise another way out, appended to the error's advice (`, or …`).
 * @throws Error saying what to do when it is not built.
 */
export function builtScript(specifier: string, what: string, otherwise = ''): string {
  let script: string | null = null;
  try {
    script = createRequire(import.meta.url).resolve(specifier);
  } catch {
    // Reported below, with what to do.
  }
  if (script === null || !existsSync(script)) {
    throw new Error(`${what} (${specifier}) is not built: run \`npx tsc -b\`${otherwise}`);
  }
  return script;
}
