// Percona Server for MongoDB as a KMIP client (data-at-rest master key), through kmippp and
// libkmip.
//
// Based on: the Percona Server for MongoDB KMIP documentation (docs.percona.com, "Using the
// Key Management Interoperability Protocol", section "Key state polling": a new master key is
// registered on the KMIP server in the Pre-Active state; since 7.0.14-8 / 6.0.17-14 the node
// activates it and periodically checks its state; "if a master encryption key for a node is
// not in the Active state, the node reports an error and shuts down"), Percona Jira
// PSMDB-1283 (activateKeys / keyStatePollingSeconds: on startup a non-Active key is refused),
// and kmippp's op_register over libkmip's kmip_bio_register_symmetric_key: a Symmetric Key
// (Raw key format, AES, its length) with Cryptographic Algorithm, Cryptographic Length,
// Cryptographic Usage Mask Encrypt|Decrypt, Name and Object Group, sent at KMIP 1.4; libkmip's
// kmip_bio_activate_symmetric_key sends Activate at KMIP 1.0. The Get and the state checks
// are sent at 1.4, the version of the Register.
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

const probe = probePykmip();
const KEY_NAME = 'psmdb-master-key-node1';

/** The state check Percona makes at start-up and every keyStatePollingSeconds. */
const stateCheck: RawMessage = {
  version: '1.4',
  items: [{ operation: 'GetAttributes', uid: '$0', names: ['State'] }],
};

describe('Percona Server for MongoDB workload', () => {
  let server: KeywardenProcess;
  before(async () => {
    if (probe.available) server = await startKeywardenProcess();
  });
  after(() => server?.cleanup());

  it('registers a Pre-Active master key, activates it, and sees it leave Active', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const key = randomBytes(32).toString('hex');
    const messages: RawMessage[] = [
      {
        version: '1.4',
        items: [
          {
            operation: 'Register',
            object_type: 'SYMMETRIC_KEY',
            attributes: [
              { name: 'Cryptographic Algorithm', value: 'AES' },
              { name: 'Cryptographic Length', value: 256 },
              { name: 'Cryptographic Usage Mask', value: ['ENCRYPT', 'DECRYPT'] },
              { name: 'Name', value: KEY_NAME },
              { name: 'Object Group', value: 'psmdb' },
            ],
            object: {
              type: 'SymmetricKey',
              key_format_type: 'RAW',
              algorithm: 'AES',
              length: 256,
              value: key,
            },
          },
        ],
      },
      stateCheck,
      { version: '1.0', items: [{ operation: 'Activate', uid: '$0' }] },
      stateCheck,
      { version: '1.4', items: [{ operation: 'Get', uid: '$0' }] },
      // An operator retires the key; the next poll must not see it Active.
      { version: '1.4', items: [{ operation: 'Revoke', uid: '$0', reason: 'SUPERSEDED' }] },
      stateCheck,
    ];
    const results = await sendRawMessages(server, messages);
    assertCleanAnswers(messages, results);
    const id = succeeded(results[0]).uid;
    // Start-up with this key before activation: Pre-Active, which Percona refuses.
    assert.deepEqual(attributeMap(succeeded(results[1])).get('State'), ['PRE_ACTIVE']);
    assert.equal(succeeded(results[2]).uid, id);
    assert.deepEqual(attributeMap(succeeded(results[3])).get('State'), ['ACTIVE']);
    const got = succeeded(results[4]);
    assert.equal(got.key_material, key, 'the registered master key comes back');
    succeeded(results[5]);
    assert.deepEqual(attributeMap(succeeded(results[6])).get('State'), ['DEACTIVATED']);
  });
});
