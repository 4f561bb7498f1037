import { afterAll, beforeAll, describe } from 'vitest';
import type { Store } from '../../src/index.js';
import { BACKENDS, type Backend, temporaryDirectory } from './backends.js';
import type { ContractContext } from './sections/context.js';
import { idempotencySection } from './sections/idempotency.js';
import { lifecycleSection } from './sections/lifecycle.js';
import { pagingSection } from './sections/paging.js';
import { peerFixturesSection } from './sections/peer-fixtures.js';
import { projectIsolationSection } from './sections/project-isolation.js';
import { recordSearchSection } from './sections/record-search.js';
import { rollupSection } from './sections/rollup.js';
import { roundTripSection } from './sections/round-trip.js';
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
  pagingSection,
  projectIsolationSection,
  recordSearchSection,
  peerFixturesSection,
  lifecycleSection,
];

describe.each(BACKENDS)('store contract: $name', (backend: Backend) => {
  const directory = temporaryDirectory();
  let store: Store | undefined;

  beforeAll(() => {
    store = backend.open(directory.dir);
  });
  afterAll(async () => {
    await store?.close();
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
