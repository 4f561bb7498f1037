import { afterAll, beforeAll, describe } from 'vitest';
import type { Store } from '../../src/index.js';
import { BACKENDS, type Backend, temporaryDirectory } from './backends.js';
import { analyticsRecordsSection } from './sections/analytics-records.js';
import { analyticsSpansSection } from './sections/analytics-spans.js';
import { analyticsTracesSection } from './sections/analytics-traces.js';
import { annotationsSection } from './sections/annotations.js';
import type { ContractContext } from './sections/context.js';
import { idempotencySection } from './sections/idempotency.js';
import { lifecycleSection } from './sections/lifecycle.js';
import { llmSearchSection } from './sections/llm-search.js';
import { pagingSection } from './sections/paging.js';
import { peerFixturesSection } from './sections/peer-fixtures.js';
import { projectIsolationSection } from './sections/project-isolation.js';
import { recordSearchSection } from './sections/record-search.js';
import { removalSection } from './sections/removal.js';
import { rollupSection } from './sections/rollup.js';
import { roundTripSection } from './sections/round-trip.js';
import { textSearchSection } from './sections/text-search.js';
import { traceLinksSection } from './sections/trace-links.js';
import { traceSearchSection } from './sections/trace-search.js';

/*
 * The store contract: the rules of `Store` as data-driven checks (fixtures, operations, expected
 * results as tables), run against every backend of `BACKENDS`. A backend opts out of a check only
 * by declaring, with a typed `Capability`, that it lacks what the check needs.
 */
const SECTIONS: readonly ((context: ContractContext) => void)[] = [
  roundTripSection,
  idempotencySection,
  rollupSection,
  traceSearchSection,
  llmSearchSection,
  textSearchSection,
  pagingSection,
  projectIsolationSection,
  recordSearchSection,
  annotationsSection,
  traceLinksSection,
  analyticsSpansSection,
  analyticsTracesSection,
  analyticsRecordsSection,
  peerFixturesSection,
  removalSection,
  lifecycleSection,
];

describe.each(BACKENDS)('store contract: $name', (backend: Backend) => {
  const directory = temporaryDirectory();
  let store: Store | undefined;

  beforeAll(async () => {
    store = await backend.open(directory.dir);
  });
  afterAll(async () => {
    await store?.close();
    await backend.release?.();
    directory.remove();
  });

  const context: ContractContext = {
    backend,
    get store() {
      if (store === undefined) throw new Error('the store is not open yet');
      return store;
    },
  };
  for (const section of SECTIONS) section(context);
});
