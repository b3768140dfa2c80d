// The attribute operations of `keywarden serve` driven by PyKMIP 0.10's client (ProxyKmipClient
// and KMIPProxy through test/support/pykmip/client_ops.py): Get Attribute List, Add, Set,
// Modify and Delete Attribute in KMIP 1.2 and 2.0, each change read back with Get Attributes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { probePykmip, requirePykmip, runPykmipScript } from '../../support/pykmip.ts';

const probe = probePykmip();

type OpResult =
  | { op: string; ok: true; result: unknown }
  | { op: string; ok: false; error_class: string; result_reason: string | null; message: string };

interface ShownAttribute {
  name: string;
  index: number | null;
  value: unknown;
}

/** Runs PyKMIP client ops (client_ops.py) against `server`, one connection per call. */
async function clientOps(
  server: KeywardenProcess,
  ops: object[],
  kmipVersion = '1.2',
): Promise<OpResult[]> {
  return (await runPykmipScript('client_ops.py', {
    host: server.host,
    port: server.port,
    certfile: server.pki.clientCert,
    keyfile: server.pki.clientKey,
    ca_certs: server.pki.ca,
    kmip_version: kmipVersion,
    ops,
  })) as OpResult[];
}

/** The result of op `index`, failing the test with the server's answer when it failed. */
function ok(results: OpResult[], index: number): unknown {
  const entry = results[index];
  assert.ok(entry !== undefined, `no result for op ${index}`);
  assert.ok(entry.ok, `op ${index} (${entry.op}) failed: ${JSON.stringify(entry)}`);
  return entry.result;
}

/** The Result Reason of op `index`, which must have failed on the server. */
function refused(results: OpResult[], index: number): string | null {
  const entry = results[index];
  assert.ok(entry !== undefined && !entry.ok, `op ${index} should fail: ${JSON.stringify(entry)}`);
  return entry.result_reason;
}

/** The attributes a get_attributes op read, as [name, index, value] rows. */
function rows(results: OpResult[], index: number): [string, number | null, unknown][] {
  const { attributes } = ok(results, index) as { attributes: ShownAttribute[] };
  return attributes.map((a) => [a.name, a.index, a.value]);
}

const nameValue = (value: string) => ({
  NAME_VALUE: value,
  NAME_TYPE: 'UNINTERPRETED_TEXT_STRING',
});

describe('attribute operations with the PyKMIP client', () => {
  let server: KeywardenProcess;

  before(async () => {
    server = await startKeywardenProcess();
  });
  after(() => server.cleanup());

  it('lists attribute names with get_attribute_list in KMIP 1.2 and 2.0', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps(server, [
      { op: 'create', algorithm: 'AES', length: 256, name: 'list-key' },
      { op: 'get_attribute_list', uid: '$0' },
      { op: 'get_attribute_list', uid: '$0', kmip_version: '2.0' },
    ]);
    const v12 = ok(results, 1) as string[];
    for (const name of [
      'Unique Identifier',
      'Object Type',
      'State',
      'Cryptographic Algorithm',
      'Cryptographic Length',
      'Name',
      'Initial Date',
      'Operation Policy Name',
    ]) {
      assert.ok(v12.includes(name), `1.2 lists ${name}: ${JSON.stringify(v12)}`);
    }
    const v20 = ok(results, 2) as string[];
    assert.ok(v20.includes('Cryptographic Algorithm') && v20.includes('Fresh'));
    assert.equal(v20.includes('Operation Policy Name'), false, 'KMIP 2.0 removed it');
  });

  it('adds, modifies and deletes Name and Contact Information in KMIP 1.2 (KMIPProxy)', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const names = ['Name', 'Contact Information'];
    const results = await clientOps(server, [
      /* 0 */ { op: 'create', algorithm: 'AES', length: 128, name: 'first' },
      /* 1 */ { op: 'add_attribute', uid: '$0', name: 'Name', value: 'second' },
      /* 2 */ { op: 'add_attribute', uid: '$0', name: 'Contact Information', value: 'ops@a' },
      /* 3 */ { op: 'get_attributes', uid: '$0', names },
      /* 4 */ { op: 'modify_attribute', uid: '$0', name: 'Name', value: 'second-b', index: 1 },
      /* 5 */ { op: 'modify_attribute', uid: '$0', name: 'Contact Information', value: 'ops@b' },
      /* 6 */ { op: 'get_attributes', uid: '$0', names },
      /* 7 */ { op: 'delete_attribute', uid: '$0', name: 'Name' },
      /* 8 */ { op: 'get_attributes', uid: '$0', names },
      /* 9 */ { op: 'get_attribute_list', uid: '$0' },
    ]);
    // The 1.x responses echo the attribute, with its index when not 0.
    assert.deepEqual((ok(results, 1) as { attribute: ShownAttribute }).attribute, {
      name: 'Name',
      index: 1,
      value: nameValue('second'),
    });
    assert.deepEqual(rows(results, 3), [
      ['Name', null, nameValue('first')],
      ['Name', 1, nameValue('second')],
      ['Contact Information', null, 'ops@a'],
    ]);
    assert.deepEqual((ok(results, 4) as { attribute: ShownAttribute }).attribute, {
      name: 'Name',
      index: 1,
      value: nameValue('second-b'),
    });
    assert.deepEqual(rows(results, 6), [
      ['Name', null, nameValue('first')],
      ['Name', 1, nameValue('second-b')],
      ['Contact Information', null, 'ops@b'],
    ]);
    // No index: instance 0 goes; the other keeps index 1.
    assert.deepEqual((ok(results, 7) as { attribute: ShownAttribute }).attribute, {
      name: 'Name',
      index: null,
      value: nameValue('first'),
    });
    assert.deepEqual(rows(results, 8), [
      ['Name', 1, nameValue('second-b')],
      ['Contact Information', null, 'ops@b'],
    ]);
    assert.ok((ok(results, 9) as string[]).includes('Contact Information'));
  });

  it('adds, sets, modifies and deletes attributes in KMIP 2.0', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps(
      server,
      [
        /* 0 */ { op: 'create', algorithm: 'AES', length: 128, name: 'v20' },
        /* 1 */ { op: 'add_attribute', uid: '$0', name: 'Name', value: 'extra' },
        /* 2 */ { op: 'get_attributes', uid: '$0', names: ['Name'] },
        /* 3 */ { op: 'set_attribute', uid: '$0', name: 'Contact Information', value: 'a' },
        /* 4 */ { op: 'modify_attribute', uid: '$0', name: 'Contact Information', value: 'b' },
        /* 5 */ { op: 'get_attributes', uid: '$0', names: ['Contact Information'] },
        /* 6 */ { op: 'delete_attribute', uid: '$0', name: 'Name', value: 'extra' },
        /* 7 */ { op: 'get_attributes', uid: '$0', names: ['Name'] },
      ],
      '2.0',
    );
    assert.deepEqual(ok(results, 1), { uid: ok(results, 0), attribute: null });
    assert.deepEqual(rows(results, 2), [
      ['Name', null, nameValue('v20')],
      ['Name', null, nameValue('extra')],
    ]);
    assert.equal(ok(results, 3), ok(results, 0));
    ok(results, 4);
    assert.deepEqual(rows(results, 5), [['Contact Information', null, 'b']]);
    ok(results, 6);
    assert.deepEqual(rows(results, 7), [['Name', null, nameValue('v20')]]);
  });

  it('keeps x- custom attributes as sent in KMIP 1.2', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps(server, [
      /* 0 */ { op: 'create', algorithm: 'AES', length: 128 },
      /* 1 */ { op: 'add_attribute', uid: '$0', name: 'x-purpose', value: 'backup' },
      /* 2 */ { op: 'add_attribute', uid: '$0', name: 'x-purpose', value: 'archive' },
      /* 3 */ { op: 'modify_attribute', uid: '$0', name: 'x-purpose', value: 'restore', index: 1 },
      /* 4 */ { op: 'get_attributes', uid: '$0', names: ['x-purpose'] },
      /* 5 */ { op: 'get_attribute_list', uid: '$0' },
      /* 6 */ { op: 'delete_attribute', uid: '$0', name: 'x-purpose', index: 0 },
      /* 7 */ { op: 'get_attributes', uid: '$0', names: ['x-purpose'] },
    ]);
    assert.deepEqual(rows(results, 4), [
      ['x-purpose', null, 'backup'],
      ['x-purpose', 1, 'restore'],
    ]);
    assert.ok((ok(results, 5) as string[]).includes('x-purpose'));
    assert.deepEqual((ok(results, 6) as { attribute: ShownAttribute }).attribute, {
      name: 'x-purpose',
      index: null,
      value: 'backup',
    });
    assert.deepEqual(rows(results, 7), [['x-purpose', 1, 'restore']]);
  });

  it('activates a Pre-Active key when an Activation Date in the past is added, and keeps it Active', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const past = Math.floor(Date.now() / 1000) - 60;
    const first = await clientOps(server, [
      { op: 'create', algorithm: 'AES', length: 256 },
      { op: 'get_attributes', uid: '$0', names: ['State'] },
      { op: 'add_attribute', uid: '$0', name: 'Activation Date', value: past },
    ]);
    const id = ok(first, 0) as string;
    assert.deepEqual(rows(first, 1), [['State', null, 'PRE_ACTIVE']]);
    ok(first, 2);
    // A new connection: the state change was saved, not only computed on read.
    const second = await clientOps(server, [
      { op: 'get_attributes', uid: id, names: ['State', 'Activation Date'] },
      { op: 'modify_attribute', uid: id, name: 'Activation Date', value: past + 10 },
    ]);
    assert.deepEqual(rows(second, 0), [
      ['State', null, 'ACTIVE'],
      ['Activation Date', null, past],
    ]);
    assert.equal(refused(second, 1), 'PERMISSION_DENIED', 'KMIP 1.x: no longer Pre-Active');
  });

  it('refuses with the reasons of each version', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const v12 = await clientOps(server, [
      /* 0 */ { op: 'create', algorithm: 'AES', length: 128, name: 'refusals' },
      /* 1 */ { op: 'modify_attribute', uid: '$0', name: 'Unique Identifier', value: 'other' },
      /* 2 */ { op: 'modify_attribute', uid: '$0', name: 'Contact Information', value: 'x' },
      /* 3 */ { op: 'delete_attribute', uid: '$0', name: 'Contact Information' },
      /* 4 */ { op: 'delete_attribute', uid: '$0', name: 'Name', index: 3 },
      /* 5 */ { op: 'add_attribute', uid: '$0', name: 'Initial Date', value: 0 },
      /* 6 */ { op: 'get_attributes', uid: '$0', names: ['Name'] },
    ]);
    assert.equal(refused(v12, 1), 'PERMISSION_DENIED');
    assert.equal(refused(v12, 2), 'INVALID_FIELD', 'KMIP 1.x: modify an attribute not set');
    assert.equal(refused(v12, 3), 'ITEM_NOT_FOUND');
    assert.equal(refused(v12, 4), 'ITEM_NOT_FOUND');
    assert.equal(refused(v12, 5), 'PERMISSION_DENIED');
    assert.deepEqual(rows(v12, 6), [['Name', null, nameValue('refusals')]]);

    const id = ok(v12, 0) as string;
    const v20 = await clientOps(
      server,
      [
        { op: 'modify_attribute', uid: id, name: 'State', value: 'ACTIVE' },
        { op: 'modify_attribute', uid: id, name: 'Contact Information', value: 'x' },
        { op: 'add_attribute', uid: id, name: 'Name', value: 'refusals' },
        { op: 'set_attribute', uid: id, name: 'Contact Information', value: 'one' },
        { op: 'add_attribute', uid: id, name: 'Contact Information', value: 'two' },
      ],
      '2.0',
    );
    assert.equal(refused(v20, 0), 'ATTRIBUTE_READ_ONLY');
    assert.equal(refused(v20, 1), 'ATTRIBUTE_NOT_FOUND');
    assert.equal(refused(v20, 2), 'NON_UNIQUE_NAME_ATTRIBUTE');
    ok(v20, 3);
    assert.equal(refused(v20, 4), 'ATTRIBUTE_SINGLE_VALUED');
  });
});
