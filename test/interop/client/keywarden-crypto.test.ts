// KmipClient's cryptographic operations against a real `keywarden serve` (issue #8): every
// result is checked independently with node:crypto (keys fetched through the client).
import assert from 'node:assert/strict';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPublicKey,
  createPrivateKey,
  constants,
  pbkdf2Sync,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  KmipClient,
  opaqueObject,
  symmetricKeyObject,
  type PreparedOperation,
} from '../../../src/client/index.ts';
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  DigitalSignatureAlgorithm,
  HashingAlgorithm,
  KeyFormatType,
  PaddingMethod,
  type KmipItem,
} from '../../../src/kmip/index.ts';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('KmipClient crypto operations against keywarden serve', () => {
  let server: KeywardenProcess;
  let client: KmipClient;

  before(async () => {
    server = await startKeywardenProcess();
    client = new KmipClient({
      host: server.host,
      port: server.port,
      tls: {
        verify: server.pki.ca,
        certFile: server.pki.clientCert,
        keyFile: server.pki.clientKey,
      },
    });
  });
  after(async () => {
    await client.close();
    await server.cleanup();
  });

  /** Registers and activates an AES key with known bytes. */
  async function aesKey(material: Uint8Array, usage: readonly string[]): Promise<string> {
    const id = await client.register({
      object: symmetricKeyObject('AES', material),
      usageMask: usage,
    });
    await client.activate(id);
    return id;
  }

  it('AES-GCM: encrypts with AAD and returns IV and tag that node:crypto accepts, and decrypts', async () => {
    const material = randomBytes(32);
    const id = await aesKey(material, ['Encrypt', 'Decrypt']);
    const plain = bytes('attack at dawn, with a 16-byte+ message');
    const aad = bytes('header v1');
    const parameters = { blockCipherMode: BlockCipherMode.GCM, tagLength: 16 };
    const result = await client.encrypt(id, plain, { parameters, aad });
    assert.equal(result.iv?.length, 12);
    assert.equal(result.tag?.length, 16);
    const decipher = createDecipheriv('aes-256-gcm', material, result.iv!);
    decipher.setAAD(aad).setAuthTag(result.tag!);
    assert.deepEqual(
      new Uint8Array(Buffer.concat([decipher.update(result.data), decipher.final()])),
      plain,
    );
    // The other way: node:crypto encrypts, the server decrypts with the same AAD and tag.
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', material, iv).setAAD(aad);
    const data = Buffer.concat([cipher.update(plain), cipher.final()]);
    const tag = cipher.getAuthTag();
    assert.deepEqual(await client.decrypt(id, data, { parameters, iv, aad, tag }), plain);
    await assert.rejects(
      client.decrypt(id, data, { parameters, iv, aad: bytes('header v2'), tag }),
      { code: 'KW_CLIENT_KMIP', reasonName: 'CryptographicFailure' },
    );
  });

  it('AES-CBC with PKCS5 padding: matches node:crypto with the IV given by the client', async () => {
    const material = randomBytes(16);
    const id = await aesKey(material, ['Encrypt', 'Decrypt']);
    const parameters = {
      blockCipherMode: BlockCipherMode.CBC,
      paddingMethod: PaddingMethod.PKCS5,
    };
    const iv = randomBytes(16);
    const plain = bytes('twenty-one bytes long');
    const result = await client.encrypt(id, plain, { parameters, iv });
    assert.equal(result.iv, undefined, 'the server returns an IV only when it made one');
    const expected = createCipheriv('aes-128-cbc', material, iv);
    assert.deepEqual(
      result.data,
      new Uint8Array(Buffer.concat([expected.update(plain), expected.final()])),
    );
    assert.deepEqual(await client.decrypt(id, result.data, { parameters, iv }), plain);
  });

  it('RSA-PSS: the signature verifies with the public key fetched as X.509 through the client', async () => {
    const pair = await client.createKeyPair({ algorithm: 'RSA', length: 2048 });
    await client.activate(pair.privateKeyId);
    await client.activate(pair.publicKeyId);
    const message = bytes('sign me with PSS');
    const parameters = {
      digitalSignatureAlgorithm: DigitalSignatureAlgorithm.RSASSA_PSS,
      hashingAlgorithm: HashingAlgorithm.SHA_256,
    };
    const signature = await client.sign(pair.privateKeyId, message, { parameters });
    const spki = await client.get(pair.publicKeyId, { keyFormat: 'X_509' });
    assert.equal(spki.object.kind, 'PublicKey');
    const publicKey = createPublicKey({
      key: Buffer.from(spki.keyMaterial!),
      format: 'der',
      type: 'spki',
    });
    const pss = { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    assert.ok(verify('sha256', message, pss, signature));
    assert.equal(
      await client.signatureVerify(pair.publicKeyId, message, signature, { parameters }),
      true,
    );
    const forged = Uint8Array.from(signature);
    forged[0] = (forged[0] ?? 0) ^ 1;
    assert.equal(
      await client.signatureVerify(pair.publicKeyId, message, forged, { parameters }),
      false,
    );
  });

  it('ECDSA P-256: the DER signature verifies with node:crypto', async () => {
    const pair = await client.createKeyPair({ algorithm: 'EC', length: 256, curve: 'P_256' });
    await client.activate(pair.privateKeyId);
    await client.activate(pair.publicKeyId);
    const message = bytes('sign me with ECDSA');
    const parameters = {
      digitalSignatureAlgorithm: DigitalSignatureAlgorithm.ECDSAWithSHA256,
    };
    const signature = await client.sign(pair.privateKeyId, message, { parameters });
    const spki = await client.get(pair.publicKeyId, { keyFormat: 'X_509' });
    const publicKey = createPublicKey({
      key: Buffer.from(spki.keyMaterial!),
      format: 'der',
      type: 'spki',
    });
    assert.equal(publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
    assert.ok(verify('sha256', message, publicKey, signature));
    assert.equal(
      await client.signatureVerify(pair.publicKeyId, message, signature, { parameters }),
      true,
    );
    assert.equal(
      await client.signatureVerify(pair.publicKeyId, bytes('other'), signature, { parameters }),
      false,
    );
  });

  it('issue #6: ECDSA P-384 Sign over Digested Data; node:crypto verifies it over the message', async () => {
    const pair = await client.createKeyPair({ algorithm: 'EC', length: 384, curve: 'P_384' });
    await client.activate(pair.privateKeyId);
    await client.activate(pair.publicKeyId);
    const message = bytes('the client hashed this message itself');
    const digest = new Uint8Array(createHash('sha384').update(message).digest());
    const parameters = { digitalSignatureAlgorithm: DigitalSignatureAlgorithm.ECDSAWithSHA384 };
    // KmipClient.sign sends Data only; a prepared operation carries Digested Data instead.
    const signDigest: PreparedOperation<Uint8Array> = {
      operation: 'Sign',
      payload: {
        uniqueIdentifier: pair.privateKeyId,
        cryptographicParameters: parameters,
        digestedData: digest,
      },
      parse: (payload) => (payload as { signatureData: Uint8Array }).signatureData,
    };
    const signature = await client.run(signDigest);
    const publicKey = await client.getKeyObject(pair.publicKeyId);
    assert.ok(verify('sha384', message, publicKey, signature));
    assert.equal(
      await client.signatureVerify(pair.publicKeyId, message, signature, { parameters }),
      true,
    );
  });

  it('Ed25519: the signature verifies with node:crypto; the private key comes back as PKCS#8', async () => {
    const pair = await client.createKeyPair({ algorithm: 'Ed25519', length: 256 });
    await client.activate(pair.privateKeyId);
    await client.activate(pair.publicKeyId);
    const message = bytes('sign me with EdDSA');
    const signature = await client.sign(pair.privateKeyId, message);
    assert.equal(signature.length, 64);
    const spki = await client.get(pair.publicKeyId, { keyFormat: 'X_509' });
    const publicKey = createPublicKey({
      key: Buffer.from(spki.keyMaterial!),
      format: 'der',
      type: 'spki',
    });
    assert.ok(verify(null, message, publicKey, signature));
    assert.equal(await client.signatureVerify(pair.publicKeyId, message, signature), true);
    const pkcs8 = await client.get(pair.privateKeyId, { keyFormat: 'PKCS_8' });
    const privateKey = createPrivateKey({
      key: Buffer.from(pkcs8.keyMaterial!),
      format: 'der',
      type: 'pkcs8',
    });
    assert.equal(privateKey.asymmetricKeyType, 'ed25519');
    assert.deepEqual(
      createPublicKey(privateKey).export({ format: 'der', type: 'spki' }),
      publicKey.export({ format: 'der', type: 'spki' }),
    );
  });

  it('HMAC-SHA256: the MAC equals node:crypto over the same key', async () => {
    const material = randomBytes(32);
    const id = await client.register({
      object: symmetricKeyObject('HMAC_SHA256', material),
      usageMask: ['MACGenerate', 'MACVerify'],
    });
    await client.activate(id);
    const message = bytes('authenticate me');
    const mac = await client.mac(id, message, {
      parameters: { cryptographicAlgorithm: CryptographicAlgorithm.HMAC_SHA256 },
    });
    assert.deepEqual(mac, new Uint8Array(createHmac('sha256', material).update(message).digest()));
  });

  it('DeriveKey PBKDF2: the derived key equals node:crypto pbkdf2 over the base key', async () => {
    const material = randomBytes(32);
    const base = await client.register({
      object: symmetricKeyObject('AES', material),
      usageMask: ['DeriveKey'],
    });
    await client.activate(base);
    const salt = randomBytes(16);
    const derived = await client.deriveKey({
      baseIds: [base],
      method: 'PBKDF2',
      parameters: {
        cryptographicParameters: { hashingAlgorithm: HashingAlgorithm.SHA_256 },
        salt,
        iterationCount: 1000,
      },
      algorithm: 'AES',
      length: 256,
      usageMask: ['Encrypt', 'Decrypt'],
    });
    const got = await client.get(derived);
    assert.deepEqual(
      got.keyMaterial,
      new Uint8Array(pbkdf2Sync(material, salt, 1000, 32, 'sha256')),
    );
  });

  it('ReKey: a new key of the same algorithm and length, with different bytes, that the name follows', async () => {
    const id = await client.create({
      algorithm: 'AES',
      length: 256,
      name: 'rekey-me',
      usageMask: ['Encrypt', 'Decrypt'],
    });
    await client.activate(id);
    const replacement = await client.reKey(id);
    assert.notEqual(replacement, id);
    const [oldKey, newKey] = await Promise.all([client.get(id), client.get(replacement)]);
    assert.equal(newKey.keyMaterial?.length, 32);
    assert.notDeepEqual(newKey.keyMaterial, oldKey.keyMaterial);
    assert.deepEqual(await client.locate({ name: 'rekey-me' }), [replacement]);
    // KMIP 1.4 §4.4: without Offset the new key takes the old one's dates, so it is Active.
    const result = await client.encrypt(replacement, bytes('still works'), {
      parameters: { blockCipherMode: BlockCipherMode.GCM },
    });
    assert.equal(result.tag?.length, 16);
  });

  it('Get with Key Format Type Transparent Symmetric Key returns the key bytes in a structure', async () => {
    const material = randomBytes(16);
    const id = await aesKey(material, ['Encrypt']);
    const got = await client.get(id, { keyFormat: 'TransparentSymmetricKey' });
    assert.equal(got.object.kind, 'SymmetricKey');
    if (got.object.kind !== 'SymmetricKey') return;
    assert.equal(got.object.keyBlock.keyFormatType, KeyFormatType.TransparentSymmetricKey);
    assert.equal(got.keyMaterial, undefined, 'structured key material is not bytes');
    const value = got.object.keyBlock.keyValue;
    assert.ok(value !== undefined && !(value instanceof Uint8Array));
    const structure = value.keyMaterial as KmipItem;
    assert.ok(Array.isArray(structure.value));
    const key = (structure.value as KmipItem[])[0];
    assert.deepEqual(key?.value, new Uint8Array(material));
  });

  it('getKeyObject: secret, PKCS#8 private and X.509 public keys as node KeyObjects that work', async () => {
    const material = randomBytes(32);
    const secretId = await aesKey(material, ['Encrypt']);
    const secret = await client.getKeyObject(secretId);
    assert.equal(secret.type, 'secret');
    assert.deepEqual(new Uint8Array(secret.export()), new Uint8Array(material));

    const pair = await client.createKeyPair({ algorithm: 'EC', length: 256, curve: 'P_256' });
    await client.activate(pair.privateKeyId);
    const [privateKey, publicKey] = await Promise.all([
      client.getKeyObject(pair.privateKeyId),
      client.getKeyObject(pair.publicKeyId),
    ]);
    assert.equal(privateKey.type, 'private');
    assert.equal(publicKey.type, 'public');
    const message = bytes('KeyObject round trip');
    const parameters = { digitalSignatureAlgorithm: DigitalSignatureAlgorithm.ECDSAWithSHA256 };
    const signature = await client.sign(pair.privateKeyId, message, { parameters });
    assert.ok(verify('sha256', message, publicKey, signature));
    assert.ok(verify('sha256', message, publicKey, sign('sha256', message, privateKey)));
  });

  it('getKeyObject: an RSA public key stored as PKCS#1 imports as it is', async () => {
    const pair = await client.createKeyPair({ algorithm: 'RSA', length: 2048 });
    const stored = await client.get(pair.publicKeyId);
    assert.ok(stored.object.kind === 'PublicKey');
    const key = await client.getKeyObject(pair.publicKeyId);
    assert.equal(key.asymmetricKeyType, 'rsa');
    assert.equal(key.asymmetricKeyDetails?.modulusLength, 2048);
  });

  it('getKeyObject refuses an object that is not a key with KW_CLIENT_USAGE', async () => {
    // Regression: opaqueObject() used to throw (no Opaque Data Type is named "Unknown").
    const id = await client.register({ object: opaqueObject(bytes('not a key')) });
    assert.deepEqual((await client.get(id)).keyMaterial, bytes('not a key'));
    await assert.rejects(client.getKeyObject(id), { code: 'KW_CLIENT_USAGE' });
  });
});
