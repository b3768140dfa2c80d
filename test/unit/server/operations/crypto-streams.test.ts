import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createHmac, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import {
  BlockCipherMode,
  CryptographicUsageMask,
  HashingAlgorithm,
  PaddingMethod,
  ResultReason,
  ValidityIndicator,
} from '../../../../src/kmip/generated/registry.ts';
import { createStreamRegistry } from '../../../../src/server/operations/crypto-streams.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import { asymmetricKey, failure, ok, registerObject, symmetricKey } from './crypto-fixture.ts';

const bytes = (n: number) => new Uint8Array(randomBytes(n));
const hexBytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

describe('streamed operations (Init Indicator, Correlation Value, Final Indicator)', () => {
  let harness: ServerHarness;
  const key = bytes(16);
  let aesId: string;
  before(async () => {
    harness = await createServerHarness({
      streams: createStreamRegistry({
        maxStreamBytes: 4096,
        maxStreamsPerConnection: 2,
        maxConnections: 8,
      }),
    });
    aesId = await registerObject(
      harness,
      symmetricKey('AES', key),
      CryptographicUsageMask.Encrypt | CryptographicUsageMask.MACGenerate,
    );
  });
  after(() => harness.close());

  it('Encrypt in three parts answers each part with its ciphertext; together the one-shot AES-CBC result', async () => {
    const iv = bytes(16);
    const parts = [bytes(10), bytes(20), bytes(7)];
    const params = { blockCipherMode: BlockCipherMode.CBC, paddingMethod: PaddingMethod.PKCS5 };
    const first = await ok(harness, 'Encrypt', {
      uniqueIdentifier: aesId,
      cryptographicParameters: params,
      data: parts[0],
      ivCounterNonce: iv,
      initIndicator: true,
    });
    const correlationValue = first.correlationValue as Uint8Array;
    assert.equal(first.data, undefined, 'no whole block yet: no Data');
    const second = await ok(harness, 'Encrypt', { correlationValue, data: parts[1] });
    assert.equal(second.uniqueIdentifier, aesId);
    assert.equal(second.data?.length, 16, 'one whole block of the 30 bytes so far');
    const last = await ok(harness, 'Encrypt', {
      correlationValue,
      data: parts[2],
      finalIndicator: true,
    });
    const c = createCipheriv('aes-128-cbc', key, iv);
    const all = Buffer.concat(parts);
    assert.deepEqual(
      Buffer.concat([second.data as Uint8Array, last.data as Uint8Array]),
      Buffer.concat([c.update(all), c.final()]),
    );
    const gone = await failure(harness, 'Encrypt', { correlationValue, data: bytes(1) });
    assert.equal(gone.reason, ResultReason.InvalidField, 'the stream ended');
  });

  it('issue #6: streamed AES-GCM answers each part (CS-BC-M-GCM-3, GCM test case 5)', async () => {
    const id = await registerObject(
      harness,
      symmetricKey('AES', hexBytes('feffe9928665731c6d6a8f9467308308')),
      CryptographicUsageMask.Encrypt,
    );
    const params = { blockCipherMode: BlockCipherMode.GCM, tagLength: 16 };
    const first = await ok(harness, 'Encrypt', {
      uniqueIdentifier: id,
      cryptographicParameters: params,
      data: hexBytes('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72'),
      ivCounterNonce: hexBytes('cafebabefacedbad'),
      authenticatedEncryptionAdditionalData: hexBytes('feedfacedeadbeeffeedfacedeadbeefabaddad2'),
      initIndicator: true,
    });
    assert.deepEqual(
      first.data,
      hexBytes('61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c7423'),
    );
    const last = await ok(harness, 'Encrypt', {
      correlationValue: first.correlationValue as Uint8Array,
      data: hexBytes('1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39'),
      finalIndicator: true,
    });
    assert.deepEqual(
      last.data,
      hexBytes('73806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598'),
    );
    assert.deepEqual(last.authenticatedEncryptionTag, hexBytes('3612d2e79e3b0785561be14aaca2fccb'));
  });

  it('streamed CBC Decrypt holds back the last block; bad padding at the end is Cryptographic Failure', async () => {
    const id = await registerObject(
      harness,
      symmetricKey('AES', key),
      CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
    );
    const params = { blockCipherMode: BlockCipherMode.CBC, paddingMethod: PaddingMethod.PKCS5 };
    const first = await ok(harness, 'Encrypt', {
      uniqueIdentifier: id,
      cryptographicParameters: params,
      data: bytes(1),
      initIndicator: true,
    });
    assert.equal(first.ivCounterNonce?.length, 16, 'a generated IV comes with the first part');
    const ended = await ok(harness, 'Encrypt', {
      correlationValue: first.correlationValue as Uint8Array,
      finalIndicator: true,
    });
    assert.equal(ended.data?.length, 16, 'one padded block');
    assert.equal(ended.ivCounterNonce, undefined, 'the IV is not repeated');
    const plain = bytes(33);
    const c = createCipheriv('aes-128-cbc', key, first.ivCounterNonce as Uint8Array);
    const ciphertext = Buffer.concat([c.update(plain), c.final()]);
    const open = (data: Uint8Array) =>
      ok(harness, 'Decrypt', {
        uniqueIdentifier: id,
        cryptographicParameters: params,
        ivCounterNonce: first.ivCounterNonce as Uint8Array,
        data,
        initIndicator: true,
      });
    const d1 = await open(ciphertext.subarray(0, 16));
    assert.equal(d1.data, undefined, 'the only block so far may be the padded one');
    const d2 = await ok(harness, 'Decrypt', {
      correlationValue: d1.correlationValue as Uint8Array,
      data: ciphertext.subarray(16),
      finalIndicator: true,
    });
    assert.deepEqual(d2.data, plain);
    const bad = await open(bytes(16));
    const failed = await failure(harness, 'Decrypt', {
      correlationValue: bad.correlationValue as Uint8Array,
      data: bytes(16),
      finalIndicator: true,
    });
    assert.equal(failed.reason, ResultReason.CryptographicFailure);
    assert.equal(failed.message, 'decryption failed');
  });

  it('MAC and Hash streamed equal their one-shot results', async () => {
    const parts = [bytes(5), bytes(50)];
    const params = { cryptographicAlgorithm: 9 /* HMAC_SHA256 */ };
    const first = await ok(harness, 'MAC', {
      uniqueIdentifier: aesId,
      cryptographicParameters: params,
      data: parts[0],
      initIndicator: true,
    });
    const mac = await ok(harness, 'MAC', {
      correlationValue: first.correlationValue as Uint8Array,
      data: parts[1],
      finalIndicator: true,
    });
    assert.deepEqual(
      mac.macData,
      new Uint8Array(createHmac('sha256', key).update(Buffer.concat(parts)).digest()),
    );
    const hashParams = { hashingAlgorithm: HashingAlgorithm.SHA_256 };
    const h1 = await ok(harness, 'Hash', {
      cryptographicParameters: hashParams,
      data: parts[0],
      initIndicator: true,
    });
    const h2 = await ok(harness, 'Hash', {
      cryptographicParameters: hashParams,
      correlationValue: h1.correlationValue as Uint8Array,
      data: parts[1],
      finalIndicator: true,
    });
    const oneShot = await ok(harness, 'Hash', {
      cryptographicParameters: hashParams,
      data: new Uint8Array(Buffer.concat(parts)),
    });
    assert.deepEqual(h2.data, oneShot.data);
  });

  it('Sign streamed with Ed25519 verifies with OpenSSL', async () => {
    const pair = generateKeyPairSync('ed25519');
    const der = new Uint8Array(pair.privateKey.export({ format: 'der', type: 'pkcs8' }));
    const id = await registerObject(
      harness,
      asymmetricKey('PrivateKey', 'Ed25519', 'PKCS_8', der, 256),
      CryptographicUsageMask.Sign,
    );
    const parts = [bytes(3), bytes(4)];
    const first = await ok(harness, 'Sign', {
      uniqueIdentifier: id,
      data: parts[0],
      initIndicator: true,
    });
    const last = await ok(harness, 'Sign', {
      correlationValue: first.correlationValue as Uint8Array,
      data: parts[1],
      finalIndicator: true,
    });
    assert.ok(verify(null, Buffer.concat(parts), pair.publicKey, last.signatureData as Uint8Array));
  });

  it('Decrypt streamed with the GCM tag in the final request, MACVerify with MAC Data in it', async () => {
    const id = await registerObject(
      harness,
      symmetricKey('AES', key),
      CryptographicUsageMask.Encrypt |
        CryptographicUsageMask.Decrypt |
        CryptographicUsageMask.MACGenerate |
        CryptographicUsageMask.MACVerify,
    );
    const params = { blockCipherMode: BlockCipherMode.GCM };
    const iv = bytes(12);
    const plain = bytes(50);
    const sealed = await ok(harness, 'Encrypt', {
      uniqueIdentifier: id,
      cryptographicParameters: params,
      data: plain,
      ivCounterNonce: iv,
    });
    const ciphertext = sealed.data as Uint8Array;
    const first = await ok(harness, 'Decrypt', {
      uniqueIdentifier: id,
      cryptographicParameters: params,
      ivCounterNonce: iv,
      data: ciphertext.subarray(0, 20),
      initIndicator: true,
    });
    const last = await ok(harness, 'Decrypt', {
      correlationValue: first.correlationValue as Uint8Array,
      data: ciphertext.subarray(20),
      authenticatedEncryptionTag: sealed.authenticatedEncryptionTag as Uint8Array,
      finalIndicator: true,
    });
    assert.deepEqual(last.data, plain);

    const macParams = { cryptographicAlgorithm: 9 /* HMAC_SHA256 */ };
    const macData = new Uint8Array(createHmac('sha256', key).update(plain).digest());
    const m1 = await ok(harness, 'MACVerify', {
      uniqueIdentifier: id,
      cryptographicParameters: macParams,
      data: plain.subarray(0, 10),
      initIndicator: true,
    });
    assert.equal(m1.validityIndicator, undefined, 'no verdict before the end');
    const m2 = await ok(harness, 'MACVerify', {
      correlationValue: m1.correlationValue as Uint8Array,
      data: plain.subarray(10),
      macData,
      finalIndicator: true,
    });
    assert.equal(m2.validityIndicator, ValidityIndicator.Valid);
  });

  it('KMIP 1.2 has no Init Indicator: such a request runs in one shot', async () => {
    const out = await ok(
      harness,
      'Encrypt',
      { uniqueIdentifier: aesId, data: bytes(16), initIndicator: true },
      '1.2',
    );
    assert.equal(out.data?.length, 16, 'CBC of one block, no padding asked');
    assert.equal(out.correlationValue, undefined);
  });

  it('an unknown Correlation Value is Invalid Field', async () => {
    const result = await failure(harness, 'Encrypt', {
      correlationValue: bytes(16),
      data: bytes(16),
      finalIndicator: true,
    });
    assert.equal(result.reason, ResultReason.InvalidField);
  });

  it('bounds the data of a stream (Invalid Field) and drops the stream', async () => {
    const first = await ok(harness, 'MAC', {
      uniqueIdentifier: aesId,
      data: bytes(4000),
      initIndicator: true,
      cryptographicParameters: { cryptographicAlgorithm: 9 },
    });
    const correlationValue = first.correlationValue as Uint8Array;
    assert.equal(
      (await failure(harness, 'MAC', { correlationValue, data: bytes(200) })).reason,
      ResultReason.InvalidField,
    );
    const gone = await failure(harness, 'MAC', {
      correlationValue,
      data: bytes(1),
      finalIndicator: true,
    });
    assert.equal(gone.reason, ResultReason.InvalidField);
  });

  it('bounds the open streams of a connection (Permission Denied)', async () => {
    const open = () =>
      ok(harness, 'Hash', {
        cryptographicParameters: { hashingAlgorithm: HashingAlgorithm.SHA_256 },
        data: bytes(1),
        initIndicator: true,
      });
    await open();
    await open();
    const third = await failure(harness, 'Hash', {
      cryptographicParameters: { hashingAlgorithm: HashingAlgorithm.SHA_256 },
      data: bytes(1),
      initIndicator: true,
    });
    assert.equal(third.reason, ResultReason.PermissionDenied);
  });
});

describe('createStreamRegistry', () => {
  const limits = { maxStreamBytes: 100, maxStreamsPerConnection: 1, maxConnections: 2 };
  const start = { operation: 'Hash', objectId: undefined, init: {}, data: new Uint8Array(1) };

  it('forgets a connection when its signal aborts', () => {
    const registry = createStreamRegistry(limits);
    const controller = new AbortController();
    const correlation = registry.forConnection('c1', controller.signal).open(start);
    controller.abort();
    assert.throws(
      () => registry.forConnection('c1', undefined).finish(correlation, 'Hash', new Uint8Array()),
      {
        code: 'KW_KMIP_RESULT',
      },
    );
  });

  it('drops the oldest connection beyond maxConnections', () => {
    const registry = createStreamRegistry(limits);
    const correlation = registry.forConnection('a', undefined).open(start);
    registry.forConnection('b', undefined);
    registry.forConnection('c', undefined);
    assert.throws(
      () => registry.forConnection('a', undefined).finish(correlation, 'Hash', new Uint8Array()),
      {
        code: 'KW_KMIP_RESULT',
      },
    );
  });

  it('keeps streams of different connections apart and checks the operation', () => {
    const registry = createStreamRegistry(limits);
    const correlation = registry.forConnection('a', undefined).open(start);
    assert.throws(() =>
      registry.forConnection('b', undefined).append(correlation, 'Hash', new Uint8Array()),
    );
    assert.throws(() =>
      registry.forConnection('a', undefined).append(correlation, 'MAC', new Uint8Array()),
    );
    const done = registry
      .forConnection('a', undefined)
      .finish(correlation, 'Hash', Uint8Array.of(7));
    assert.deepEqual(done.data, Uint8Array.of(0, 7));
  });
});
