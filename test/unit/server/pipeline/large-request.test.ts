// Issue #6: large Encrypt/Decrypt requests through the pipeline, with the request's Data
// decoded as a view (keepsRequestBytes, as startKmipServer sets it) and, by default, as a copy.
import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  BlockCipherMode,
  CryptographicUsageMask,
  Operation,
  ResultStatus,
} from '../../../../src/kmip/generated/registry.ts';
import {
  decodeResponseMessage,
  decodeTtlv,
  encodeRequestMessage,
  encodeTtlv,
  type OperationPayloads,
} from '../../../../src/kmip/index.ts';
import { SHARED_BYTE_STRING_MIN } from '../../../../src/kmip/ttlv/index.ts';
import {
  createServerHarness,
  message,
  type ServerHarness,
} from '../../../support/server-harness.ts';
import { registerObject, symmetricKey } from '../operations/crypto-fixture.ts';

const MAX_MESSAGE = 2 * 1024 * 1024;
const SIZE = 512 * 1024;
const params = { blockCipherMode: BlockCipherMode.GCM, tagLength: 16 };

type Payload<K extends 'Encrypt' | 'Decrypt'> = OperationPayloads[K];

/** Encodes a 2.1 request of one item; the caller owns (and may overwrite) the bytes. */
function requestBytes<K extends 'Encrypt' | 'Decrypt'>(
  operation: K,
  payload: Payload<K>['request'],
): Uint8Array {
  return encodeTtlv(encodeRequestMessage(message('2.1', [{ operation, payload } as never])));
}

async function run<K extends 'Encrypt' | 'Decrypt'>(
  harness: ServerHarness,
  bytes: Uint8Array,
): Promise<Payload<K>['response']> {
  const response = decodeResponseMessage(
    decodeTtlv(await harness.sendBytes(bytes), { maxMessageSize: MAX_MESSAGE }),
  );
  const [item] = response.batchItems;
  assert.ok(item !== undefined && item.kind === 'typed');
  assert.equal(item.resultStatus, ResultStatus.Success, item.resultMessage);
  assert.ok(item.operation === Operation.Encrypt || item.operation === Operation.Decrypt);
  return item.payload as Payload<K>['response'];
}

for (const keepsRequestBytes of [true, false]) {
  describe(`large AES-GCM requests (keepsRequestBytes ${keepsRequestBytes})`, () => {
    let harness: ServerHarness;
    const key = new Uint8Array(randomBytes(32));
    let id: string;
    before(async () => {
      harness = await createServerHarness({ maxMessageSize: MAX_MESSAGE, keepsRequestBytes });
      id = await registerObject(
        harness,
        symmetricKey('AES', key),
        CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
      );
    });
    after(() => harness.close());

    it('a 512 KiB Encrypt equals node:crypto’s AES-256-GCM; Decrypt gives the data back', async () => {
      const plain = new Uint8Array(randomBytes(SIZE));
      const iv = new Uint8Array(randomBytes(12));
      const aad = new Uint8Array(randomBytes(SHARED_BYTE_STRING_MIN));
      const sealed = await run<'Encrypt'>(
        harness,
        requestBytes('Encrypt', {
          uniqueIdentifier: id,
          cryptographicParameters: params,
          data: plain,
          ivCounterNonce: iv,
          authenticatedEncryptionAdditionalData: aad,
        }),
      );
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
      const expected = Buffer.concat([cipher.update(plain), cipher.final()]);
      assert.deepEqual(sealed.data, new Uint8Array(expected));
      assert.deepEqual(sealed.authenticatedEncryptionTag, new Uint8Array(cipher.getAuthTag()));
      const opened = await run<'Decrypt'>(
        harness,
        requestBytes('Decrypt', {
          uniqueIdentifier: id,
          cryptographicParameters: params,
          data: sealed.data as Uint8Array,
          ivCounterNonce: iv,
          authenticatedEncryptionAdditionalData: aad,
          authenticatedEncryptionTag: sealed.authenticatedEncryptionTag as Uint8Array,
        }),
      );
      assert.deepEqual(opened.data, plain);
    });

    it('a streamed Decrypt keeps its buffered parts intact across requests', async () => {
      const plain = new Uint8Array(randomBytes(SIZE));
      const iv = new Uint8Array(randomBytes(12));
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
      const tag = new Uint8Array(cipher.getAuthTag());
      // AEAD decryption buffers its parts in the stream until the final request.
      const firstBytes = requestBytes('Decrypt', {
        uniqueIdentifier: id,
        cryptographicParameters: params,
        ivCounterNonce: iv,
        data: new Uint8Array(ciphertext.subarray(0, SIZE / 2)),
        initIndicator: true,
      });
      const first = await run<'Decrypt'>(harness, firstBytes);
      // Without keepsRequestBytes the caller may reuse its buffer at once: the part is a copy.
      if (!keepsRequestBytes) firstBytes.fill(0);
      const last = await run<'Decrypt'>(
        harness,
        requestBytes('Decrypt', {
          correlationValue: first.correlationValue as Uint8Array,
          data: new Uint8Array(ciphertext.subarray(SIZE / 2)),
          authenticatedEncryptionTag: tag,
          finalIndicator: true,
        }),
      );
      assert.deepEqual(last.data, plain);
    });
  });
}
