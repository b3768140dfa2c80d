// 1 MiB AES-256-GCM Encrypt and Decrypt through the real server over TLS (issue #6): the
// ciphertext equals node:crypto's, Decrypt gives the data back, and later requests, whose
// responses reuse the pooled and wiped buffers of earlier ones, still carry exactly their own
// bytes.
import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  ObjectType,
  Operation,
  ResultStatus,
} from '../../../src/kmip/generated/registry.ts';
import { decodeResponseMessage, encodeRequestMessage } from '../../../src/kmip/messages/message.ts';
import { decodeTtlv, encodeTtlv } from '../../../src/kmip/ttlv/index.ts';
import { createDevPki } from '../../../src/pki/index.ts';
import { startKmipServer, type RunningKmipServer } from '../../../src/server/kmip-server.ts';
import { createLogger } from '../../../src/server/logger.ts';
import { adminCredentials, KmipTlsClient } from '../../interop/server/kmip-tls-client.ts';
import { aesKeyAttributes } from '../../support/server-harness.ts';
import { testServerConfig } from '../../support/server-config.ts';

const MIB = 1024 * 1024;
const MAX = 4 * MIB;

describe('startKmipServer: 1 MiB AES-GCM over TLS', { timeout: 120_000 }, () => {
  let dir: string;
  let server: RunningKmipServer;
  let client: KmipTlsClient;
  let keyId = '';

  async function call<T>(operation: keyof typeof Operation, payload: unknown): Promise<T> {
    const request = encodeRequestMessage({
      header: { protocolVersion: { major: 2, minor: 1 }, batchCount: 1 },
      batchItems: [{ kind: 'typed', operation: Operation[operation], payload } as never],
    });
    const bytes = await client.exchange(encodeTtlv(request));
    const [item] = decodeResponseMessage(decodeTtlv(bytes, { maxMessageSize: MAX })).batchItems;
    assert.ok(item !== undefined && item.kind !== 'invalid');
    assert.equal(item.resultStatus, ResultStatus.Success, item.resultMessage);
    return item.payload as T;
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-server-large-'));
    const pki = await createDevPki(join(dir, 'pki'));
    const config = testServerConfig(dir, pki, { maxMessageSize: MAX, maxConnections: 4 });
    const logger = createLogger({ level: 'silent', destination: { write: () => true } });
    server = await startKmipServer({ config, logger });
    client = await KmipTlsClient.connect(server.kmipAddress, await adminCredentials(dir));
    keyId = (
      await call<{ uniqueIdentifier: string }>('Create', {
        objectType: ObjectType.SymmetricKey,
        attributes: { attributes: aesKeyAttributes(256) },
      })
    ).uniqueIdentifier;
    await call('Activate', { uniqueIdentifier: keyId });
  });

  after(async () => {
    client?.destroy();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('encrypts and decrypts 1 MiB three times, each response carrying its own bytes', async () => {
    const params = {
      cryptographicAlgorithm: CryptographicAlgorithm.AES,
      blockCipherMode: BlockCipherMode.GCM,
      tagLength: 16,
    };
    const material = await call<{ objectType: number; object: { keyBlock: unknown } }>('Get', {
      uniqueIdentifier: keyId,
    });
    assert.equal(material.objectType, ObjectType.SymmetricKey);
    for (const size of [MIB, MIB - 5, MIB + 3]) {
      const data = randomBytes(size);
      const iv = randomBytes(12);
      const sealed = await call<{ data: Uint8Array; authenticatedEncryptionTag: Uint8Array }>(
        'Encrypt',
        { uniqueIdentifier: keyId, cryptographicParameters: params, data, ivCounterNonce: iv },
      );
      assert.equal(sealed.data.length, size);
      assert.equal(sealed.authenticatedEncryptionTag.length, 16);
      const opened = await call<{ data: Uint8Array }>('Decrypt', {
        uniqueIdentifier: keyId,
        cryptographicParameters: params,
        data: sealed.data,
        ivCounterNonce: iv,
        authenticatedEncryptionTag: sealed.authenticatedEncryptionTag,
      });
      assert.ok(Buffer.from(opened.data).equals(data), `Decrypt of ${size} bytes gives them back`);
      // Independent check: node:crypto with the same key gives the same ciphertext.
      const keyBytes = keyMaterialOf(material);
      const cipher = createCipheriv('aes-256-gcm', keyBytes, iv);
      const expected = Buffer.concat([cipher.update(data), cipher.final()]);
      assert.ok(Buffer.from(sealed.data).equals(expected));
      assert.ok(Buffer.from(sealed.authenticatedEncryptionTag).equals(cipher.getAuthTag()));
    }
  });
});

/** The raw AES key of a Get response (Key Block → Key Value → Key Material). */
function keyMaterialOf(got: { object: { keyBlock: unknown } }): Uint8Array {
  const block = got.object.keyBlock as { keyValue: { keyMaterial: unknown } };
  const material = block.keyValue.keyMaterial;
  assert.ok(material instanceof Uint8Array, 'Raw key material');
  return material;
}
