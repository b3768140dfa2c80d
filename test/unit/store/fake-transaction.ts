/** A fake of the group committer's transaction control, for its unit tests. */
import type { TransactionControl } from '../../../src/store/group-commit.ts';

/**
 * A transaction that records the statements it was asked to run in `log` (a new array unless
 * given, so a test can interleave other events), throwing for those named in `fail`.
 */
export function fakeTx(
  options: { fail?: Partial<Record<keyof TransactionControl, boolean>>; log?: string[] } = {},
): { tx: TransactionControl; log: string[] } {
  const log = options.log ?? [];
  const step = (name: keyof TransactionControl) => (): void => {
    log.push(name);
    if (options.fail?.[name]) throw new Error(`${name} failed`);
  };
  return {
    log,
    tx: {
      begin: step('begin'),
      commit: step('commit'),
      rollback: step('rollback'),
      savepoint: step('savepoint'),
      release: step('release'),
      rollbackToSavepoint: step('rollbackToSavepoint'),
    },
  };
}
