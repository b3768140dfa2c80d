// startKmipServer with `[pki] certifyCaCert/certifyCaKey`: Certify over TLS signs with the
// operator's CA (not the development CA), and a bad CA stops the start.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import type { ServerConfig } from '../../../src/config/index.ts';
import { webcrypto, type WebCryptoKeyPair } from '../../../src/crypto/index.ts';
import { CertificateRequestType, ResultStatus } from '../../../src/kmip/generated/registry.ts';
import type { ResponseBatchItem } from '../../../src/kmip/messages/batch-item.ts';
import { encodeRequestMessage, type RequestMessage } from '../../../src/kmip/messages/message.ts';
import { encodeTtlv, TtlvMessageReader } from '../../../src/kmip/ttlv/index.ts';
import { createDevPki } from '../../../src/pki/index.ts';
import { x509 } from '../../../src/pki/x509-lib.ts';
import { startKmipServer, type RunningKmipServer } from '../../../src/server/kmip-server.ts';
import { createLogger } from '../../../src/server/logger.ts';
import { decodeResponse, message } from '../../support/server-harness.ts';
import { CA_EXTENSIONS, opensslCert, opensslKey, type CaFiles } from '../pki/certify-ca-fixture.ts';
import { testServerConfig } from '../../support/server-config.ts';

async function csrDer(): Promise<Uint8Array> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ])) as WebCryptoKeyPair;
  const request = await x509.Pkcs10CertificateRequestGenerator.create(
    { name: 'CN=device-7', keys, signingAlgorithm: algorithm },
    webcrypto,
  );
  return new Uint8Array(request.rawData);
}

/** One request over a fresh TLS connection. */
async function exchange(
  port: number,
  credentials: { ca: string; cert: string; key: string },
  request: RequestMessage,
): Promise<Exclude<ResponseBatchItem, { kind: 'invalid' }>> {
  const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ...credentials });
  const reader = new TtlvMessageReader();
  try {
    const bytes = await new Promise<Uint8Array>((resolve, reject) => {
      socket.on('error', reject);
      socket.on('data', (chunk: Buffer) => {
        const [first] = reader.push(chunk);
        if (first !== undefined) resolve(first);
      });
      socket.write(encodeTtlv(encodeRequestMessage(request)));
    });
    const [item] = decodeResponse(bytes).batchItems;
    assert.ok(item !== undefined && item.kind !== 'invalid');
    return item;
  } finally {
    socket.destroy();
  }
}

describe('startKmipServer with a configured Certify CA', () => {
  let dir: string;
  let config: ServerConfig;
  let ca: CaFiles;
  let server: RunningKmipServer;
  let admin: { ca: string; cert: string; key: string };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-certify-ca-server-'));
    const pki = await createDevPki(join(dir, 'pki'));
    admin = {
      ca: await readFile(pki.paths.caCert, 'utf8'),
      cert: await readFile(pki.paths.adminCert, 'utf8'),
      key: await readFile(pki.paths.adminKey, 'utf8'),
    };
    ca = await opensslCert(
      dir,
      'issuing-ca',
      await opensslKey(dir, 'issuing', 'rsa'),
      CA_EXTENSIONS,
    );
    config = {
      ...testServerConfig(dir, pki),
      pki: { certifyCaCert: ca.certFile, certifyCaKey: ca.keyFile },
    };
    server = await startKmipServer({ config, logger: createLogger({ level: 'silent' }) });
  });

  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('signs Certify certificates with the configured CA, not the development CA', async () => {
    const certified = await exchange(
      server.kmipAddress.port,
      admin,
      message('2.1', [
        {
          operation: 'Certify',
          payload: {
            certificateRequestType: CertificateRequestType.PKCS_10,
            certificateRequestValue: await csrDer(),
          },
        },
      ]),
    );
    assert.equal(certified.resultStatus, ResultStatus.Success);
    const id = (certified.payload as { uniqueIdentifier: string }).uniqueIdentifier;
    const got = await exchange(
      server.kmipAddress.port,
      admin,
      message('2.1', [{ operation: 'Get', payload: { uniqueIdentifier: id } }]),
    );
    const object = (got.payload as { object: { certificateValue: Uint8Array } }).object;
    const leaf = new X509Certificate(object.certificateValue);
    const issuing = new X509Certificate(await readFile(ca.certFile));
    assert.ok(leaf.checkIssued(issuing));
    assert.ok(leaf.verify(issuing.publicKey));
    assert.equal(leaf.subject, 'CN=device-7');
    assert.equal(leaf.verify(new X509Certificate(admin.ca).publicKey), false);
  });

  it('refuses to start when the configured CA certificate is not a CA', async () => {
    const leaf = await opensslCert(dir, 'leaf', ca.keyFile, ['basicConstraints = CA:FALSE']);
    await assert.rejects(
      startKmipServer({
        config: {
          ...config,
          store: { backend: 'sqlite', path: join(dir, 'other.db') },
          pki: { certifyCaCert: leaf.certFile, certifyCaKey: leaf.keyFile },
        },
        logger: createLogger({ level: 'silent' }),
      }),
      { code: 'KW_PKI_CERTIFY_CA', setting: 'pki.certifyCaCert', problem: 'not-ca' },
    );
  });
});
