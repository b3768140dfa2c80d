import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isLegacyProviderLoaded } from '../../../src/crypto/index.ts';
import { processIo } from '../../../src/cli/io.ts';
import {
  LEGACY_RELAUNCH_ENV,
  relaunchWithLegacyProvider,
} from '../../../src/cli/legacy-relaunch.ts';

describe('relaunchWithLegacyProvider', () => {
  it('fails with KW_CRYPTO_LEGACY_PROVIDER instead of looping once re-executed; does nothing with the provider', () => {
    const io = { ...processIo(), env: { [LEGACY_RELAUNCH_ENV]: '1' } };
    // The interop test crypto-legacy.test.ts covers the re-execution itself.
    if (isLegacyProviderLoaded()) {
      assert.equal(relaunchWithLegacyProvider(io), undefined);
    } else {
      assert.throws(() => relaunchWithLegacyProvider(io), { code: 'KW_CRYPTO_LEGACY_PROVIDER' });
    }
  });
});
