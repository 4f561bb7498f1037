import { createHash } from 'node:crypto';
import type { InstrumentationScope, Resource } from '@sextant/core';
import type Database from 'better-sqlite3';
import { decodeValue, encodeValue, type PayloadSource } from './codec.js';

/** The tables that keep each distinct resource or scope once per project. */
export const DESCRIPTOR_TABLES = ['resources', 'scopes'] as const;
export type DescriptorTable = (typeof DESCRIPTOR_TABLES)[number];

type Descriptor = Resource | InstrumentationScope;

/** A resource or scope to store once per project: [project, SHA-256 of the body, body]. */
export type DescriptorTuple = [project: string, hash: string, body: string];

interface SeenObject {
  project: string;
  ref: number;
}

/** Most descriptor hashes remembered, and most ids. */
const MAX_KNOWN = 4096;

/**
 * Lists the distinct resources (or scopes) of a batch while its rows are encoded, and gives each
 * row the index of its own in that list. The spans of one export share the same resource object,
 * so the first lookup is by identity; then by encoded content. Hashes are remembered across
 * batches: a service sends the same few resources all day.
 */
export class DescriptorInterner {
  readonly #seen = new Map<Descriptor, SeenObject>();
  readonly #refs = new Map<string, number>();
  readonly #hashes = new Map<string, string>();
  #list: DescriptorTuple[] = [];

  /** Starts the list of a new batch. */
  beginBatch(): void {
    this.#seen.clear();
    this.#refs.clear();
    this.#list = [];
  }

  /** The distinct descriptors of the batch begun last, in the order of their refs. */
  endBatch(): DescriptorTuple[] {
    return this.#list;
  }

  refOf(project: string, descriptor: Descriptor): number {
    const seen = this.#seen.get(descriptor);
    if (seen !== undefined && seen.project === project) return seen.ref;
    const body = encodeValue(descriptor, null);
    const key = `${project}\n${body}`;
    let ref = this.#refs.get(key);
    if (ref === undefined) {
      let hash = this.#hashes.get(body);
      if (hash === undefined) {
        if (this.#hashes.size >= MAX_KNOWN) this.#hashes.clear();
        hash = createHash('sha256').update(body).digest('hex');
        this.#hashes.set(body, hash);
      }
      ref = this.#list.length;
      this.#list.push([project, hash, body]);
      this.#refs.set(key, ref);
    }
    this.#seen.set(descriptor, { project, ref });
    return ref;
  }
}

/**
 * Finds or stores descriptors inside the writer's transaction, by (project, hash). Ids are
 * remembered only once their transaction commits, since a rollback undoes the rows.
 */
export class DescriptorIds {
  readonly #select: Database.Statement<[string, string], number>;
  readonly #insert: Database.Statement<[DescriptorTuple]>;
  readonly #known = new Map<string, number>();
  readonly #pending = new Map<string, number>();

  constructor(db: Database.Database, table: DescriptorTable) {
    this.#select = db
      .prepare<[string, string], number>(`SELECT id FROM ${table} WHERE project = ? AND hash = ?`)
      .pluck();
    this.#insert = db.prepare<[DescriptorTuple]>(
      `INSERT INTO ${table} (project, hash, body) VALUES (?, ?, ?)`,
    );
  }

  /** The row ids of a batch's descriptors, in the order of the list. */
  idsOf(list: readonly DescriptorTuple[]): number[] {
    const ids = new Array<number>(list.length);
    for (let index = 0; index < list.length; index++) ids[index] = this.#idOf(list[index]!);
    return ids;
  }

  #idOf(descriptor: DescriptorTuple): number {
    const [project, hash] = descriptor;
    const key = `${project}\n${hash}`;
    let id = this.#known.get(key) ?? this.#pending.get(key);
    if (id === undefined) {
      id = this.#select.get(project, hash) ?? Number(this.#insert.run(descriptor).lastInsertRowid);
      this.#pending.set(key, id);
    }
    return id;
  }

  /** The batch is over; `committed` says whether its transaction committed. */
  endBatch(committed: boolean): void {
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
