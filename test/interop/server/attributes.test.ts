// The attribute operations of `keywarden serve` driven by PyKMIP 0.10's client (ProxyKmipClient
// and KMIPProxy through test/support/pykmip/client_ops.py): Get Attribute List, Add, Set,
// Modify and Delete Attribute in KMIP 1.2 and 2.0, each change read back with Get Attributes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { probePykmip, requirePykmip } from '../../support/pykmip.ts';
import {
  failedResult,
  okResult,
  runClientOps,
  type ClientOpResult,
} from '../../support/pykmip-client-ops.ts';

const probe = probePykmip();

interface ShownAttribute {
  name: string;
  index: number | null;
  value: unknown;
}

/** The Result Reason of op `index`, which must have failed on the server. */
function refused(results: ClientOpResult[], index: number): string | null {
  return failedResult(results, index).result_reason;
}

/** The attributes a get_attributes op read, as [name, index, value] rows. */
function rows(results: ClientOpResult[], index: number): [string, number | null, unknown][] {
  const { attributes } = okResult(results, index) as { attributes: ShownAttribute[] };
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
    const results = await runClientOps(server, [
      { op: 'create', algorithm: 'AES', length: 256, name: 'list-key' },
      { op: 'get_attribute_list', uid: '$0' },
      { op: 'get_attribute_list', uid: '$0', kmip_version: '2.0' },
    ]);
    const v12 = okResult(results, 1) as string[];
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
    const v20 = okResult(results, 2) as string[];
    assert.ok(v20.includes('Cryptographic Algorithm') && v20.includes('Fresh'));
    assert.equal(v20.includes('Operation Policy Name'), false, 'KMIP 2.0 removed it');
  });

  it('adds, modifies and deletes Name and Contact Information in KMIP 1.2 (KMIPProxy)', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const names = ['Name', 'Contact Information'];
    const results = await runClientOps(server, [
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
    assert.deepEqual((okResult(results, 1) as { attribute: ShownAttribute }).attribute, {
      name: 'Name',
      index: 1,
      value: nameValue('second'),
    });
    assert.deepEqual(rows(results, 3), [
      ['Name', null, nameValue('first')],
      ['Name', 1, nameValue('second')],
      ['Contact Information', null, 'ops@a'],
    ]);
    assert.deepEqual((okResult(results, 4) as { attribute: ShownAttribute }).attribute, {
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
    assert.deepEqual((okResult(results, 7) as { attribute: ShownAttribute }).attribute, {
      name: 'Name',
      index: null,
      value: nameValue('first'),
    });
    assert.deepEqual(rows(results, 8), [
      ['Name', 1, nameValue('second-b')],
      ['Contact Information', null, 'ops@b'],
    ]);
    assert.ok((okResult(results, 9) as string[]).includes('Contact Information'));
  });

  it('adds, sets, modifies and deletes attributes in KMIP 2.0', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await runClientOps(
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
      { kmipVersion: '2.0' },
    );
    assert.deepEqual(okResult(results, 1), { uid: okResult(results, 0), attribute: null });
    assert.deepEqual(rows(results, 2), [
      ['Name', null, nameValue('v20')],
      ['Name', null, nameValue('extra')],
    ]);
    assert.equal(okResult(results, 3), okResult(results, 0));
    okResult(results, 4);
    assert.deepEqual(rows(results, 5), [['Contact Information', null, 'b']]);
    okResult(results, 6);
    assert.deepEqual(rows(results, 7), [['Name', null, nameValue('v20')]]);
  });

  it('keeps x- custom attributes as sent in KMIP 1.2', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await runClientOps(server, [
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
    assert.ok((okResult(results, 5) as string[]).includes('x-purpose'));
    assert.deepEqual((okResult(results, 6) as { attribute: ShownAttribute }).attribute, {
      name: 'x-purpose',
      index: null,
      value: 'backup',
    });
    assert.deepEqual(rows(results, 7), [['x-purpose', 1, 'restore']]);
  });

  it('activates a Pre-Active key when an Activation Date in the past is added, and keeps it Active', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const past = Math.floor(Date.now() / 1000) - 60;
    const first = await runClientOps(server, [
      { op: 'create', algorithm: 'AES', length: 256 },
      { op: 'get_attributes', uid: '$0', names: ['State'] },
      { op: 'add_attribute', uid: '$0', name: 'Activation Date', value: past },
    ]);
    const id = okResult(first, 0) as string;
    assert.deepEqual(rows(first, 1), [['State', null, 'PRE_ACTIVE']]);
    okResult(first, 2);
    // A new connection: the state change was saved, not only computed on read.
    const second = await runClientOps(server, [
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
    const v12 = await runClientOps(server, [
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

    const id = okResult(v12, 0) as string;
    const v20 = await runClientOps(
      server,
      [
        { op: 'modify_attribute', uid: id, name: 'State', value: 'ACTIVE' },
        { op: 'modify_attribute', uid: id, name: 'Contact Information', value: 'x' },
        { op: 'add_attribute', uid: id, name: 'Name', value: 'refusals' },
        { op: 'set_attribute', uid: id, name: 'Contact Information', value: 'one' },
        { op: 'add_attribute', uid: id, name: 'Contact Information', value: 'two' },
      ],
      { kmipVersion: '2.0' },
    );
    assert.equal(refused(v20, 0), 'ATTRIBUTE_READ_ONLY');
    assert.equal(refused(v20, 1), 'ATTRIBUTE_NOT_FOUND');
    assert.equal(refused(v20, 2), 'NON_UNIQUE_NAME_ATTRIBUTE');
    okResult(v20, 3);
    assert.equal(refused(v20, 4), 'ATTRIBUTE_SINGLE_VALUED');
  });
});
