import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadServerConfig } from '../../../src/config/index.ts';
import {
  clientHost,
  formatReadyLine,
  renderConnectionInfo,
  renderPykmipClientSection,
} from '../../../src/cli/connection-info.ts';
import type { InitDataDirResult } from '../../../src/server/bootstrap/index.ts';

const FILES = { certfile: '/d/pki/a.crt', keyfile: '/d/pki/a.key', ca_certs: '/d/pki/ca.crt' };

/** Parses `key=value` lines of an INI section the way Python's ConfigParser reads them. */
function section(text: string): Map<string, string> {
  const lines = text.trim().split('\n');
  assert.equal(lines[0], '[client]');
  return new Map(lines.slice(1).map((line) => line.split('=', 2) as [string, string]));
}

describe('formatReadyLine', () => {
  it('prints host:port, with IPv6 addresses in brackets', () => {
    assert.equal(
      formatReadyLine({ host: '127.0.0.1', port: 5696 }),
      'keywarden: KMIP listening on 127.0.0.1:5696\n',
    );
    assert.equal(
      formatReadyLine({ host: '::1', port: 15 }),
      'keywarden: KMIP listening on [::1]:15\n',
    );
  });
});

describe('clientHost', () => {
  it('turns wildcard bind addresses into loopback and keeps others', () => {
    assert.equal(clientHost('0.0.0.0'), '127.0.0.1');
    assert.equal(clientHost('::'), '127.0.0.1');
    assert.equal(clientHost('10.1.2.3'), '10.1.2.3');
  });
});

describe('renderPykmipClientSection', () => {
  it('writes the options PyKMIP 0.10 ConfigHelper reads, with a TLS setting its wrap_socket accepts', () => {
    const values = section(renderPykmipClientSection('127.0.0.1', 5697, FILES));
    assert.deepEqual(Object.fromEntries(values), {
      host: '127.0.0.1',
      port: '5697',
      certfile: FILES.certfile,
      keyfile: FILES.keyfile,
      ca_certs: FILES.ca_certs,
      cert_reqs: 'CERT_REQUIRED',
      ssl_version: 'PROTOCOL_TLS',
      do_handshake_on_connect: 'True',
      suppress_ragged_eofs: 'True',
    });
  });
});

describe('renderConnectionInfo', () => {
  async function render(flags: Record<string, unknown>) {
    const { config } = await loadServerConfig({ env: {}, flags: { dataDir: '/d', ...flags } });
    const pki = {
      caCert: '/d/pki/ca.crt',
      caKey: '/d/pki/ca.key',
      serverCert: '/d/pki/server.crt',
      serverKey: '/d/pki/server.key',
      adminCert: '/d/pki/client-admin.crt',
      adminKey: '/d/pki/client-admin.key',
    };
    const init: InitDataDirResult = {
      created: ['/d', '/d/master.key'],
      paths: {
        dataDir: '/d',
        configFile: '/d/config.toml',
        masterKeyFile: '/d/master.key',
        database: '/d/keywarden.db',
        pki,
      },
      warnings: [],
    };
    return renderConnectionInfo({ config, init, configFile: undefined, port: 4242 });
  }

  it('lists the files, marks what was created, and gives the admin client section', async () => {
    const text = await render({});
    assert.match(text, /^Keywarden data folder \/d \(created\)$/m);
    assert.match(text, /master key {2}\/d\/master\.key {2}\(created\)$/m);
    assert.match(text, /database {4}\/d\/keywarden\.db$/m);
    assert.match(text, /^certfile=\/d\/pki\/client-admin\.crt$/m);
    assert.match(text, /^port=4242$/m);
    assert.match(text, /python3 -m kmip\.demos\.pie\.create -s pykmip\.conf -c client/);
    assert.match(
      text,
      /^ {2}keywarden kmip create -a AES -l 256 --server 127\.0\.0\.1:4242 --ca \/d\/pki\/ca\.crt --cert \/d\/pki\/client-admin\.crt --key \/d\/pki\/client-admin\.key$/m,
    );
  });

  it('leaves the admin certificate out when the listener trusts another CA', async () => {
    const text = await render({ kmip: { caFile: '/elsewhere/ca.crt' } });
    assert.doesNotMatch(text, /client-admin/);
    assert.match(text, /^certfile=<client certificate/m);
  });
});
