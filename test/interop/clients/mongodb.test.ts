// MongoDB as a KMIP client: the server's encryption at rest (mongod, KMIP 1.2, or 1.0 with
// the legacy protocol setting) and client-side field level encryption (libmongocrypt).
//
// Based on:
// - mongodb/libmongocrypt kms-message/src/kms_kmip_request.c: the CSFLE master key is a
//   96-byte Secret Data registered at KMIP 1.0 (Secret Data Type Seed, Key Format Type
//   Opaque, Cryptographic Usage Mask 0 "not used in cryptographic operations on the KMIP
//   server"), then Activate and Get at 1.0 (src/mongocrypt-ctx-datakey.c: "Register …
//   Activate … Get"); with `delegated: true` it Creates an AES-256 key (mask Encrypt|Decrypt)
//   and has the server Encrypt / Decrypt with AES-CBC, PKCS5 padding and a server-made IV
//   (Random IV), all at KMIP 1.2. The MongoDB manual (CSFLE KMIP tutorial, kms-providers
//   reference: "a 96 byte Secret Data managed object").
// - mongod (MongoDB manual, encryption at rest with KMIP; options kmipUseLegacyProtocol,
//   kmipActivateKeys, kmipKeyStatePollingSeconds): by default KMIP 1.2, with the legacy
//   setting KMIP 1.0; a new master key is created on the server (AES-256, Encrypt|Decrypt),
//   activated, fetched (legacy) and its State polled with Get Attributes every
//   kmipKeyStatePollingSeconds — a key that is no longer Active stops the node.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { probePykmip, requirePykmip } from '../../support/pykmip.ts';
import {
  assertCleanAnswers,
  attributeMap,
  sendRawMessages,
  succeeded,
  type RawMessage,
} from '../../support/raw-kmip-client.ts';
import type { KmipVersionName } from '../../../src/kmip/registry-types.ts';

const probe = probePykmip();

/** libmongocrypt's CBC parameters (kms_kmip_request.c kmip_encrypt_decrypt). */
const CBC = {
  block_cipher_mode: 'CBC',
  padding_method: 'PKCS5',
  cryptographic_algorithm: 'AES',
};

/** mongod's new master key: Create AES-256 for Encrypt and Decrypt. */
function createMasterKey(version: KmipVersionName): RawMessage {
  return {
    version,
    items: [
      {
        operation: 'Create',
        object_type: 'SYMMETRIC_KEY',
        attributes: [
          { name: 'Cryptographic Algorithm', value: 'AES' },
          { name: 'Cryptographic Length', value: 256 },
          { name: 'Cryptographic Usage Mask', value: ['ENCRYPT', 'DECRYPT'] },
        ],
      },
    ],
  };
}

function stateOf(version: KmipVersionName, ref: string): RawMessage {
  return { version, items: [{ operation: 'GetAttributes', uid: ref, names: ['State'] }] };
}

describe('MongoDB workloads', () => {
  let server: KeywardenProcess;
  before(async () => {
    if (probe.available) server = await startKeywardenProcess();
  });
  after(() => server?.cleanup());

  for (const version of ['1.0', '1.2'] as const) {
    it(`mongod encryption at rest, KMIP ${version}: Create, Activate, Get, State polling`, async (t) => {
      if (!requirePykmip(t, probe)) return;
      const messages: RawMessage[] = [
        createMasterKey(version),
        { version, items: [{ operation: 'Activate', uid: '$0' }] },
        stateOf(version, '$0'),
        { version, items: [{ operation: 'Get', uid: '$0' }] },
        stateOf(version, '$0'),
        { version, items: [{ operation: 'Revoke', uid: '$0', reason: 'KEY_COMPROMISE' }] },
        stateOf(version, '$0'),
      ];
      const results = await sendRawMessages(server, messages);
      assertCleanAnswers(messages, results);
      const id = succeeded(results[0]).uid;
      assert.equal(succeeded(results[1]).uid, id);
      assert.deepEqual(attributeMap(succeeded(results[2])).get('State'), ['ACTIVE']);
      const key = succeeded(results[3]);
      assert.equal(key.object_type, 'SYMMETRIC_KEY');
      assert.equal(key.key_material?.length, 64, 'mongod requires a 256-bit key');
      assert.deepEqual(attributeMap(succeeded(results[4])).get('State'), ['ACTIVE']);
      succeeded(results[5]);
      // The poll that makes mongod shut down: the key is no longer Active.
      assert.deepEqual(attributeMap(succeeded(results[6])).get('State'), ['COMPROMISED']);
    });
  }

  it('CSFLE master key, KMIP 1.0: Register a 96-byte Secret Data, Activate, Get', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const secret = randomBytes(96).toString('hex');
    const messages: RawMessage[] = [
      {
        version: '1.0',
        items: [
          {
            operation: 'Register',
            object_type: 'SECRET_DATA',
            attributes: [{ name: 'Cryptographic Usage Mask', value: [] }],
            object: {
              type: 'SecretData',
              secret_data_type: 'SEED',
              key_format_type: 'OPAQUE',
              value: secret,
            },
          },
        ],
      },
      { version: '1.0', items: [{ operation: 'Activate', uid: '$0' }] },
      { version: '1.0', items: [{ operation: 'Get', uid: '$0' }] },
      {
        version: '1.0',
        items: [
          { operation: 'GetAttributes', uid: '$0', names: ['State', 'Cryptographic Usage Mask'] },
        ],
      },
    ];
    const results = await sendRawMessages(server, messages);
    assertCleanAnswers(messages, results);
    const id = succeeded(results[0]).uid;
    assert.equal(succeeded(results[1]).uid, id);
    const got = succeeded(results[2]);
    assert.equal(got.object_type, 'SECRET_DATA');
    assert.equal(got.key_format_type, 'OPAQUE');
    assert.equal(got.key_material, secret, 'the same 96 bytes come back');
    const attributes = attributeMap(succeeded(results[3]));
    assert.deepEqual(attributes.get('State'), ['ACTIVE']);
    assert.deepEqual(attributes.get('Cryptographic Usage Mask'), [[]], 'kept as registered: 0');
  });

  it('CSFLE delegated key, KMIP 1.2: Create AES-256, Activate, Encrypt and Decrypt a data key', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const dataKey = randomBytes(96).toString('hex');
    const messages: RawMessage[] = [
      createMasterKey('1.2'),
      { version: '1.2', items: [{ operation: 'Activate', uid: '$0' }] },
      {
        version: '1.2',
        items: [
          { operation: 'Encrypt', uid: '$0', params: { ...CBC, random_iv: true }, data: dataKey },
        ],
      },
    ];
    const first = await sendRawMessages(server, messages);
    assertCleanAnswers(messages, first);
    const id = succeeded(first[0]).uid ?? '';
    const sealed = succeeded(first[2]);
    assert.equal(sealed.iv_counter_nonce?.length, 32, 'the server made a 16-byte IV');
    // 96 bytes + a full PKCS5 padding block.
    assert.equal(sealed.data?.length, 2 * 112);
    const decrypt: RawMessage[] = [
      {
        version: '1.2',
        items: [
          {
            operation: 'Decrypt',
            uid: id,
            params: CBC,
            data: sealed.data,
            iv: sealed.iv_counter_nonce,
          },
        ],
      },
    ];
    const second = await sendRawMessages(server, decrypt);
    assertCleanAnswers(decrypt, second);
    assert.equal(succeeded(second[0]).data, dataKey);
  });
});
