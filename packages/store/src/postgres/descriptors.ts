import type { InstrumentationScope, Resource } from '@sextant/core';
import type pg from 'pg';
import { decodeValue } from '../sqlite/codec.js';
import type { DescriptorTable, DescriptorTuple } from '../sqlite/descriptors.js';
import { rows } from './connection.js';
import { NO_PAYLOADS } from './payloads.js';

/** Most descriptor ids, and most descriptor bodies, remembered. */
const MAX_KNOWN = 4096;

/**
 * Finds or stores a batch's resources (or scopes) by (project, hash), each in a statement of its
 * own that commits at once: a descriptor nothing refers to yet harms no one, and a committed id
 * can be remembered for every later batch. Several instances may store the same one at once: the
 * insert skips what another committed, and the lookup that follows finds it.
 */
export class PostgresDescriptorIds {
  readonly #table: DescriptorTable;
  readonly #known = new Map<string, number>();

  constructor(table: DescriptorTable) {
    this.#table = table;
  }

  /** The row ids of a batch's descriptors, in the order of the list. */
  async idsOf(pool: pg.Pool, list: readonly DescriptorTuple[]): Promise<number[]> {
    if (this.#known.size > MAX_KNOWN) this.#known.clear();
    const missing = new Map<string, DescriptorTuple>();
    for (const descriptor of list) {
      const key = keyOf(descriptor);
      if (!this.#known.has(key)) missing.set(key, descriptor);
    }
    if (missing.size > 0) {
      // In one order for every instance, so that two inserting the same rows never deadlock.
      const sorted = [...missing.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, tuple]) => tuple);
      const columns = [0, 1, 2].map((at) => sorted.map((tuple) => tuple[at]));
      await pool.query(
        `INSERT INTO ${this.#table} (project, hash, body) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ` +
          'ON CONFLICT (project, hash) DO NOTHING',
        columns,
      );
      const found = await rows<[bigint, string, string]>(
        pool,
        `SELECT d.id, d.project, d.hash FROM ${this.#table} d ` +
          'JOIN unnest($1::text[], $2::text[]) AS wanted (project, hash) USING (project, hash)',
        columns.slice(0, 2),
      );
      for (const [id, project, hash] of found) this.#known.set(`${project}\n${hash}`, Number(id));
    }
    return list.map((descriptor) => {
      const id = this.#known.get(keyOf(descriptor));
      if (id === undefined) throw new Error(`the ${this.#table} row of ${descriptor[1]} was not stored`);
      return id;
    });
  }
}

function keyOf([project, hash]: DescriptorTuple): string {
  return `${project}\n${hash}`;
}

/**
 * Reads descriptors back by id. Rows never change once stored, so their bodies are remembered
 * across reads; each read decodes its own objects, which its callers may keep.
 */
export class PostgresDescriptorBodies {
  readonly #table: DescriptorTable;
  readonly #bodies = new Map<number, string>();

  constructor(table: DescriptorTable) {
    this.#table = table;
  }

  /** The descriptors of these ids, decoded once each. */
  async load<T extends Resource | InstrumentationScope>(
    on: pg.Pool | pg.PoolClient,
    ids: Iterable<number>,
  ): Promise<Map<number, T>> {
    if (this.#bodies.size > MAX_KNOWN) this.#bodies.clear();
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !this.#bodies.has(id));
    if (missing.length > 0) {
      const found = await rows<[bigint, string]>(
        on,
        `SELECT id, body FROM ${this.#table} WHERE id = ANY($1::bigint[])`,
        [missing],
      );
      for (const [id, body] of found) this.#bodies.set(Number(id), body);
    }
    const decoded = new Map<number, T>();
    for (const id of wanted) {
      const body = this.#bodies.get(id);
      if (body === undefined) throw new Error(`corrupt store: ${this.#table} row ${id} is missing`);
      decoded.set(id, decodeValue(body, NO_PAYLOADS) as T);
    }
    return decoded;
  }
}
