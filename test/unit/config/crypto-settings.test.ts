import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServerConfig } from '../../../src/config/index.ts';
import { toLoadOptions } from '../../../src/cli/server-flags.ts';

async function home(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'kw-crypto-config-'));
}

describe('[crypto] settings', () => {
  it('default to no legacy algorithms, 112-bit security, every algorithm', async () => {
    const { config } = await loadServerConfig({ env: { KEYWARDEN_HOME: await home() } });
    assert.deepEqual(config.crypto, {
      allowLegacy: false,
      minSecurityBits: 112,
      allowedAlgorithms: [],
    });
  });

  it('come from the --crypto-* flags of serve and init', async () => {
    const dir = await home();
    const options = toLoadOptions(
      {
        cryptoAllowLegacy: 'true',
        cryptoMinSecurityBits: '128',
        cryptoAllowedAlgorithms: 'AES,RSA',
      },
      { env: { KEYWARDEN_HOME: dir }, cwd: dir },
    );
    const { config, sources } = await loadServerConfig(options);
    assert.deepEqual(config.crypto, {
      allowLegacy: true,
      minSecurityBits: 128,
      allowedAlgorithms: ['AES', 'RSA'],
    });
    assert.equal(sources.get('crypto.allowLegacy')?.kind, 'flag');
  });

  it('refuse an unknown algorithm name and an out-of-range strength with KW_CONFIG_INVALID', async () => {
    const KEYWARDEN_HOME = await home();
    await assert.rejects(
      loadServerConfig({
        env: { KEYWARDEN_HOME, KEYWARDEN_CRYPTO_ALLOWED_ALGORITHMS: 'AES,ROT13' },
      }),
      { code: 'KW_CONFIG_INVALID' },
    );
    await assert.rejects(
      loadServerConfig({ env: { KEYWARDEN_HOME, KEYWARDEN_CRYPTO_MIN_SECURITY_BITS: '512' } }),
      { code: 'KW_CONFIG_INVALID' },
    );
  });
});
