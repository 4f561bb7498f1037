import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { PayloadSink, PayloadSource } from './codec.js';

/** A long string to store once: the payloads table's row. */
export type PayloadTuple = [project: string, hash: string, text: string];

interface KnownPayload {
  project: string;
  text: string;
  hash: string;
  /** Whether a write holding it is known to have committed, so it need not be sent again. */
  committed: boolean;
  /** The last batch that listed it to be stored. */
  batch: number;
}

/**
 * A long string a batch refers to, and the latest time of the items referring to it: retention
 * collects a payload last used before its cutoff, once everything older is gone.
 */
export type PayloadUse = [project: string, hash: string, timeUnixNano: bigint];

/** The payloads a batch listed to be stored; `confirm` them once the batch has committed. */
export type ListedPayloads = readonly KnownPayload[];

/** Long strings remembered, at most this many, so that repeats skip hashing. */
const MAX_KNOWN = 512;
/** Remembered strings share this budget of UTF-16 code units. */
const MAX_KNOWN_LENGTH = 8 * 1024 * 1024;
/** Distinct remembered strings of one same length. */
const MAX_PER_LENGTH = 4;

/**
 * Replaces long strings by their SHA-256 while rows are encoded (no database here), and lists the
 * strings each batch must store, once per project. The same system prompt comes back on every call
 * of an agent, so strings are remembered and found again by length, then compared: a compare of
 * equal strings costs far less than hashing them (or than V8 hashing them as map keys). A string is
 * left out of later batches only once a batch holding it is confirmed committed: a failed write
 * must not leave later rows pointing at a payload that was rolled back.
 */
export class PayloadInterner implements PayloadSink {
  readonly minLength: number;
  /** The project and time of the row being encoded; the encoder sets them before encoding. */
  project = '';
  time = 0n;
  readonly #thresholdBytes: number;
  #known = new Map<number, KnownPayload[]>();
  #knownCount = 0;
  #knownLength = 0;
  #batch = 0;
  #toStore: PayloadTuple[] = [];
  #listed: KnownPayload[] = [];
  #uses = new Map<KnownPayload, PayloadUse>();

  constructor(thresholdBytes: number) {
    this.#thresholdBytes = thresholdBytes;
    // A UTF-16 code unit takes at most 3 bytes in UTF-8, so shorter strings are under the threshold.
    this.minLength = Math.ceil(thresholdBytes / 3);
  }

  /** Starts listing the payloads of a new batch. */
  beginBatch(): void {
    this.#batch++;
    this.#toStore = [];
    this.#listed = [];
    this.#uses = new Map();
  }

  /** What the batch begun last must store, and the entries to `confirm` once it commits. */
  endBatch(): { payloads: PayloadTuple[]; uses: PayloadUse[]; listed: ListedPayloads } {
    return { payloads: this.#toStore, uses: [...this.#uses.values()], listed: this.#listed };
  }

  intern(text: string): string | null {
    if (text.length < this.#thresholdBytes && Buffer.byteLength(text) < this.#thresholdBytes) return null;
    const project = this.project;
    let known = this.#find(project, text);
    if (known === null) {
      known = {
        project,
        text,
        hash: createHash('sha256').update(text).digest('hex'),
        committed: false,
        batch: 0,
      };
      this.#remember(known);
    }
    if (!known.committed && known.batch !== this.#batch) {
      known.batch = this.#batch;
      this.#toStore.push([project, known.hash, text]);
      this.#listed.push(known);
    }
    const use = this.#uses.get(known);
    if (use === undefined) this.#uses.set(known, [project, known.hash, this.time]);
    else if (this.time > use[2]) use[2] = this.time;
    return known.hash;
  }

  /**
   * Forgets which payloads are stored: retention may collect some, so later batches must list
   * again every payload they use (storing one that is still there does nothing).
   */
  forgetStored(): void {
    for (const candidates of this.#known.values())
      for (const payload of candidates) payload.committed = false;
  }

  /** The batch that listed these committed. */
  confirm(listed: ListedPayloads): void {
    for (const payload of listed) payload.committed = true;
  }

  #find(project: string, text: string): KnownPayload | null {
    const candidates = this.#known.get(text.length);
    if (candidates === undefined) return null;
    for (const candidate of candidates) {
      if (candidate.text === text && candidate.project === project) return candidate;
    }
    return null;
  }

  #remember(payload: KnownPayload): void {
    if (this.#knownCount >= MAX_KNOWN || this.#knownLength + payload.text.length > MAX_KNOWN_LENGTH) {
      this.#known.clear();
      this.#knownCount = 0;
      this.#knownLength = 0;
    }
    this.#knownCount++;
    this.#knownLength += payload.text.length;
    const candidates = this.#known.get(payload.text.length);
    if (candidates === undefined) this.#known.set(payload.text.length, [payload]);
    else if (candidates.length < MAX_PER_LENGTH) candidates.push(payload);
    else candidates[candidates.length - 1] = payload;
  }
}

/** Reads payloads back for one read call, each at most once. */
export class PayloadReader implements PayloadSource {
  readonly #select: Database.Statement<[string, string], string>;
  readonly #project: string;
  readonly #texts = new Map<string, string>();

  constructor(select: Database.Statement<[string, string], string>, project: string) {
    this.#select = select;
    this.#project = project;
  }

  text(hash: string): string {
    let text = this.#texts.get(hash);
    if (text === undefined) {
      text = this.#select.get(this.#project, hash);
      if (text === undefined) throw new Error(`corrupt store: payload ${hash} is missing`);
      this.#texts.set(hash, text);
    }
    return text;
  }
}
