// Synology DSM (volume encryption with an external KMIP server), KMIP 1.2 — and 1.0 for the
// Operation Policy Name it sends.
//
// Based on: Cosmian KMS issues #760 (DSM issues Modify Attribute on a Pre-Active key; KMIP
// 1.4 §3.22: "The transition from Pre-Active to Active SHALL occur … [when] a client
// successfully issues a Modify Attribute operation, modifying the Activation Date to a date
// in the past, or the current date"), #796 (DSM 7.2 sends Operation Policy Name "default" in
// Register, a KMIP 1.0 attribute), #960 (a DSM 7.3 request trace: KMIP 1.2, Modify Attribute
// of Name with the volume UUID), and Cosmian's DSM simulation (scripts/synology_dsm_client.py,
// "based on observed wire traffic"): Discover Versions; Query with six Query Functions;
// Locate by volume UUID; Register of a Secret Data (Password type, Opaque key format,
// Cryptographic Usage Mask Verify, Name = SHA-512 hex of the key, Operation Policy Name
// "default"); Modify Attribute Name → volume UUID; Locate; Activate; Get Attribute List and
// Get Attributes (State, Object Type); Get; Revoke; Destroy.
// KMIP 1.x Modify Attribute changes an existing instance (1.2 §4.15), so the Activation Date
// step uses a key registered with a future Activation Date, which keeps it Pre-Active.
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { probePykmip, requirePykmip } from '../../support/pykmip.ts';
import {
  assertCleanAnswers,
  attributeMap,
  itemsOf,
  sendRawMessages,
  succeeded,
  type RawMessage,
} from '../../support/raw-kmip-client.ts';
import type { KmipVersionName } from '../../../src/kmip/registry-types.ts';

const probe = probePykmip();
const V = '1.2';

/** DSM's Register: a Secret Data holding the volume key, named by its SHA-512. */
function registerVolumeKey(
  version: KmipVersionName,
  key: Buffer,
  extra: readonly object[] = [],
): RawMessage {
  return {
    version,
    items: [
      {
        operation: 'Register',
        object_type: 'SECRET_DATA',
        attributes: [
          { name: 'Cryptographic Usage Mask', value: ['VERIFY'] },
          { name: 'Name', value: createHash('sha512').update(key).digest('hex') },
          { name: 'Operation Policy Name', value: 'default' },
          ...extra,
        ],
        object: {
          type: 'SecretData',
          secret_data_type: 'PASSWORD',
          key_format_type: 'OPAQUE',
          value: key.toString('hex'),
        },
      },
    ],
  };
}

describe('Synology DSM workload', () => {
  let server: KeywardenProcess;
  before(async () => {
    if (probe.available) server = await startKeywardenProcess();
  });
  after(() => server?.cleanup());

  it('KMIP 1.2: stores, renames, activates, reads and retires a volume key', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const key = randomBytes(32);
    const volume = randomUUID();
    const byVolume = { operation: 'Locate', attributes: [{ name: 'Name', value: volume }] };
    const messages: RawMessage[] = [
      { version: V, items: [{ operation: 'DiscoverVersions' }] },
      {
        version: V,
        items: [
          {
            operation: 'Query',
            functions: [
              'QUERY_OPERATIONS',
              'QUERY_OBJECTS',
              'QUERY_SERVER_INFORMATION',
              'QUERY_APPLICATION_NAMESPACES',
              'QUERY_EXTENSION_LIST',
              'QUERY_PROFILES',
            ],
          },
        ],
      },
      { version: V, items: [byVolume] },
      registerVolumeKey(V, key),
      {
        version: V,
        items: [{ operation: 'ModifyAttribute', uid: '$3', name: 'Name', value: volume }],
      },
      { version: V, items: [byVolume] },
      { version: V, items: [{ operation: 'Activate', uid: '$3' }] },
      { version: V, items: [{ operation: 'GetAttributeList', uid: '$3' }] },
      {
        version: V,
        items: [{ operation: 'GetAttributes', uid: '$3', names: ['State', 'Object Type'] }],
      },
      { version: V, items: [{ operation: 'Get', uid: '$3' }] },
      { version: V, items: [{ operation: 'Revoke', uid: '$3', reason: 'CESSATION_OF_OPERATION' }] },
      { version: V, items: [{ operation: 'Destroy', uid: '$3' }] },
    ];
    const results = await sendRawMessages(server, messages);
    assertCleanAnswers(messages, results);
    const query = succeeded(results[1]);
    for (const operation of ['REGISTER', 'MODIFY_ATTRIBUTE', 'LOCATE', 'ACTIVATE', 'GET']) {
      assert.ok(query.operations?.includes(operation), `Query lists ${operation}`);
    }
    assert.ok(query.object_types?.includes('SECRET_DATA'));
    assert.deepEqual(
      succeeded(results[2]).unique_identifiers ?? [],
      [],
      'no key for the volume yet',
    );
    const id = succeeded(results[3]).uid;
    const renamed = succeeded(results[4]);
    assert.equal(renamed.uid, id);
    assert.equal(renamed.attribute?.name, 'Name');
    assert.deepEqual(succeeded(results[5]).unique_identifiers, [id]);
    succeeded(results[6]);
    const attributes = attributeMap(succeeded(results[8]));
    assert.deepEqual(attributes.get('State'), ['ACTIVE']);
    assert.deepEqual(attributes.get('Object Type'), ['SECRET_DATA']);
    const got = succeeded(results[9]);
    assert.equal(got.object_type, 'SECRET_DATA');
    assert.equal(got.key_material, key.toString('hex'));
    succeeded(results[10]);
    succeeded(results[11]);
  });

  it('KMIP 1.2: Modify Attribute of a Pre-Active key’s Activation Date to now activates it', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const nowSeconds = Math.floor(Date.now() / 1000);
    const messages: RawMessage[] = [
      registerVolumeKey(V, randomBytes(32), [
        { name: 'Activation Date', value: nowSeconds + 86_400 },
      ]),
      {
        version: V,
        items: [{ operation: 'GetAttributes', uid: '$0', names: ['State', 'Activation Date'] }],
      },
      {
        version: V,
        items: [
          { operation: 'ModifyAttribute', uid: '$0', name: 'Activation Date', value: nowSeconds },
        ],
      },
      {
        version: V,
        items: [{ operation: 'GetAttributes', uid: '$0', names: ['State', 'Activation Date'] }],
      },
      { version: V, items: [{ operation: 'Get', uid: '$0' }] },
    ];
    const results = await sendRawMessages(server, messages);
    assertCleanAnswers(messages, results);
    const before = attributeMap(succeeded(results[1]));
    assert.deepEqual(before.get('State'), ['PRE_ACTIVE']);
    assert.deepEqual(before.get('Activation Date'), [nowSeconds + 86_400]);
    assert.equal(succeeded(results[2]).attribute?.name, 'Activation Date');
    const after = attributeMap(succeeded(results[3]));
    assert.deepEqual(after.get('State'), ['ACTIVE']);
    assert.deepEqual(after.get('Activation Date'), [nowSeconds]);
    assert.equal(succeeded(results[4]).object_type, 'SECRET_DATA');
  });

  it('KMIP 1.0: keeps the Operation Policy Name the Register carried', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const messages: RawMessage[] = [
      registerVolumeKey('1.0', randomBytes(32)),
      {
        version: '1.0',
        items: [{ operation: 'GetAttributes', uid: '$0', names: ['Operation Policy Name'] }],
      },
      { version: '1.0', items: [{ operation: 'GetAttributes', uid: '$0' }] },
    ];
    const results = await sendRawMessages(server, messages);
    assertCleanAnswers(messages, results);
    assert.deepEqual(attributeMap(succeeded(results[1])).get('Operation Policy Name'), ['default']);
    // The full 1.0 listing carries it too, and nothing KMIP 1.0 does not define
    // (assertCleanAnswers checked the names against the registry).
    const all = attributeMap(succeeded(results[2]));
    assert.deepEqual(all.get('Operation Policy Name'), ['default']);
    assert.equal(itemsOf(results[2])[0]?.result_status, 'SUCCESS');
  });
});
