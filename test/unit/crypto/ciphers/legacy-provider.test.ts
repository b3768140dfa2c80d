import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  assertLegacyProviderLoaded,
  isLegacyProviderLoaded,
} from '../../../../src/crypto/index.ts';

const entry = fileURLToPath(new URL('../../../../src/crypto/index.ts', import.meta.url));
const probe = `import(${JSON.stringify(entry)}).then((m) => process.stdout.write(String(m.isLegacyProviderLoaded())))`;

describe('isLegacyProviderLoaded', () => {
  it('is false in a process started without --openssl-legacy-provider, and assert says which switch', () => {
    const out = execFileSync(process.execPath, ['-e', probe], {
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    assert.equal(out.toString(), 'false');
    if (!isLegacyProviderLoaded()) {
      assert.throws(() => assertLegacyProviderLoaded(), { code: 'KW_CRYPTO_LEGACY_PROVIDER' });
    }
  });

  it('is true with --openssl-legacy-provider', () => {
    const out = execFileSync(process.execPath, ['--openssl-legacy-provider', '-e', probe]);
    assert.equal(out.toString(), 'true');
  });
});
