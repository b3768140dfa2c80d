// The behaviour every ObjectStore backend must show. Each backend's test file calls
// runObjectStoreSuite once (STYLE: one suite function, run once per backend).
import { describe } from 'node:test';
import { describeCrud } from './suite/crud.ts';
import { describeFind } from './suite/find.ts';
import { makeSetup } from './suite/helpers.ts';
import type { StoreFixture } from './suite/helpers.ts';
import { describeWrites } from './suite/writes.ts';

export type { StoreFixture } from './suite/helpers.ts';

/**
 * Registers the ObjectStore contract tests for one backend. `open` returns a fresh, empty
 * store each call, plus `reopen` to open the same data again after the store is closed.
 */
export function runObjectStoreSuite(name: string, open: () => Promise<StoreFixture>): void {
  const setup = makeSetup(open);
  describe(`ObjectStore contract: ${name}`, () => {
    describeCrud(setup);
    describeFind(setup);
    describeWrites(setup);
  });
}
