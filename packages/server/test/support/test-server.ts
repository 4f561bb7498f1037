import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig, type SextantConfig } from '../../src/config/resolve-config.js';
import { type RunningServer, startServer } from '../../src/server.js';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Closes the server and deletes its data. */
  stop(): Promise<void>;
}

/** A real server on a free loopback port, with its data in a fresh temporary directory. */
export async function startTestServer(
  tweak: (config: SextantConfig) => void = () => {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sextant-test-'));
  const config = defaultConfig();
  config.port = 0;
  config.dataDir = dataDir;
  tweak(config);
  const server = await startServer(config, { logger: false });
  return {
    ...server,
    dataDir,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
