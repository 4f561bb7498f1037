/**
 * Items in insertion order, bounded by a count; the oldest go first, by count or by age.
 * Removal only advances a head index, and the array is compacted once the dead part dominates,
 * so every operation is amortized O(1).
 */
export class InsertionRing<T> {
  #items: T[] = [];
  #insertedAt: number[] = [];
  #head = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(item: T, now: number): void {
    this.#items.push(item);
    this.#insertedAt.push(now);
    if (this.size > this.capacity) this.#head++;
    this.#compact();
  }

  /** Drops every item inserted before `cutoff`. */
  dropInsertedBefore(cutoff: number): void {
    while (this.#head < this.#items.length && this.#insertedAt[this.#head]! < cutoff) this.#head++;
    this.#compact();
  }

  /** Removes at most `limit` live items that `matches`, keeping the others in order; how many went. */
  removeWhere(matches: (item: T) => boolean, limit: number): number {
    let removed = 0;
    const items: T[] = [];
    const insertedAt: number[] = [];
    for (let index = this.#head; index < this.#items.length; index++) {
      const item = this.#items[index]!;
      if (removed < limit && matches(item)) {
        removed++;
        continue;
      }
      items.push(item);
      insertedAt.push(this.#insertedAt[index]!);
    }
    this.#items = items;
    this.#insertedAt = insertedAt;
    this.#head = 0;
    return removed;
  }

  clear(): void {
    this.#items = [];
    this.#insertedAt = [];
    this.#head = 0;
  }

  /** The live items, oldest first. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let index = this.#head; index < this.#items.length; index++) yield this.#items[index]!;
  }

  #compact(): void {
    if (this.#head < 1024 || this.#head * 2 < this.#items.length) return;
    this.#items.splice(0, this.#head);
    this.#insertedAt.splice(0, this.#head);
    this.#head = 0;
  }
}
