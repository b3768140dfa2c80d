import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  constants,
  createCipheriv,
  createDecipheriv,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes as nodeRandomBytes,
} from 'node:crypto';
import {
  BlockCipherMode,
  CryptographicUsageMask,
  HashingAlgorithm,
  PaddingMethod,
  ResultReason,
  RevocationReasonCode,
  CryptographicAlgorithm,
} from '../../../../src/kmip/generated/registry.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import { asymmetricKey, failure, ok, registerObject, symmetricKey } from './crypto-fixture.ts';

const ENC_DEC = CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt;
const randomBytes = (n: number) => new Uint8Array(nodeRandomBytes(n));
const bytes = (hex: string) => new Uint8Array(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));

describe('Encrypt and Decrypt', () => {
  let harness: ServerHarness;
  const aesKey = randomBytes(32);
  let aesId: string;
  before(async () => {
    harness = await createServerHarness();
    aesId = await registerObject(harness, symmetricKey('AES', aesKey), ENC_DEC);
  });
  after(() => harness.close());

  it('encrypts AES-256-CBC with PKCS5 padding and the client IV exactly as OpenSSL does', async () => {
    const iv = randomBytes(16);
    const data = randomBytes(45);
    const out = await ok(harness, 'Encrypt', {
      uniqueIdentifier: aesId,
      cryptographicParameters: {
        blockCipherMode: BlockCipherMode.CBC,
        paddingMethod: PaddingMethod.PKCS5,
      },
      data,
      ivCounterNonce: iv,
    });
    const c = createCipheriv('aes-256-cbc', aesKey, iv);
    assert.deepEqual(out.data, new Uint8Array(Buffer.concat([c.update(data), c.final()])));
    assert.equal(out.ivCounterNonce, undefined, 'a client IV is not returned');
  });

  it('generates the IV when none is given, returns it, and Decrypt reverses it', async () => {
    const data = new TextEncoder().encode('attack at dawn');
    const params = { blockCipherMode: BlockCipherMode.CBC, paddingMethod: PaddingMethod.PKCS5 };
    const out = await ok(harness, 'Encrypt', {
      uniqueIdentifier: aesId,
      cryptographicParameters: params,
      data,
    });
    assert.equal(out.ivCounterNonce?.length, 16);
    const d = createDecipheriv('aes-256-cbc', aesKey, out.ivCounterNonce as Uint8Array);
    assert.deepEqual(
      Buffer.concat([d.update(out.data as Uint8Array), d.final()]),
      Buffer.from(data),
    );
    const back = await ok(harness, 'Decrypt', {
      uniqueIdentifier: aesId,
      cryptographicParameters: params,
      data: out.data as Uint8Array,
      ivCounterNonce: out.ivCounterNonce as Uint8Array,
    });
    assert.deepEqual(back.data, data);
  });

  for (const [mode, name, ivLength] of [
    ['ECB', 'aes-256-ecb', 0],
    ['CTR', 'aes-256-ctr', 16],
    ['CFB', 'aes-256-cfb', 16],
    ['OFB', 'aes-256-ofb', 16],
  ] as const) {
    it(`matches OpenSSL for AES-256-${mode} and round-trips`, async () => {
      const iv = ivLength === 0 ? undefined : randomBytes(ivLength);
      const data = randomBytes(64);
      const params = { blockCipherMode: BlockCipherMode[mode], paddingMethod: PaddingMethod.None };
      const out = await ok(harness, 'Encrypt', {
        uniqueIdentifier: aesId,
        cryptographicParameters: params,
        data,
        ...(iv === undefined ? {} : { ivCounterNonce: iv }),
      });
      const c = createCipheriv(name, aesKey, iv ?? null).setAutoPadding(false);
      assert.deepEqual(out.data, new Uint8Array(Buffer.concat([c.update(data), c.final()])));
      const back = await ok(harness, 'Decrypt', {
        uniqueIdentifier: aesId,
        cryptographicParameters: params,
        data: out.data as Uint8Array,
        ...(iv === undefined ? {} : { ivCounterNonce: iv }),
      });
      assert.deepEqual(back.data, data);
    });
  }

  it('AES-GCM: tag of the asked length over AAD, as OpenSSL computes it; round-trips', async () => {
    const iv = randomBytes(12);
    const aad = randomBytes(20);
    const data = randomBytes(33);
    const params = { blockCipherMode: BlockCipherMode.GCM, tagLength: 12 };
    const out = await ok(harness, 'Encrypt', {
      uniqueIdentifier: aesId,
      cryptographicParameters: params,
      data,
      ivCounterNonce: iv,
      authenticatedEncryptionAdditionalData: aad,
    });
    const c = createCipheriv('aes-256-gcm', aesKey, iv, { authTagLength: 12 });
    c.setAAD(aad);
    assert.deepEqual(out.data, new Uint8Array(Buffer.concat([c.update(data), c.final()])));
    assert.deepEqual(out.authenticatedEncryptionTag, new Uint8Array(c.getAuthTag()));
    const back = await ok(harness, 'Decrypt', {
      uniqueIdentifier: aesId,
      cryptographicParameters: params,
      data: out.data as Uint8Array,
      ivCounterNonce: iv,
      authenticatedEncryptionAdditionalData: aad,
      authenticatedEncryptionTag: out.authenticatedEncryptionTag as Uint8Array,
    });
    assert.deepEqual(back.data, data);
  });

  it('AES-GCM: a wrong tag and wrong AAD both fail with Cryptographic Failure and the same fixed message', async () => {
    const iv = randomBytes(12);
    const aad = randomBytes(8);
    const params = { blockCipherMode: BlockCipherMode.GCM };
    const out = await ok(harness, 'Encrypt', {
      uniqueIdentifier: aesId,
      cryptographicParameters: params,
      data: randomBytes(40),
      ivCounterNonce: iv,
      authenticatedEncryptionAdditionalData: aad,
    });
    const tag = Uint8Array.from(out.authenticatedEncryptionTag as Uint8Array);
    tag[0] = (tag[0] ?? 0) ^ 1;
    const base = {
      uniqueIdentifier: aesId,
      cryptographicParameters: params,
      data: out.data as Uint8Array,
      ivCounterNonce: iv,
    };
    const badTag = await failure(harness, 'Decrypt', {
      ...base,
      authenticatedEncryptionAdditionalData: aad,
      authenticatedEncryptionTag: tag,
    });
    const badAad = await failure(harness, 'Decrypt', {
      ...base,
      authenticatedEncryptionAdditionalData: randomBytes(8),
      authenticatedEncryptionTag: out.authenticatedEncryptionTag as Uint8Array,
    });
    assert.equal(badTag.reason, ResultReason.CryptographicFailure);
    assert.equal(badAad.reason, ResultReason.CryptographicFailure);
    assert.equal(badTag.message, badAad.message);
  });

  it('without a Padding Method, one AES-ECB block encrypts to one block and back (CS-BC-M-4, -5)', async () => {
    const id = await registerObject(
      harness,
      symmetricKey('AES', bytes('0123456789abcdef0123456789abcdef')),
      ENC_DEC,
    );
    const params = { blockCipherMode: BlockCipherMode.ECB };
    const out = await ok(harness, 'Encrypt', {
      uniqueIdentifier: id,
      cryptographicParameters: params,
      data: bytes('01020304050607080910111213141516'),
    });
    assert.deepEqual(out.data, bytes('d9bcce11b0b437b90239552df3a360c9'));
    const back = await ok(harness, 'Decrypt', {
      uniqueIdentifier: id,
      cryptographicParameters: params,
      data: bytes('d9bcce11b0b437b90239552df3a360c9'),
    });
    assert.deepEqual(back.data, bytes('01020304050607080910111213141516'));
    const partial = await failure(harness, 'Encrypt', {
      uniqueIdentifier: id,
      cryptographicParameters: params,
      data: bytes('0102'),
    });
    assert.equal(partial.reason, ResultReason.InvalidField, 'no padding: whole blocks only');
  });

  it('issue #6: past its Protect Stop Date a key cannot Encrypt, before its Process Start Date not Decrypt (CS-BC-M-14)', async () => {
    const now = Date.now();
    const id = await registerObject(harness, symmetricKey('AES', aesKey), ENC_DEC, {
      extra: [
        { name: 'ProtectStopDate', value: new Date(now - 3_600_000) },
        { name: 'ProcessStartDate', value: new Date(now + 3_600_000) },
      ],
    });
    const params = { blockCipherMode: BlockCipherMode.ECB };
    const enc = { uniqueIdentifier: id, cryptographicParameters: params, data: randomBytes(16) };
    assert.equal(
      (await failure(harness, 'Encrypt', enc)).reason,
      ResultReason.WrongKeyLifecycleState,
    );
    assert.equal(
      (await failure(harness, 'Decrypt', enc, '1.4')).reason,
      ResultReason.PermissionDenied,
    );
  });

  it('issue #6: ChaCha20 with a 12-byte nonce and Initial Counter Value (RFC 8439 §2.4.2), or an 8-byte one', async () => {
    const id = await registerObject(
      harness,
      symmetricKey(
        'ChaCha20',
        bytes('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'),
      ),
      ENC_DEC,
    );
    const plain = new TextEncoder().encode(
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
    );
    const out = await ok(harness, 'Encrypt', {
      uniqueIdentifier: id,
      cryptographicParameters: { initialCounterValue: 1 },
      data: plain,
      ivCounterNonce: bytes('000000000000004a00000000'),
    });
    assert.equal(
      Buffer.from(out.data as Uint8Array)
        .toString('hex')
        .slice(0, 32),
      '6e2e359a2568f98041ba0728dd0d6981',
    );
    const eight = await ok(harness, 'Encrypt', {
      uniqueIdentifier: id,
      data: plain,
      ivCounterNonce: bytes('0000000000000001'),
    });
    const back = await ok(harness, 'Decrypt', {
      uniqueIdentifier: id,
      data: eight.data as Uint8Array,
      ivCounterNonce: bytes('0000000000000001'),
    });
    assert.deepEqual(back.data, plain);
  });

  it('issue #6: ChaCha20-Poly1305 verifies a tag truncated to 12 bytes (CS-BC-M-CHACHA20POLY1305-1)', async () => {
    const key = randomBytes(32);
    const id = await registerObject(harness, symmetricKey('ChaCha20Poly1305', key), ENC_DEC);
    const iv = randomBytes(12);
    const data = randomBytes(40);
    const out = await ok(harness, 'Encrypt', {
      uniqueIdentifier: id,
      data,
      ivCounterNonce: iv,
    });
    const back = await ok(harness, 'Decrypt', {
      uniqueIdentifier: id,
      cryptographicParameters: { tagLength: 12 },
      data: out.data as Uint8Array,
      ivCounterNonce: iv,
      authenticatedEncryptionTag: (out.authenticatedEncryptionTag as Uint8Array).subarray(0, 12),
    });
    assert.deepEqual(back.data, data);
  });

  it('a CBC padding failure is the same Cryptographic Failure (no padding oracle)', async () => {
    const result = await failure(harness, 'Decrypt', {
      uniqueIdentifier: aesId,
      cryptographicParameters: {
        blockCipherMode: BlockCipherMode.CBC,
        paddingMethod: PaddingMethod.PKCS5,
      },
      data: randomBytes(32),
      ivCounterNonce: randomBytes(16),
    });
    assert.equal(result.reason, ResultReason.CryptographicFailure);
    assert.equal(result.message, 'decryption failed');
  });

  it('AES-XTS (two 128-bit keys) matches OpenSSL', async () => {
    const key = randomBytes(32);
    const id = await registerObject(harness, symmetricKey('AES', key), ENC_DEC);
    const tweak = randomBytes(16);
    const data = randomBytes(48);
    const out = await ok(harness, 'Encrypt', {
      uniqueIdentifier: id,
      cryptographicParameters: { blockCipherMode: BlockCipherMode.XTS },
      data,
      ivCounterNonce: tweak,
    });
    const c = createCipheriv('aes-128-xts', key, tweak);
    assert.deepEqual(out.data, new Uint8Array(Buffer.concat([c.update(data), c.final()])));
  });

  it('NIST key wrap reproduces RFC 3394 §4.1 and AES key wrap with padding round-trips', async () => {
    const kek = bytes('000102030405060708090A0B0C0D0E0F');
    const id = await registerObject(harness, symmetricKey('AES', kek), ENC_DEC);
    const out = await ok(harness, 'Encrypt', {
      uniqueIdentifier: id,
      cryptographicParameters: { blockCipherMode: BlockCipherMode.NISTKeyWrap },
      data: bytes('00112233445566778899AABBCCDDEEFF'),
    });
    assert.deepEqual(out.data, bytes('1FA68B0A8112B447 AEF34BD8FB5A7B82 9D3E862371D2CFE5'));
    const params = { blockCipherMode: BlockCipherMode.AESKeyWrapPadding };
    const secret = randomBytes(20);
    const wrapped = await ok(harness, 'Encrypt', {
      uniqueIdentifier: id,
      cryptographicParameters: params,
      data: secret,
    });
    const back = await ok(harness, 'Decrypt', {
      uniqueIdentifier: id,
      cryptographicParameters: params,
      data: wrapped.data as Uint8Array,
    });
    assert.deepEqual(back.data, new Uint8Array(secret));
  });

  it('3DES-CBC and Camellia-CBC match OpenSSL', async () => {
    for (const [algorithm, name, keyLength, block] of [
      ['DES3', 'des-ede3-cbc', 24, 8],
      ['Camellia', 'camellia-128-cbc', 16, 16],
    ] as const) {
      const key = randomBytes(keyLength);
      const id = await registerObject(harness, symmetricKey(algorithm, key), ENC_DEC);
      const iv = randomBytes(block);
      const data = randomBytes(30);
      const out = await ok(harness, 'Encrypt', {
        uniqueIdentifier: id,
        cryptographicParameters: {
          blockCipherMode: BlockCipherMode.CBC,
          paddingMethod: PaddingMethod.PKCS5,
        },
        data,
        ivCounterNonce: iv,
      });
      const c = createCipheriv(name, key, iv);
      assert.deepEqual(
        out.data,
        new Uint8Array(Buffer.concat([c.update(data), c.final()])),
        algorithm,
      );
    }
  });

  it('generates an IV of the asked IV Length (bits) and returns it', async () => {
    const data = randomBytes(16);
    const params = { blockCipherMode: BlockCipherMode.GCM, randomIV: true, ivLength: 96 };
    const out = await ok(harness, 'Encrypt', {
      uniqueIdentifier: aesId,
      cryptographicParameters: params,
      data,
    });
    assert.equal(out.ivCounterNonce?.length, 12);
    const c = createCipheriv('aes-256-gcm', aesKey, out.ivCounterNonce as Uint8Array);
    assert.deepEqual(out.data, new Uint8Array(Buffer.concat([c.update(data), c.final()])));
    const bad = await failure(harness, 'Encrypt', {
      uniqueIdentifier: aesId,
      cryptographicParameters: { ...params, ivLength: 12 },
      data,
    });
    assert.equal(bad.reason, ResultReason.InvalidField);
  });

  it('takes the Cryptographic Parameters from the key attribute when the request has none', async () => {
    const id = await registerObject(harness, symmetricKey('AES', aesKey), ENC_DEC, {
      extra: [{ name: 'CryptographicParameters', value: { blockCipherMode: BlockCipherMode.GCM } }],
    });
    const out = await ok(harness, 'Encrypt', { uniqueIdentifier: id, data: randomBytes(10) });
    assert.equal(out.authenticatedEncryptionTag?.length, 16, 'GCM from the attribute');
    assert.equal(out.ivCounterNonce?.length, 12, 'the generated nonce is returned');
  });

  it('issue #9: an unstreamed Encrypt reads its key from the store once', async () => {
    const store = harness.store;
    const read = store.get.bind(store);
    const reads: string[] = [];
    store.get = (id) => {
      reads.push(id);
      return read(id);
    };
    try {
      const params = { blockCipherMode: BlockCipherMode.CBC, paddingMethod: PaddingMethod.PKCS5 };
      const data = randomBytes(20);
      const out = await ok(harness, 'Encrypt', {
        uniqueIdentifier: aesId,
        cryptographicParameters: params,
        data,
      });
      assert.deepEqual(reads, [aesId]);
      const back = await ok(harness, 'Decrypt', {
        uniqueIdentifier: aesId,
        cryptographicParameters: params,
        data: out.data ?? new Uint8Array(),
        ...(out.ivCounterNonce === undefined ? {} : { ivCounterNonce: out.ivCounterNonce }),
      });
      assert.deepEqual(back.data, data);
      assert.deepEqual(reads, [aesId, aesId]);
    } finally {
      store.get = read;
    }
  });

  describe('RSA', () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const spki = new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' }));
    const pkcs8 = new Uint8Array(pair.privateKey.export({ format: 'der', type: 'pkcs8' }));
    let publicId: string;
    let privateId: string;
    before(async () => {
      publicId = await registerObject(
        harness,
        asymmetricKey('PublicKey', 'RSA', 'X_509', spki, 2048),
        CryptographicUsageMask.Encrypt,
      );
      privateId = await registerObject(
        harness,
        asymmetricKey('PrivateKey', 'RSA', 'PKCS_8', pkcs8, 2048),
        CryptographicUsageMask.Decrypt,
      );
    });

    for (const [label, params, options] of [
      [
        'OAEP SHA-256',
        { paddingMethod: PaddingMethod.OAEP, hashingAlgorithm: HashingAlgorithm.SHA_256 },
        { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      ],
      [
        'OAEP SHA-1',
        { paddingMethod: PaddingMethod.OAEP, hashingAlgorithm: HashingAlgorithm.SHA_1 },
        { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
      ],
      [
        'PKCS#1 v1.5',
        { paddingMethod: PaddingMethod.PKCS1V1_5 },
        { padding: constants.RSA_PKCS1_PADDING },
      ],
    ] as const) {
      it(`${label}: server ciphertext decrypts with OpenSSL, OpenSSL ciphertext decrypts on the server`, async () => {
        const data = randomBytes(32);
        const cryptographicParameters = {
          cryptographicAlgorithm: CryptographicAlgorithm.RSA,
          ...params,
        };
        const out = await ok(harness, 'Encrypt', {
          uniqueIdentifier: publicId,
          cryptographicParameters,
          data,
        });
        assert.deepEqual(
          new Uint8Array(
            privateDecrypt({ key: pair.privateKey, ...options }, out.data as Uint8Array),
          ),
          data,
        );
        const theirs = publicEncrypt({ key: pair.publicKey, ...options }, data);
        const back = await ok(harness, 'Decrypt', {
          uniqueIdentifier: privateId,
          cryptographicParameters,
          data: theirs,
        });
        assert.deepEqual(back.data, new Uint8Array(data));
      });
    }

    it('refuses data too large for the key and padding with Invalid Field', async () => {
      const result = await failure(harness, 'Encrypt', {
        uniqueIdentifier: publicId,
        cryptographicParameters: {
          paddingMethod: PaddingMethod.OAEP,
          hashingAlgorithm: HashingAlgorithm.SHA_256,
        },
        data: randomBytes(256),
      });
      assert.equal(result.reason, ResultReason.InvalidField);
    });

    it('refuses to encrypt with a private key: Invalid Object Type (1.4: Invalid Field)', async () => {
      const payload = { uniqueIdentifier: privateId, data: randomBytes(8) };
      assert.equal(
        (await failure(harness, 'Encrypt', payload)).reason,
        ResultReason.InvalidObjectType,
      );
      assert.equal(
        (await failure(harness, 'Encrypt', payload, '1.4')).reason,
        ResultReason.InvalidField,
      );
    });
  });

  describe('bad input', () => {
    it('Decrypt without the IV a CBC key needs: Invalid Message (CS-BC-M-11/12/13)', async () => {
      const result = await failure(harness, 'Decrypt', {
        uniqueIdentifier: aesId,
        cryptographicParameters: { blockCipherMode: BlockCipherMode.CBC },
        data: randomBytes(32),
      });
      assert.equal(result.reason, ResultReason.InvalidMessage);
    });

    it('GCM Decrypt without a tag: Invalid Message', async () => {
      const result = await failure(harness, 'Decrypt', {
        uniqueIdentifier: aesId,
        cryptographicParameters: { blockCipherMode: BlockCipherMode.GCM },
        data: randomBytes(32),
        ivCounterNonce: randomBytes(12),
      });
      assert.equal(result.reason, ResultReason.InvalidMessage);
    });

    it('an IV of the wrong length: Invalid Field', async () => {
      const result = await failure(harness, 'Encrypt', {
        uniqueIdentifier: aesId,
        cryptographicParameters: { blockCipherMode: BlockCipherMode.CBC },
        data: randomBytes(16),
        ivCounterNonce: randomBytes(8),
      });
      assert.equal(result.reason, ResultReason.InvalidField);
    });

    it('an unsupported mode: Unsupported Cryptographic Parameters (1.4: Invalid Field)', async () => {
      const payload = {
        uniqueIdentifier: aesId,
        cryptographicParameters: { blockCipherMode: BlockCipherMode.PCBC },
        data: randomBytes(16),
      };
      assert.equal(
        (await failure(harness, 'Encrypt', payload)).reason,
        ResultReason.UnsupportedCryptographicParameters,
      );
      assert.equal(
        (await failure(harness, 'Encrypt', payload, '1.4')).reason,
        ResultReason.InvalidField,
      );
    });

    it('parameters naming another algorithm than the key: Bad Cryptographic Parameters', async () => {
      const result = await failure(harness, 'Encrypt', {
        uniqueIdentifier: aesId,
        cryptographicParameters: { cryptographicAlgorithm: CryptographicAlgorithm.DES3 },
        data: randomBytes(16),
      });
      assert.equal(result.reason, ResultReason.BadCryptographicParameters);
    });

    it('no Data: Missing Data', async () => {
      assert.equal(
        (await failure(harness, 'Encrypt', { uniqueIdentifier: aesId })).reason,
        ResultReason.MissingData,
      );
    });

    it('a key without the Encrypt bit: Incompatible Cryptographic Usage Mask (1.4: Permission Denied)', async () => {
      const id = await registerObject(
        harness,
        symmetricKey('AES', aesKey),
        CryptographicUsageMask.Decrypt,
      );
      const payload = { uniqueIdentifier: id, data: randomBytes(16) };
      assert.equal(
        (await failure(harness, 'Encrypt', payload)).reason,
        ResultReason.IncompatibleCryptographicUsageMask,
      );
      assert.equal(
        (await failure(harness, 'Encrypt', payload, '1.4')).reason,
        ResultReason.PermissionDenied,
      );
    });

    it('a Pre-Active key: Wrong Key Lifecycle State', async () => {
      const id = await registerObject(harness, symmetricKey('AES', aesKey), ENC_DEC, {
        activate: false,
      });
      const result = await failure(harness, 'Encrypt', {
        uniqueIdentifier: id,
        data: randomBytes(16),
      });
      assert.equal(result.reason, ResultReason.WrongKeyLifecycleState);
    });

    it('a Deactivated key decrypts but no longer encrypts (KMIP 1.4 §3.22)', async () => {
      const id = await registerObject(harness, symmetricKey('AES', aesKey), ENC_DEC);
      const params = { blockCipherMode: BlockCipherMode.ECB };
      const out = await ok(harness, 'Encrypt', {
        uniqueIdentifier: id,
        cryptographicParameters: params,
        data: randomBytes(16),
      });
      await ok(harness, 'Revoke', {
        uniqueIdentifier: id,
        revocationReason: { code: RevocationReasonCode.CessationOfOperation },
      });
      const refused = await failure(harness, 'Encrypt', {
        uniqueIdentifier: id,
        cryptographicParameters: params,
        data: randomBytes(16),
      });
      assert.equal(refused.reason, ResultReason.WrongKeyLifecycleState);
      await ok(harness, 'Decrypt', {
        uniqueIdentifier: id,
        cryptographicParameters: params,
        data: out.data as Uint8Array,
      });
    });
  });
});
