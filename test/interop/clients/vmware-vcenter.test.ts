// VMware vCenter as a KMIP client (vSphere VM Encryption key provider), KMIP 1.1.
//
// Based on: vCenter's own logs and the PyKMIP server's logs of it in OpenKMIP/PyKMIP issues
// #211 (Discover Versions, then Create of an AES-256 symmetric key), #218 (vpxd:
// "Get, Attributes, Id=…, Names=State" right after the Create; the key is then fetched with
// Get) and #234 (Get Attributes and Get needed for VM encryption); the VMware vSphere Web
// Services SDK guide ("Key Management Server": vCenter requests keys from the KMS and passes
// them to ESXi). The Create carries the attributes vCenter sets (Cryptographic Algorithm,
// Cryptographic Length, Cryptographic Usage Mask Encrypt|Decrypt, Name); the lifecycle steps
// (Activate, Locate by Name, State check, Revoke when a key is retired) are those of issue
// #5. Each step is its own message, as vCenter opens a session per request (#218's log).
import assert from 'node:assert/strict';
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

const probe = probePykmip();
const V = '1.1';
const KEY_NAME = 'vmware-kms-key-4f1c2a9e';

describe('VMware vCenter workload (KMIP 1.1)', () => {
  let server: KeywardenProcess;
  before(async () => {
    if (probe.available) server = await startKeywardenProcess();
  });
  after(() => server?.cleanup());

  it('creates, fetches, activates, finds, checks and revokes a VM encryption key', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const messages: RawMessage[] = [
      { version: V, items: [{ operation: 'DiscoverVersions' }] },
      {
        version: V,
        items: [
          {
            operation: 'Create',
            object_type: 'SYMMETRIC_KEY',
            attributes: [
              { name: 'Cryptographic Algorithm', value: 'AES' },
              { name: 'Cryptographic Length', value: 256 },
              { name: 'Cryptographic Usage Mask', value: ['ENCRYPT', 'DECRYPT'] },
              { name: 'Name', value: KEY_NAME },
            ],
          },
        ],
      },
      { version: V, items: [{ operation: 'GetAttributes', uid: '$1', names: ['State'] }] },
      { version: V, items: [{ operation: 'Get', uid: '$1' }] },
      { version: V, items: [{ operation: 'Activate', uid: '$1' }] },
      {
        version: V,
        items: [{ operation: 'Locate', attributes: [{ name: 'Name', value: KEY_NAME }] }],
      },
      { version: V, items: [{ operation: 'GetAttributes', uid: '$1', names: ['State'] }] },
      {
        version: V,
        items: [{ operation: 'Revoke', uid: '$1', reason: 'CESSATION_OF_OPERATION' }],
      },
      { version: V, items: [{ operation: 'GetAttributes', uid: '$1', names: ['State'] }] },
    ];
    const results = await sendRawMessages(server, messages);
    assertCleanAnswers(messages, results);

    const versions = itemsOf(results[0])[0]?.payload as { protocol_versions?: unknown[] };
    assert.ok((versions.protocol_versions?.length ?? 0) > 0, 'the server lists its versions');
    const id = succeeded(results[1]).uid;
    assert.ok(id !== undefined && id.length > 0);
    assert.deepEqual(attributeMap(succeeded(results[2])).get('State'), ['PRE_ACTIVE']);
    const key = succeeded(results[3]);
    assert.equal(key.object_type, 'SYMMETRIC_KEY');
    assert.equal(key.key_format_type, 'RAW');
    assert.equal(key.key_material?.length, 64, 'a 256-bit key');
    assert.equal(succeeded(results[4]).uid, id);
    assert.deepEqual(succeeded(results[5]).unique_identifiers, [id]);
    assert.deepEqual(attributeMap(succeeded(results[6])).get('State'), ['ACTIVE']);
    assert.equal(succeeded(results[7]).uid, id);
    assert.deepEqual(attributeMap(succeeded(results[8])).get('State'), ['DEACTIVATED']);
  });
});
