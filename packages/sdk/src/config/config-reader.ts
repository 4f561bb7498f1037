/**
 * Reads settings from the caller's config, then the environment, then a default. A value that
 * cannot be used is replaced (by the nearest usable one for numbers out of range, else the
 * default) and the problem is noted; `init()` reports all of them in one warning.
 */
export class ConfigReader {
  readonly problems: string[] = [];
  readonly #env: Readonly<Record<string, string | undefined>>;

  constructor(env: Readonly<Record<string, string | undefined>>) {
    this.#env = env;
  }

  /** The first environment variable among `names` that is set and not blank. */
  env(...names: string[]): { name: string; value: string } | null {
    for (const name of names) {
      const value = this.#env[name]?.trim();
      if (value) return { name, value };
    }
    return null;
  }

  boolean(field: string, given: unknown, envNames: string[], fallback: boolean): boolean {
    if (given !== undefined) {
      if (typeof given === 'boolean') return given;
      return this.#reject(`${field} must be true or false, got ${show(given)}; using ${fallback}`, fallback);
    }
    const fromEnv = this.env(...envNames);
    if (fromEnv === null) return fallback;
    const lower = fromEnv.value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    return this.#reject(
      `${fromEnv.name} must be true or false, got ${show(fromEnv.value)}; using ${fallback}`,
      fallback,
    );
  }

  /** A non-blank string, from the config or the first environment variable set. */
  text<F extends string | null>(field: string, given: unknown, envNames: string[], fallback: F): string | F {
    if (given !== undefined) {
      if (typeof given === 'string' && given.trim() !== '') return given.trim();
      return this.#reject(
        `${field} must be a non-empty string, got ${show(given)}; using ${fallback}`,
        fallback,
      );
    }
    return this.env(...envNames)?.value ?? fallback;
  }

  /** One of `choices`; `aliases` maps other accepted spellings (environment conventions) onto them. */
  choice<T extends string>(
    field: string,
    given: unknown,
    fromEnv: { name: string; value: string } | null,
    choices: readonly T[],
    fallback: T,
    aliases: Readonly<Record<string, T>> = {},
  ): T {
    const origin = given !== undefined ? field : fromEnv?.name;
    const raw = given !== undefined ? given : fromEnv?.value;
    if (raw === undefined) return fallback;
    const value = typeof raw === 'string' ? (aliases[raw.toLowerCase()] ?? raw.toLowerCase()) : raw;
    if ((choices as readonly unknown[]).includes(value)) return value as T;
    return this.#reject(
      `${origin} must be one of ${choices.join(', ')}, got ${show(raw)}; using ${fallback}`,
      fallback,
    );
  }

  /** A number within [min, max] (an integer when `integer`), clamped when outside. */
  number(
    field: string,
    given: unknown,
    fromEnv: { name: string; value: string } | null,
    range: { min: number; max: number; integer: boolean },
    fallback: number,
  ): number {
    const origin = given !== undefined ? field : fromEnv?.name;
    const raw = given !== undefined ? given : fromEnv?.value;
    if (raw === undefined) return fallback;
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof value !== 'number' || Number.isNaN(value)) {
      return this.#reject(`${origin} must be a number, got ${show(raw)}; using ${fallback}`, fallback);
    }
    const clamped = Math.min(range.max, Math.max(range.min, range.integer ? Math.floor(value) : value));
    if (clamped !== value) {
      const kind = range.integer ? 'an integer' : 'a number';
      this.problems.push(
        `${origin} must be ${kind} in ${range.min}..${range.max}, got ${raw}; using ${clamped}`,
      );
    }
    return clamped;
  }

  /** An http(s) URL. */
  url(origin: string, raw: string, fallback: string): string {
    try {
      const url = new URL(raw);
      if (url.protocol === 'http:' || url.protocol === 'https:') return raw;
    } catch {
      // reported below
    }
    return this.#reject(`${origin} must be an http(s) URL, got ${show(raw)}; using ${fallback}`, fallback);
  }

  /**
   * A `key=value,key2=value2` list from the first of `names` that is set, values URL-encoded (the
   * format of `OTEL_EXPORTER_OTLP_HEADERS` and `OTEL_RESOURCE_ATTRIBUTES`).
   */
  keyValueList(...names: string[]): Record<string, string> {
    const fromEnv = this.env(...names);
    const parsed: Record<string, string> = {};
    for (const pair of fromEnv?.value.split(',') ?? []) {
      const equals = pair.indexOf('=');
      if (equals <= 0) {
        this.problems.push(`${fromEnv!.name}: ignoring ${JSON.stringify(pair)}, not key=value`);
        continue;
      }
      parsed[pair.slice(0, equals).trim()] = decodePercent(pair.slice(equals + 1).trim());
    }
    return parsed;
  }

  note(problem: string): void {
    this.problems.push(problem);
  }

  #reject<T>(problem: string, fallback: T): T {
    this.problems.push(problem);
    return fallback;
  }
}

function decodePercent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
