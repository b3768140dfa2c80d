// Operation modules are imported on their first request (issue #9): concurrent first calls
// share one import, each request runs its handler once, and a failed import is retried.
import assert from 'node:assert/strict';
import { registerHooks } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { ResultStatus } from '../../../../src/kmip/generated/registry.ts';
import type { OperationContext } from '../../../../src/server/operations/context.ts';
import { OPERATIONS } from '../../../../src/server/operations/index.ts';
import { lazy } from '../../../../src/server/operations/lazy-handler.ts';
import {
  createAesKey,
  createServerHarness,
  type ServerHarness,
} from '../../../support/server-harness.ts';

// Every module this process loads from now on (the operations' modules are not loaded yet).
const loaded: string[] = [];
registerHooks({
  load(url, context, next) {
    loaded.push(url);
    return next(url, context);
  },
});
const ctx = {} as OperationContext;

describe('lazy operation handlers', () => {
  it('imports once for concurrent first calls and runs every call once', async () => {
    let loads = 0;
    const runs: number[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handler = lazy(async () => {
      loads += 1;
      await gate;
      return async (request: number, _ctx: OperationContext) => {
        runs.push(request);
        return request * 2;
      };
    });
    const pending = [1, 2, 3, 4, 5].map((n) => handler(n as never, ctx));
    release();
    assert.deepEqual(await Promise.all(pending), [2, 4, 6, 8, 10]);
    assert.deepEqual(await handler(6 as never, ctx), 12);
    assert.equal(loads, 1);
    assert.deepEqual(runs, [1, 2, 3, 4, 5, 6]);
  });

  it('passes a failed import to the waiting calls and tries again on the next call', async () => {
    let loads = 0;
    const failure = Object.assign(new Error('no module'), { code: 'ERR_MODULE_NOT_FOUND' });
    const handler = lazy(async () => {
      loads += 1;
      if (loads === 1) throw failure;
      return async (request: string, _ctx: OperationContext) => `ran ${request}`;
    });
    const results = await Promise.allSettled([
      handler('a' as never, ctx),
      handler('b' as never, ctx),
    ]);
    for (const result of results) {
      assert.equal(result.status, 'rejected');
      assert.equal((result.reason as { code?: string }).code, 'ERR_MODULE_NOT_FOUND');
    }
    assert.equal(await handler('c' as never, ctx), 'ran c');
    assert.equal(loads, 2);
  });

  it('passes on the loaded handler’s own errors without reloading', async () => {
    let loads = 0;
    const handler = lazy(async () => {
      loads += 1;
      return async (_request: undefined, _ctx: OperationContext) => {
        throw Object.assign(new Error('refused'), { code: 'KW_KMIP_RESULT' });
      };
    });
    for (let i = 0; i < 2; i += 1) {
      await assert.rejects(handler(undefined as never, ctx), { code: 'KW_KMIP_RESULT' });
    }
    assert.equal(loads, 1);
  });
});

describe('the operations table, first requests under concurrency', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness({ operations: OPERATIONS });
  });
  after(() => harness.close());

  it('loads Create on its first requests, once, and creates one key per request', async () => {
    const isCreateModule = (url: string) => url.endsWith('/src/server/operations/create.ts');
    assert.deepEqual(loaded.filter(isCreateModule), [], 'create.ts loaded before any request');
    const items = await Promise.all(
      Array.from({ length: 12 }, () => harness.sendOne('1.4', createAesKey())),
    );
    const ids = items.map((item) => {
      assert.ok(item.kind === 'typed' && item.resultStatus === ResultStatus.Success);
      assert.ok(item.payload !== undefined && 'uniqueIdentifier' in item.payload);
      return item.payload.uniqueIdentifier;
    });
    assert.equal(new Set(ids).size, 12);
    assert.equal(loaded.filter(isCreateModule).length, 1);
    // Each request ran once: exactly its twelve keys are stored (Locate, itself loaded now).
    const located = await harness.sendOne('1.4', { operation: 'Locate', payload: {} });
    assert.ok(located.kind === 'typed' && located.resultStatus === ResultStatus.Success);
    const found = (located.payload as { uniqueIdentifiers?: readonly string[] }).uniqueIdentifiers;
    assert.deepEqual([...(found ?? [])].sort(), [...ids].sort());
  });
});
