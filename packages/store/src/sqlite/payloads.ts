import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { PayloadSink, PayloadSource } from './codec.js';

interface KnownPayload {
  project: string;
  text: string;
  hash: string;
}

/** Long strings remembered as stored, at most this many, so that repeats skip hashing. */
const MAX_KNOWN = 512;
/** Remembered strings share this budget of UTF-16 code units. */
const MAX_KNOWN_LENGTH = 8 * 1024 * 1024;
/** Distinct remembered strings of one same length. */
const MAX_PER_LENGTH = 4;

/**
 * Stores long strings once per project, content-addressed by SHA-256, inside the writer's
 * transaction. The same system prompt comes back on every call of an agent, so strings known to be
 * stored are remembered and found again by length, then compared: a compare of equal strings
 * costs far less than hashing them (or than V8 hashing them as map keys).
 * What a transaction adds is only remembered once it commits, so a rollback forgets it.
 */
export class PayloadWriter implements PayloadSink {
  readonly minLength: number;
  /** The project of the row being encoded; the writer sets it before encoding. */
  project = '';
  readonly #thresholdBytes: number;
  readonly #insert: Database.Statement<[string, string, string]>;
  #known = new Map<number, KnownPayload[]>();
  #knownCount = 0;
  #knownLength = 0;
  #pending = new Map<number, KnownPayload[]>();

  constructor(db: Database.Database, thresholdBytes: number) {
    this.#thresholdBytes = thresholdBytes;
    // A UTF-16 code unit takes at most 3 bytes in UTF-8, so shorter strings are under the threshold.
    this.minLength = Math.ceil(thresholdBytes / 3);
    this.#insert = db.prepare(
      'INSERT INTO payloads (project, hash, text) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
  }

  intern(text: string): string | null {
    if (text.length < this.#thresholdBytes && Buffer.byteLength(text) < this.#thresholdBytes) return null;
    const project = this.project;
    const known = find(this.#known, project, text) ?? find(this.#pending, project, text);
    if (known !== null) return known.hash;
    const hash = createHash('sha256').update(text).digest('hex');
    this.#insert.run(project, hash, text);
    remember(this.#pending, { project, text, hash });
    return hash;
  }

  /** The transaction committed: what it stored is now known to be stored. */
  commit(): void {
    for (const payloads of this.#pending.values()) {
      for (const payload of payloads) {
        if (this.#knownCount >= MAX_KNOWN || this.#knownLength + payload.text.length > MAX_KNOWN_LENGTH) {
          this.#known.clear();
          this.#knownCount = 0;
          this.#knownLength = 0;
        }
        remember(this.#known, payload);
        this.#knownCount++;
        this.#knownLength += payload.text.length;
      }
    }
    this.#pending.clear();
  }

  rollback(): void {
    this.#pending.clear();
  }
}

function find(byLength: Map<number, KnownPayload[]>, project: string, text: string): KnownPayload | null {
  const candidates = byLength.get(text.length);
  if (candidates === undefined) return null;
  for (const candidate of candidates) {
    if (candidate.text === text && candidate.project === project) return candidate;
  }
  return null;
}

function remember(byLength: Map<number, KnownPayload[]>, payload: KnownPayload): void {
  const candidates = byLength.get(payload.text.length);
  if (candidates === undefined) byLength.set(payload.text.length, [payload]);
  else if (candidates.length < MAX_PER_LENGTH) candidates.push(payload);
  else candidates[candidates.length - 1] = payload;
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
