import type { Span } from '@sextant/core';
import type { Store, WriteBatch } from '../../../src/index.js';
import type { Backend } from '../backends.js';

/** What each section of the contract runs against: one backend, and its store once opened. */
export interface ContractContext {
  backend: Backend;
  /** The store shared by the sections, opened before their tests run. */
  readonly store: Store;
}

export function spansOnly(spans: Span[]): WriteBatch {
  return { spans, logs: [], metrics: [] };
}
