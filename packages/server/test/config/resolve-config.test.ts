import { describe, expect, it } from 'vitest';
import { envVarOf, OPTION_SPECS } from '../../src/config/options.js';
import { ConfigError, resolveConfig, serveHelp } from '../../src/config/resolve-config.js';

describe('resolveConfig', () => {
  it('has the documented defaults', () => {
    const { config, help } = resolveConfig([], {});
    expect(help).toBe(false);
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4318);
    expect(config.dataDir).toBe('./.sextant');
    expect(config.store.driver).toBe('sqlite');
    expect(config.pricesFile).toBeNull();
    expect(config.store.memory.maxAgeMs).toBeUndefined();
  });

  it('takes environment variables, and flags over them', () => {
    const env = { SEXTANT_PORT: '9000', SEXTANT_STORE: 'memory', SEXTANT_DATA_DIR: '/tmp/x' };
    expect(resolveConfig([], env).config).toMatchObject({
      port: 9000,
      dataDir: '/tmp/x',
      store: { driver: 'memory' },
    });
    const { config } = resolveConfig(['--port', '9100', '--data-dir=/data'], env);
    expect(config.port).toBe(9100);
    expect(config.dataDir).toBe('/data');
    expect(config.store.driver).toBe('memory');
  });

  it('maps the limits into one typed object', () => {
    const { config } = resolveConfig(
      ['--max-attribute-value-length', '100', '--max-attributes', '7', '--memory-max-age-seconds', '60'],
      {},
    );
    expect(config.limits.ingest).toEqual({
      maxAttributeValueLength: 100,
      maxAttributesPerItem: 7,
      maxEventsPerSpan: 1024,
      maxLinksPerSpan: 1024,
    });
    expect(config.store.memory.maxAgeMs).toBe(60_000);
  });

  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be between 0 and 65535/],
    [['--store', 'oracle'], /--store must be one of sqlite, memory/],
    [['--no-such-flag', '1'], /Unknown option '--no-such-flag'/],
  ])('refuses %j', (args, message) => {
    expect(() => resolveConfig(args, {})).toThrow(ConfigError);
    expect(() => resolveConfig(args, {})).toThrow(message);
  });

  it('refuses a bad environment variable, naming it', () => {
    expect(() => resolveConfig([], { SEXTANT_QUEUE_CAPACITY: '-1' })).toThrow(/SEXTANT_QUEUE_CAPACITY/);
  });

  it('takes the postgres store with its database URL, and refuses it without one', () => {
    const url = 'postgres://sextant@db.internal:5432/sextant';
    const { config } = resolveConfig(['--store', 'postgres', '--postgres-max-connections', '4'], {
      SEXTANT_POSTGRES_URL: url,
    });
    expect(config.store).toMatchObject({
      driver: 'postgres',
      postgres: { url, maxConnections: 4, statementTimeoutMs: 30_000 },
    });
    expect(() => resolveConfig(['--store', 'postgres'], {})).toThrow(/--postgres-url/);
  });

  it('recognises --help', () => {
    expect(resolveConfig(['--help'], {}).help).toBe(true);
  });
});

describe('serveHelp', () => {
  it('lists every option with its variable', () => {
    const help = serveHelp();
    for (const spec of OPTION_SPECS) {
      expect(help).toContain(`--${spec.flag}`);
      expect(help).toContain(envVarOf(spec.flag));
    }
  });
});
