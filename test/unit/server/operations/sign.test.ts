import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  constants,
  createHash,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  DigitalSignatureAlgorithm,
  HashingAlgorithm,
  PaddingMethod,
  ResultReason,
  RevocationReasonCode,
  ValidityIndicator,
} from '../../../../src/kmip/generated/registry.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import { asymmetricKey, failure, ok, registerObject } from './crypto-fixture.ts';

const message = new TextEncoder().encode('the quick brown fox');

interface Pair {
  readonly privateId: string;
  readonly publicId: string;
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
}

async function registerPair(
  harness: ServerHarness,
  type: 'rsa' | 'ec' | 'ed25519',
  algorithm: 'RSA' | 'EC' | 'ECDSA' | 'Ed25519',
  options: { modulusLength?: number; namedCurve?: string; bits: number },
): Promise<Pair> {
  const pair = generateKeyPairSync(type as 'rsa', options as { modulusLength: number });
  const pkcs8 = new Uint8Array(pair.privateKey.export({ format: 'der', type: 'pkcs8' }));
  const spki = new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' }));
  const privateId = await registerObject(
    harness,
    asymmetricKey('PrivateKey', algorithm, 'PKCS_8', pkcs8, options.bits),
    CryptographicUsageMask.Sign,
  );
  const publicId = await registerObject(
    harness,
    asymmetricKey('PublicKey', algorithm, 'X_509', spki, options.bits),
    CryptographicUsageMask.Verify,
  );
  return { privateId, publicId, publicKey: pair.publicKey, privateKey: pair.privateKey };
}

describe('Sign and SignatureVerify', () => {
  let harness: ServerHarness;
  let rsa: Pair;
  let p256: Pair;
  let p521: Pair;
  let ed: Pair;
  before(async () => {
    harness = await createServerHarness();
    rsa = await registerPair(harness, 'rsa', 'RSA', { modulusLength: 2048, bits: 2048 });
    p256 = await registerPair(harness, 'ec', 'EC', { namedCurve: 'P-256', bits: 256 });
    p521 = await registerPair(harness, 'ec', 'ECDSA', { namedCurve: 'P-521', bits: 521 });
    ed = await registerPair(harness, 'ed25519', 'Ed25519', { bits: 256 });
  });
  after(() => harness.close());

  const verifyOnServer = async (
    pair: Pair,
    params: object,
    signature: Uint8Array,
    data = message,
  ) =>
    (
      await ok(harness, 'SignatureVerify', {
        uniqueIdentifier: pair.publicId,
        cryptographicParameters: params,
        data,
        signatureData: signature,
      })
    ).validityIndicator;

  for (const hash of ['SHA_1', 'SHA_224', 'SHA_256', 'SHA_384', 'SHA_512'] as const) {
    it(`RSA PKCS#1 v1.5 with ${hash}: OpenSSL verifies the server's signature, the server verifies it`, async () => {
      const params = {
        digitalSignatureAlgorithm: DigitalSignatureAlgorithm[`${hash}WithRSAEncryption`],
      };
      const out = await ok(harness, 'Sign', {
        uniqueIdentifier: rsa.privateId,
        cryptographicParameters: params,
        data: message,
      });
      const signature = out.signatureData as Uint8Array;
      const nodeHash = hash.replace('_', '').toLowerCase();
      assert.ok(nodeVerify(nodeHash, message, rsa.publicKey, signature));
      assert.equal(await verifyOnServer(rsa, params, signature), ValidityIndicator.Valid);
    });
  }

  it('RSA-PSS SHA-256 (Padding Method PSS): OpenSSL verifies it', async () => {
    const params = {
      cryptographicAlgorithm: CryptographicAlgorithm.RSA,
      paddingMethod: PaddingMethod.PSS,
      hashingAlgorithm: HashingAlgorithm.SHA_256,
    };
    const out = await ok(harness, 'Sign', {
      uniqueIdentifier: rsa.privateId,
      cryptographicParameters: params,
      data: message,
    });
    const key = { key: rsa.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    assert.ok(nodeVerify('sha256', message, key, out.signatureData as Uint8Array));
    assert.equal(
      await verifyOnServer(rsa, params, out.signatureData as Uint8Array),
      ValidityIndicator.Valid,
    );
  });

  it('RSA PKCS#1 v1.5 over Digested Data equals the signature over the data', async () => {
    const params = {
      digitalSignatureAlgorithm: DigitalSignatureAlgorithm.SHA_256WithRSAEncryption,
    };
    const digest = new Uint8Array(createHash('sha256').update(message).digest());
    const out = await ok(harness, 'Sign', {
      uniqueIdentifier: rsa.privateId,
      cryptographicParameters: params,
      digestedData: digest,
    });
    // PKCS#1 v1.5 is deterministic: the same bytes as signing the message itself.
    assert.deepEqual(
      out.signatureData,
      new Uint8Array(nodeSign('sha256', message, rsa.privateKey)),
    );
    assert.ok(nodeVerify('sha256', message, rsa.publicKey, out.signatureData as Uint8Array));
    const verified = await ok(harness, 'SignatureVerify', {
      uniqueIdentifier: rsa.publicId,
      cryptographicParameters: params,
      digestedData: digest,
      signatureData: out.signatureData as Uint8Array,
    });
    assert.equal(verified.validityIndicator, ValidityIndicator.Valid);
  });

  for (const [label, pair, hash, node] of [
    ['P-256 with SHA-256', () => p256, DigitalSignatureAlgorithm.ECDSAWithSHA256, 'sha256'],
    ['P-521 with SHA-512', () => p521, DigitalSignatureAlgorithm.ECDSAWithSHA512, 'sha512'],
  ] as const) {
    it(`ECDSA ${label}: OpenSSL verifies the DER signature`, async () => {
      const params = { digitalSignatureAlgorithm: hash };
      const out = await ok(harness, 'Sign', {
        uniqueIdentifier: pair().privateId,
        cryptographicParameters: params,
        data: message,
      });
      assert.ok(nodeVerify(node, message, pair().publicKey, out.signatureData as Uint8Array));
      assert.equal(
        await verifyOnServer(pair(), params, out.signatureData as Uint8Array),
        ValidityIndicator.Valid,
      );
    });
  }

  it('Ed25519 with the key algorithm as the only parameter: OpenSSL verifies it', async () => {
    const out = await ok(harness, 'Sign', { uniqueIdentifier: ed.privateId, data: message });
    assert.ok(nodeVerify(null, message, ed.publicKey, out.signatureData as Uint8Array));
    assert.equal(
      await verifyOnServer(ed, {}, out.signatureData as Uint8Array),
      ValidityIndicator.Valid,
    );
  });

  it('a changed message or signature is Validity Indicator Invalid, not an error', async () => {
    const out = await ok(harness, 'Sign', { uniqueIdentifier: ed.privateId, data: message });
    const changed = Uint8Array.from(message);
    changed[0] = (changed[0] ?? 0) ^ 1;
    assert.equal(
      await verifyOnServer(ed, {}, out.signatureData as Uint8Array, changed),
      ValidityIndicator.Invalid,
    );
    assert.equal(await verifyOnServer(ed, {}, new Uint8Array(3)), ValidityIndicator.Invalid);
  });

  it('issue #6: ECDSA Sign over Digested Data (1.4 and 2.1); OpenSSL and the server verify it over the message', async () => {
    const params = { digitalSignatureAlgorithm: DigitalSignatureAlgorithm.ECDSAWithSHA256 };
    const digest = new Uint8Array(createHash('sha256').update(message).digest());
    for (const version of ['1.4', '2.1'] as const) {
      const out = await ok(
        harness,
        'Sign',
        { uniqueIdentifier: p256.privateId, cryptographicParameters: params, digestedData: digest },
        version,
      );
      const signature = out.signatureData as Uint8Array;
      assert.ok(nodeVerify('sha256', message, p256.publicKey, signature));
      assert.equal(await verifyOnServer(p256, params, signature), ValidityIndicator.Valid);
    }
  });

  it('issue #6: ECDSA Sign over Digested Data with no hash named signs the bytes as given (P-521, 16 bytes)', async () => {
    const given = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    const out = await ok(harness, 'Sign', {
      uniqueIdentifier: p521.privateId,
      digestedData: given,
    });
    const check = await ok(harness, 'SignatureVerify', {
      uniqueIdentifier: p521.publicId,
      digestedData: given,
      signatureData: out.signatureData as Uint8Array,
    });
    assert.equal(check.validityIndicator, ValidityIndicator.Valid);
  });

  it('issue #6: ECDSA Digested Data of the wrong length for its hash, or empty, is Invalid Field', async () => {
    const params = { digitalSignatureAlgorithm: DigitalSignatureAlgorithm.ECDSAWithSHA384 };
    for (const digestedData of [new Uint8Array(32), new Uint8Array(0)]) {
      const result = await failure(harness, 'Sign', {
        uniqueIdentifier: p256.privateId,
        cryptographicParameters: params,
        digestedData,
      });
      assert.equal(result.reason, ResultReason.InvalidField);
    }
  });

  it('issue #6: ECDSA parameters on an RSA key are Bad Cryptographic Parameters, also with Digested Data', async () => {
    const result = await failure(harness, 'Sign', {
      uniqueIdentifier: rsa.privateId,
      cryptographicParameters: {
        digitalSignatureAlgorithm: DigitalSignatureAlgorithm.ECDSAWithSHA256,
      },
      digestedData: new Uint8Array(32),
    });
    assert.equal(result.reason, ResultReason.BadCryptographicParameters);
  });

  it('issue #6: ECDSA over Digested Data on P-224 (no signer for it) is Feature Not Supported', async () => {
    const p224 = await registerPair(harness, 'ec', 'EC', { namedCurve: 'P-224', bits: 224 });
    const result = await failure(harness, 'Sign', {
      uniqueIdentifier: p224.privateId,
      digestedData: new Uint8Array(28),
    });
    assert.equal(result.reason, ResultReason.FeatureNotSupported);
  });

  it('issue #6: ECDSA Signature Verify over Digested Data (P-521, SHA-512)', async () => {
    const params = { digitalSignatureAlgorithm: DigitalSignatureAlgorithm.ECDSAWithSHA512 };
    const signature = new Uint8Array(nodeSign('sha512', message, p521.privateKey));
    const digest = new Uint8Array(createHash('sha512').update(message).digest());
    const verifyDigest = async (d: Uint8Array) =>
      (
        await ok(harness, 'SignatureVerify', {
          uniqueIdentifier: p521.publicId,
          cryptographicParameters: params,
          digestedData: d,
          signatureData: signature,
        })
      ).validityIndicator;
    assert.equal(await verifyDigest(digest), ValidityIndicator.Valid);
    assert.equal(
      await verifyDigest(new Uint8Array(createHash('sha512').update('x').digest())),
      ValidityIndicator.Invalid,
    );
  });

  it('issue #6: RSA-PSS over Digested Data; OpenSSL verifies it over the message', async () => {
    const params = {
      cryptographicAlgorithm: CryptographicAlgorithm.RSA,
      paddingMethod: PaddingMethod.PSS,
      hashingAlgorithm: HashingAlgorithm.SHA_384,
    };
    const digest = new Uint8Array(createHash('sha384').update(message).digest());
    const out = await ok(harness, 'Sign', {
      uniqueIdentifier: rsa.privateId,
      cryptographicParameters: params,
      digestedData: digest,
    });
    const key = { key: rsa.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 };
    assert.ok(nodeVerify('sha384', message, key, out.signatureData as Uint8Array));
    const verified = await ok(harness, 'SignatureVerify', {
      uniqueIdentifier: rsa.publicId,
      cryptographicParameters: params,
      digestedData: digest,
      signatureData: out.signatureData as Uint8Array,
    });
    assert.equal(verified.validityIndicator, ValidityIndicator.Valid);
  });

  it('issue #6 (TC-RSA-SIGN-DIGESTEDDATA): RSA without a hash signs Digested Data as the DigestInfo itself', async () => {
    const params = { cryptographicAlgorithm: CryptographicAlgorithm.RSA };
    const digestedData = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const out = await ok(harness, 'Sign', {
      uniqueIdentifier: rsa.privateId,
      cryptographicParameters: params,
      digestedData,
    });
    const verify = async (d: Uint8Array) =>
      (
        await ok(harness, 'SignatureVerify', {
          uniqueIdentifier: rsa.publicId,
          cryptographicParameters: params,
          digestedData: d,
          signatureData: out.signatureData as Uint8Array,
        })
      ).validityIndicator;
    assert.equal(await verify(digestedData), ValidityIndicator.Valid);
    assert.equal(await verify(digestedData.subarray(1)), ValidityIndicator.Invalid);
  });

  it('issue #6 (CS-AC-M-2): RSA-PSS Signature Verify without a Salt Length accepts the maximum salt', async () => {
    const signature = new Uint8Array(
      nodeSign('sha256', message, {
        key: rsa.privateKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: constants.RSA_PSS_SALTLEN_MAX_SIGN,
      }),
    );
    const params = {
      cryptographicAlgorithm: CryptographicAlgorithm.RSA,
      paddingMethod: PaddingMethod.PSS,
      hashingAlgorithm: HashingAlgorithm.SHA_256,
    };
    assert.equal(await verifyOnServer(rsa, params, signature), ValidityIndicator.Valid);
  });

  it('issue #6 (CS-AC-M-8): past Protect Stop Date no Sign, before Process Start Date no Verify', async () => {
    const pair = generateKeyPairSync('ed25519');
    const hour = 3_600_000;
    const extra = [
      { name: 'ProtectStopDate', value: new Date(Date.now() - hour) },
      { name: 'ProcessStartDate', value: new Date(Date.now() + hour) },
    ];
    const der = (k: KeyObject, type: 'pkcs8' | 'spki') =>
      new Uint8Array(k.export({ format: 'der', type } as { format: 'der'; type: 'pkcs8' }));
    const privateId = await registerObject(
      harness,
      asymmetricKey('PrivateKey', 'Ed25519', 'PKCS_8', der(pair.privateKey, 'pkcs8'), 256),
      CryptographicUsageMask.Sign,
      { extra },
    );
    const publicId = await registerObject(
      harness,
      asymmetricKey('PublicKey', 'Ed25519', 'X_509', der(pair.publicKey, 'spki'), 256),
      CryptographicUsageMask.Verify,
      { extra },
    );
    const signature = new Uint8Array(nodeSign(null, message, pair.privateKey));
    for (const [version, reason] of [
      ['1.4', ResultReason.PermissionDenied],
      ['2.0', ResultReason.PermissionDenied],
      ['2.1', ResultReason.WrongKeyLifecycleState],
    ] as const) {
      const signed = await failure(
        harness,
        'Sign',
        { uniqueIdentifier: privateId, data: message },
        version,
      );
      assert.equal(signed.reason, reason);
      const verified = await failure(
        harness,
        'SignatureVerify',
        { uniqueIdentifier: publicId, data: message, signatureData: signature },
        version,
      );
      assert.equal(verified.reason, reason);
    }
  });

  it('a scheme that does not fit the key: Bad Cryptographic Parameters', async () => {
    const result = await failure(harness, 'Sign', {
      uniqueIdentifier: p256.privateId,
      cryptographicParameters: {
        digitalSignatureAlgorithm: DigitalSignatureAlgorithm.SHA_256WithRSAEncryption,
      },
      data: message,
    });
    assert.equal(result.reason, ResultReason.BadCryptographicParameters);
  });

  it('Signature Verify with another family’s scheme (RSA-PSS for an EC key) is Invalid, as TC-ECDSA-SIGN-DIGESTEDDATA expects', async () => {
    const signature = new Uint8Array(nodeSign('sha256', message, p256.privateKey));
    const rsaPss = {
      cryptographicAlgorithm: CryptographicAlgorithm.RSA,
      paddingMethod: PaddingMethod.PSS,
      hashingAlgorithm: HashingAlgorithm.SHA_1,
    };
    for (const version of ['1.4', '2.1'] as const) {
      const out = await ok(
        harness,
        'SignatureVerify',
        {
          uniqueIdentifier: p256.publicId,
          cryptographicParameters: rsaPss,
          data: message,
          signatureData: signature,
        },
        version,
      );
      assert.equal(out.validityIndicator, ValidityIndicator.Invalid);
    }
    const notSignature = await failure(harness, 'SignatureVerify', {
      uniqueIdentifier: p256.publicId,
      cryptographicParameters: { cryptographicAlgorithm: CryptographicAlgorithm.AES },
      data: message,
      signatureData: signature,
    });
    assert.equal(notSignature.reason, ResultReason.BadCryptographicParameters);
  });

  it('signing with a public key: Invalid Object Type', async () => {
    const result = await failure(harness, 'Sign', { uniqueIdentifier: ed.publicId, data: message });
    assert.equal(result.reason, ResultReason.InvalidObjectType);
  });

  it('verifying needs Signature Data: Missing Data', async () => {
    const result = await failure(harness, 'SignatureVerify', {
      uniqueIdentifier: ed.publicId,
      data: message,
    });
    assert.equal(result.reason, ResultReason.MissingData);
  });

  it('a Compromised public key still verifies; its private key no longer signs', async () => {
    const pair = await registerPair(harness, 'ed25519', 'Ed25519', { bits: 256 });
    const out = await ok(harness, 'Sign', { uniqueIdentifier: pair.privateId, data: message });
    for (const id of [pair.privateId, pair.publicId]) {
      await ok(harness, 'Revoke', {
        uniqueIdentifier: id,
        revocationReason: { code: RevocationReasonCode.KeyCompromise },
        compromiseOccurrenceDate: new Date(0),
      });
    }
    assert.equal(
      await verifyOnServer(pair, {}, out.signatureData as Uint8Array),
      ValidityIndicator.Valid,
    );
    const refused = await failure(harness, 'Sign', {
      uniqueIdentifier: pair.privateId,
      data: message,
    });
    assert.equal(refused.reason, ResultReason.WrongKeyLifecycleState);
  });
});
