import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getHeapSpaceStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { releaseStartupMemory } from '../../../src/cli/release-startup-memory.ts';

const youngGenerationBytes = () =>
  getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;

describe('releaseStartupMemory (issue #9)', () => {
  it('shrinks a young generation grown by surviving objects', () => {
    // Objects that survive scavenges make V8 grow the young generation, as loading modules does.
    let kept: { readonly n: number; readonly s: string }[] = [];
    for (let round = 0; round < 20 && youngGenerationBytes() < 8 * 1048576; round += 1) {
      for (let i = 0; i < 100_000; i += 1) kept.push({ n: i, s: `value ${i}` });
    }
    const grown = youngGenerationBytes();
    kept = [];
    releaseStartupMemory();
    assert.equal(kept.length, 0);
    assert.ok(youngGenerationBytes() < grown, `${youngGenerationBytes()} < ${grown}`);
    assert.ok(youngGenerationBytes() <= 2 * 1048576);
  });

  it('leaves no gc function behind, in this context or new ones', () => {
    releaseStartupMemory();
    assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined');
    assert.equal(runInNewContext('typeof gc'), 'undefined');
  });
});
