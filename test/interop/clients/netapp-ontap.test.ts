// NetApp ONTAP external key management as a KMIP client, with a Username and Password
// credential in every request header, against the password authentication plugin.
//
// Based on: ONTAP's documentation ("Configure external key management": the cluster keeps
// the keys it uses to reach encrypted data on external KMIP servers; "Create authentication
// keys in ONTAP 9.6 and later": `security key-manager key create` stores authentication
// keys on the configured KMIP servers, `security key-manager key query` lists them), the
// OASIS KMIP Storage Array with Self-Encrypting Drives Profile 1.0 (co-edited by NetApp: the
// array registers the drive authentication keys as managed objects and finds and fetches
// them again by their identifier), and KMIP 1.2 §2.1.2 (Credential, Username and Password).
// The credential in the request header is what issue #5 asks of the ONTAP workload; ONTAP's
// own pages describe the TLS client certificate, which Keywarden requires as well.
// The key store steps (Register of the authentication key as Secret Data named by its key
// ID, Locate by that name, Get, State check) are sent at KMIP 1.2.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  runKeywarden,
  startKeywardenProcess,
  type KeywardenProcess,
} from '../../support/keywarden-process.ts';
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
const V = '1.2';
const USER = 'ontap-cluster1';
const PASSWORD = 'Ontap-KMIP-Passw0rd-1';
// An ONTAP authentication key ID: 64 hex digits.
const KEY_ID = `0000000000000000020000000000010${'0123456789abcdef'.repeat(2)}0`;

describe('NetApp ONTAP workload (KMIP 1.2, Username and Password credential)', () => {
  let home: string;
  let server: KeywardenProcess;

  before(async () => {
    if (!probe.available) return;
    home = await mkdtemp(join(tmpdir(), 'kw-ontap-'));
    const init = await runKeywarden(['init', '--home', home]);
    assert.equal(init.code, 0, init.stderr);
    const add = await runKeywarden(
      ['user', 'add', USER, '--group', 'storage', '--password-stdin', '--home', home],
      { stdin: `${PASSWORD}\n` },
    );
    assert.equal(add.code, 0, add.stderr);
    server = await startKeywardenProcess({ home, args: ['--auth-plugins', 'password'] });
  });
  after(async () => {
    await server?.cleanup();
    if (home !== undefined) await rm(home, { recursive: true, force: true });
  });

  it('stores and reads back an authentication key as the password-authenticated user', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const credential = { username: USER, password: PASSWORD };
    const secret = randomBytes(32).toString('hex');
    const messages: RawMessage[] = [
      {
        version: V,
        credential,
        items: [
          {
            operation: 'Register',
            object_type: 'SECRET_DATA',
            attributes: [
              { name: 'Cryptographic Usage Mask', value: ['EXPORT'] },
              { name: 'Name', value: KEY_ID },
            ],
            object: {
              type: 'SecretData',
              secret_data_type: 'PASSWORD',
              key_format_type: 'OPAQUE',
              value: secret,
            },
          },
        ],
      },
      { version: V, credential, items: [{ operation: 'Activate', uid: '$0' }] },
      {
        version: V,
        credential,
        items: [{ operation: 'Locate', attributes: [{ name: 'Name', value: KEY_ID }] }],
      },
      { version: V, credential, items: [{ operation: 'Get', uid: '$0' }] },
      {
        version: V,
        credential,
        items: [{ operation: 'GetAttributes', uid: '$0', names: ['State', 'Name'] }],
      },
    ];
    const results = await sendRawMessages(server, messages);
    assertCleanAnswers(messages, results);
    const id = succeeded(results[0]).uid;
    succeeded(results[1]);
    assert.deepEqual(succeeded(results[2]).unique_identifiers, [id]);
    assert.equal(succeeded(results[3]).key_material, secret);
    const attributes = attributeMap(succeeded(results[4]));
    assert.deepEqual(attributes.get('State'), ['ACTIVE']);
    assert.deepEqual(attributes.get('Name'), [
      { NAME_VALUE: KEY_ID, NAME_TYPE: 'UNINTERPRETED_TEXT_STRING' },
    ]);

    // The requests ran as the user the credential named.
    const tail = await runKeywarden(['audit', 'tail', '--json', '-n', '100', '--home', home]);
    assert.equal(tail.code, 0, tail.stderr);
    const records = tail.stdout
      .trimEnd()
      .split('\n')
      .map(
        (line) => JSON.parse(line) as { operation: string; identity?: string; authMethod?: string },
      )
      .filter((r) => r.operation !== '(none)');
    const ours = records.slice(-messages.length);
    assert.deepEqual(
      ours.map((r) => [r.operation, r.identity, r.authMethod]),
      [
        ['Register', USER, 'password'],
        ['Activate', USER, 'password'],
        ['Locate', USER, 'password'],
        ['Get', USER, 'password'],
        ['GetAttributes', USER, 'password'],
      ],
    );
  });

  it('refuses a wrong password and a request without credential', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const query: object = { operation: 'Query', functions: ['QUERY_OPERATIONS'] };
    const messages: RawMessage[] = [
      { version: V, credential: { username: USER, password: 'not-the-password' }, items: [query] },
      { version: V, items: [query] },
    ];
    const results = await sendRawMessages(server, messages);
    assertCleanAnswers(messages, results);
    for (const result of results) {
      const [item] = itemsOf(result);
      assert.equal(item?.result_status, 'OPERATION_FAILED');
      assert.equal(item?.result_reason, 'AUTHENTICATION_NOT_SUCCESSFUL');
    }
  });
});
