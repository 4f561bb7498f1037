import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A throwaway PostgreSQL cluster of this test process: its own data directory and port. */
export interface PostgresCluster {
  readonly port: number;
  /** The URL of a database of the cluster (`postgres` by default). */
  url(database?: string): string;
  /** Creates a database (once per name) and answers its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server, keeping its data (fast shutdown: open connections are cut). */
  stop(): Promise<void>;
  /** Starts the server again on the same port and data. */
  start(): Promise<void>;
  /** Stops the server and removes its data. */
  destroy(): Promise<void>;
}

export interface ClusterOptions {
  /** Whether commits reach the disk (off by default: the tests never lose power). */
  fsync?: boolean;
}

const USER = 'sextant';

/**
 * Where Debian's `postgresql` package puts the server's programs: `SEXTANT_PG_BIN` when set, else
 * the newest `/usr/lib/postgresql/<major>/bin`.
 */
function binDir(): string {
  const fromEnv = process.env.SEXTANT_PG_BIN;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0) {
    throw new Error('PostgreSQL is not installed (apt-get install postgresql), or set SEXTANT_PG_BIN');
  }
  return join(root, majors[0]!, 'bin');
}

/**
 * initdb and the server refuse to run as root: as root, the cluster runs as the `postgres` user
 * the Debian package creates (or `nobody`), owning its directory.
 */
async function serverAccount(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number((await run('id', ['-u', name])).stdout.trim());
      const gid = Number((await run('id', ['-g', name])).stdout.trim());
      return { uid, gid };
    } catch {
      // No such user: try the next.
    }
  }
  throw new Error('running as root, and neither a postgres nor a nobody user exists to run PostgreSQL');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Creates and starts a cluster in a new temporary directory, small enough that each test file
 * can have its own: a few MiB of shared buffers, few connections, TCP on 127.0.0.1 only.
 */
export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = binDir();
  const account = await serverAccount();
  const dir = mkdtempSync(join(tmpdir(), 'sextant-pg-'));
  const data = join(dir, 'data');
  if (account !== null) chownSync(dir, account.uid, account.gid);
  const as = account === null ? {} : { uid: account.uid, gid: account.gid };
  const pgCommand = (program: string, args: string[]) => run(join(bin, program), args, { ...as, cwd: dir });
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c shared_buffers=16MB',
    '-c max_connections=40',
    `-c fsync=${options.fsync === true ? 'on' : 'off'}`,
    '-c synchronous_commit=on',
    '-c full_page_writes=off',
    '-c max_wal_size=256MB',
  ].join(' ');
  await pgCommand('initdb', [
    '-D',
    data,
    '-U',
    USER,
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const start = async () => {
    await pgCommand('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', settings, '-w', 'start']);
  };
  const stop = async () => {
    await pgCommand('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  try {
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const url = (database = 'postgres') => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  const created = new Map<string, Promise<string>>();
  let running = true;
  return {
    port,
    url,
    createDatabase(name) {
      let made = created.get(name);
      if (made === undefined) {
        made = (async () => {
          const client = new pg.Client({ connectionString: url() });
          await client.connect();
          try {
            await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
          } finally {
            await client.end();
          }
          return url(name);
        })();
        created.set(name, made);
      }
      return made;
    },
    async stop() {
      await stop();
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async destroy() {
      try {
        if (running) await stop();
      } finally {
        running = false;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
