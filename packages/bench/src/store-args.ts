/** The stores a benchmark can run the server on. */
export const BENCH_STORES = ['sqlite', 'postgres', 'memory'] as const;

/**
 * The `sextant serve` arguments that select the store: SQLite in `dataDir`, PostgreSQL at
 * `postgresUrl` (else `SEXTANT_POSTGRES_URL`), an empty database the run may fill, or memory.
 * @throws Error for another store, or PostgreSQL without a URL.
 */
export function storeArgs(store: string, dataDir: string, postgresUrl: string | undefined): string[] {
  if (store === 'sqlite') return ['--store', 'sqlite', '--data-dir', dataDir];
  if (store === 'postgres') {
    const url = postgresUrl ?? process.env.SEXTANT_POSTGRES_URL;
    if (url === undefined || url === '') {
      throw new Error('--store postgres needs --postgres-url (or SEXTANT_POSTGRES_URL): an empty database');
    }
    return ['--store', 'postgres', '--postgres-url', url];
  }
  if (store === 'memory') return ['--store', 'memory'];
  throw new Error(`--store must be one of ${BENCH_STORES.join(', ')}, not ${store}`);
}
