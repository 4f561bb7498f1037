import { createHash } from 'node:crypto';
import type { InstrumentationScope, Resource } from '@sextant/core';
import type Database from 'better-sqlite3';
import { decodeValue, encodeValue, type PayloadSource } from './codec.js';

/** The tables that keep each distinct resource or scope once per project. */
export const DESCRIPTOR_TABLES = ['resources', 'scopes'] as const;
export type DescriptorTable = (typeof DESCRIPTOR_TABLES)[number];

type Descriptor = Resource | InstrumentationScope;

interface SeenObject {
  project: string;
  id: number;
}

/** Most descriptor bodies remembered with their row id. */
const MAX_KNOWN = 4096;

/**
 * Gives rows the id of their resource (or scope), storing each distinct one once per project.
 * The spans of one export share the same resource object, so the first lookup is by identity
 * (for this batch only); then by encoded content, among descriptors known to be stored.
 * What a transaction adds is only remembered once it commits, since a rollback undoes the rows.
 */
export class DescriptorWriter {
  readonly #select: Database.Statement<[string, string], number>;
  readonly #insert: Database.Statement<[string, string, string]>;
  readonly #seen = new Map<Descriptor, SeenObject>();
  readonly #known = new Map<string, number>();
  readonly #pending = new Map<string, number>();

  constructor(db: Database.Database, table: DescriptorTable) {
    this.#select = db
      .prepare<[string, string], number>(`SELECT id FROM ${table} WHERE project = ? AND hash = ?`)
      .pluck();
    this.#insert = db.prepare(`INSERT INTO ${table} (project, hash, body) VALUES (?, ?, ?)`);
  }

  idOf(project: string, descriptor: Descriptor): number {
    const seen = this.#seen.get(descriptor);
    if (seen !== undefined && seen.project === project) return seen.id;
    const body = encodeValue(descriptor, null);
    const key = `${project}\n${body}`;
    let id = this.#known.get(key) ?? this.#pending.get(key);
    if (id === undefined) {
      const hash = createHash('sha256').update(body).digest('hex');
      id = this.#select.get(project, hash) ?? Number(this.#insert.run(project, hash, body).lastInsertRowid);
      this.#pending.set(key, id);
    }
    this.#seen.set(descriptor, { project, id });
    return id;
  }

  /** The batch is over; `committed` says whether its transaction committed. */
  endBatch(committed: boolean): void {
    this.#seen.clear();
    if (committed) {
      if (this.#known.size + this.#pending.size > MAX_KNOWN) this.#known.clear();
      for (const [key, id] of this.#pending) this.#known.set(key, id);
    }
    this.#pending.clear();
  }
}

const NO_PAYLOADS: PayloadSource = {
  text(hash) {
    throw new Error(`corrupt store: a descriptor refers to payload ${hash}`);
  },
};

/** Reads descriptors back for one read call, each at most once. */
export class DescriptorReader<T extends Descriptor> {
  readonly #select: Database.Statement<[number], string>;
  readonly #byId = new Map<number, T>();

  constructor(select: Database.Statement<[number], string>) {
    this.#select = select;
  }

  get(id: number): T {
    let descriptor = this.#byId.get(id);
    if (descriptor === undefined) {
      const body = this.#select.get(id);
      if (body === undefined) throw new Error(`corrupt store: descriptor ${id} is missing`);
      descriptor = decodeValue(body, NO_PAYLOADS) as T;
      this.#byId.set(id, descriptor);
    }
    return descriptor;
  }
}
