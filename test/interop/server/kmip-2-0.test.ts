// Every operation of issue #4 with PyKMIP 0.10's client speaking KMIP 2.0 against
// `keywarden serve`. PyKMIP builds some 2.0 payloads more loosely than the spec (a Locate with
// no filter has no Attributes structure at all); the server must accept what it sends.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { probePykmip, requirePykmip, runPykmipScript } from '../../support/pykmip.ts';
import { okResult, runClientOps, type ClientOpResult } from '../../support/pykmip-client-ops.ts';

const probe = probePykmip();

function attributeMap(result: unknown): Map<string, unknown> {
  const list = (result as { attributes: { name: string; value: unknown }[] }).attributes;
  return new Map(list.map((a) => [a.name, a.value]));
}

describe('PyKMIP 0.10 client at KMIP 2.0', () => {
  let home: string;
  let server: KeywardenProcess;
  const clientOps = (ops: object[]) => runClientOps(server, ops, { kmipVersion: '2.0' });

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'kw-kmip20-'));
    server = await startKeywardenProcess({ home });
  });
  after(async () => {
    await server.cleanup();
    await rm(home, { recursive: true, force: true });
  });

  it('issue #4: Locate without any filter (no Attributes structure) finds all of the caller’s objects', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps([
      { op: 'create', algorithm: 'AES', length: 128, usage_mask: ['ENCRYPT'] },
      { op: 'create', algorithm: 'AES', length: 256, usage_mask: ['ENCRYPT'] },
      { op: 'locate' },
      { op: 'locate', maximum_items: 1 },
      { op: 'locate', offset_items: 1, maximum_items: 1 },
      { op: 'locate', storage_status_mask: 1 },
      { op: 'locate', object_group_member: 'GROUP_MEMBER_DEFAULT' },
    ]);
    const [first, second] = [okResult(results, 0), okResult(results, 1)];
    const all = okResult(results, 2) as string[];
    assert.ok(all.includes(first as string) && all.includes(second as string), all.join());
    assert.deepEqual(okResult(results, 3), [second], 'newest first, capped at one');
    assert.deepEqual(okResult(results, 4), [first]);
    assert.ok((okResult(results, 5) as string[]).includes(second as string));
    okResult(results, 6);
  });

  it('runs the lifecycle: Create, Get, attributes, Activate, Check, Revoke, Destroy', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps([
      { op: 'create', algorithm: 'AES', length: 256, name: 'v20-key', usage_mask: ['ENCRYPT'] },
      { op: 'get', uid: '$0' },
      { op: 'get_attributes', uid: '$0' },
      { op: 'get_attributes', uid: '$0', names: ['State', 'Name'] },
      { op: 'get_attribute_list', uid: '$0' },
      { op: 'locate', attributes: [{ name: 'Name', value: 'v20-key' }] },
      { op: 'add_attribute', uid: '$0', name: 'Contact Information', value: 'a' },
      { op: 'set_attribute', uid: '$0', name: 'Contact Information', value: 'b' },
      { op: 'modify_attribute', uid: '$0', name: 'Contact Information', value: 'c' },
      { op: 'get_attributes', uid: '$0', names: ['Contact Information'] },
      { op: 'delete_attribute', uid: '$0', name: 'Contact Information', value: 'c' },
      { op: 'activate', uid: '$0' },
      { op: 'check', uid: '$0', usage_mask: ['ENCRYPT'] },
      { op: 'proxy_check', uid: '$0', usage_mask: ['ENCRYPT'] },
      { op: 'revoke', uid: '$0', reason: 'CESSATION_OF_OPERATION' },
      { op: 'destroy', uid: '$0' },
      { op: 'get_attributes', uid: '$0', names: ['State'] },
      { op: 'get', uid: '$0' },
    ]);
    const id = okResult(results, 0) as string;
    assert.equal((okResult(results, 1) as { value: string }).value.length, 64);
    assert.equal(attributeMap(okResult(results, 2)).get('Cryptographic Length'), 256);
    assert.equal(attributeMap(okResult(results, 3)).get('State'), 'PRE_ACTIVE');
    assert.ok((okResult(results, 4) as string[]).includes('Cryptographic Algorithm'));
    assert.deepEqual(okResult(results, 5), [id]);
    for (const i of [6, 7, 8, 10, 11, 14, 15]) okResult(results, i);
    assert.equal(attributeMap(okResult(results, 9)).get('Contact Information'), 'c');
    assert.equal((okResult(results, 12) as { uid: string }).uid, id);
    assert.equal(okResult(results, 13), id);
    assert.equal(attributeMap(okResult(results, 16)).get('State'), 'DESTROYED');
    const gone = results[17];
    assert.ok(gone !== undefined && !gone.ok, 'Get of a destroyed key fails');
  });

  it('creates a key pair and reads both keys and their listings', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps([
      {
        op: 'create_key_pair',
        algorithm: 'EC',
        length: 256,
        private_usage_mask: ['SIGN'],
        public_usage_mask: ['VERIFY'],
      },
      { op: 'check_key_pair', private_uid: '$0.private_uid', public_uid: '$0.public_uid' },
      { op: 'get_attributes', uid: '$0.public_uid' },
      { op: 'get_attribute_list', uid: '$0.private_uid' },
      { op: 'locate', attributes: [{ name: 'Object Type', value: 'PRIVATE_KEY' }] },
    ]);
    const pair = okResult(results, 0) as { private_uid: string };
    assert.equal(
      (okResult(results, 1) as { signature_verified: boolean }).signature_verified,
      true,
    );
    assert.equal(attributeMap(okResult(results, 2)).get('Object Type'), 'PUBLIC_KEY');
    assert.ok((okResult(results, 3) as string[]).includes('Cryptographic Usage Mask'));
    assert.ok((okResult(results, 4) as string[]).includes(pair.private_uid));
  });

  it('answers Discover Versions and Query', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps([
      { op: 'discover_versions' },
      { op: 'query', functions: ['QUERY_OPERATIONS', 'QUERY_OBJECTS'] },
    ]);
    assert.deepEqual((okResult(results, 0) as number[][])[0], [2, 1]);
    assert.ok((okResult(results, 1) as { operations: string[] }).operations.includes('LOCATE'));
  });
});

describe('keywarden serve with kmip.attributeListing = complete', () => {
  let server: KeywardenProcess;

  before(async () => {
    server = await startKeywardenProcess({ env: { KEYWARDEN_KMIP_ATTRIBUTE_LISTING: 'complete' } });
  });
  after(() => server.cleanup());

  it('lists every attribute, so PyKMIP 0.10 fails on a full 1.2 listing; named ones still work', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = (await runPykmipScript('client_ops.py', {
      host: server.host,
      port: server.port,
      certfile: server.pki.clientCert,
      keyfile: server.pki.clientKey,
      ca_certs: server.pki.ca,
      kmip_version: '1.2',
      ops: [
        { op: 'create', algorithm: 'AES', length: 128, usage_mask: ['ENCRYPT'] },
        { op: 'get_attributes', uid: '$0' },
        { op: 'get_attributes', uid: '$0', names: ['State'] },
      ],
    })) as ClientOpResult[];
    const full = results[1];
    // Original Creation Date (KMIP 1.2) has no value type in PyKMIP 0.10's factory.
    assert.ok(full !== undefined && !full.ok, JSON.stringify(full));
    assert.equal(attributeMap(okResult(results, 2)).get('State'), 'PRE_ACTIVE');
  });
});
