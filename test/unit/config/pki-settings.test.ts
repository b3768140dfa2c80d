import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServerConfig, renderConfigToml } from '../../../src/config/index.ts';
import { toLoadOptions } from '../../../src/cli/server-flags.ts';

async function home(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'kw-pki-config-'));
}

describe('[pki] Certify CA settings', () => {
  it('are absent by default (Certify uses the development CA)', async () => {
    const { config } = await loadServerConfig({ env: { KEYWARDEN_HOME: await home() } });
    assert.equal(config.pki, undefined);
  });

  it('come from config.toml, paths relative to the file', async () => {
    const dir = await home();
    await writeFile(
      join(dir, 'config.toml'),
      '[pki]\ncertifyCaCert = "ca/issuing.crt"\ncertifyCaKey = "ca/issuing.key"\n',
    );
    const { config, sources } = await loadServerConfig({ env: { KEYWARDEN_HOME: dir } });
    assert.deepEqual(config.pki, {
      certifyCaCert: join(dir, 'ca/issuing.crt'),
      certifyCaKey: join(dir, 'ca/issuing.key'),
    });
    assert.equal(sources.get('pki.certifyCaKey')?.kind, 'file');
    assert.match(renderConfigToml(config), /\[pki\][^[]*certifyCaCert = "ca\/issuing.crt"/);
  });

  it('come from the --certify-ca-* flags and the KEYWARDEN_PKI_* variables', async () => {
    const dir = await home();
    const options = toLoadOptions(
      { certifyCaCert: '/etc/ca.crt' },
      { env: { KEYWARDEN_HOME: dir, KEYWARDEN_PKI_CERTIFY_CA_KEY: '/etc/ca.key' }, cwd: dir },
    );
    const { config, sources } = await loadServerConfig(options);
    assert.deepEqual(config.pki, { certifyCaCert: '/etc/ca.crt', certifyCaKey: '/etc/ca.key' });
    assert.equal(sources.get('pki.certifyCaCert')?.kind, 'flag');
    assert.equal(sources.get('pki.certifyCaKey')?.kind, 'env');
  });

  it('refuse one without the other with KW_CONFIG_INVALID naming the missing setting', async () => {
    const KEYWARDEN_HOME = await home();
    await assert.rejects(
      loadServerConfig({ env: { KEYWARDEN_HOME, KEYWARDEN_PKI_CERTIFY_CA_CERT: '/etc/ca.crt' } }),
      { code: 'KW_CONFIG_INVALID', setting: 'pki.certifyCaKey' },
    );
    await assert.rejects(
      loadServerConfig({ env: { KEYWARDEN_HOME, KEYWARDEN_PKI_CERTIFY_CA_KEY: '/etc/ca.key' } }),
      { code: 'KW_CONFIG_INVALID', setting: 'pki.certifyCaCert' },
    );
  });
});
