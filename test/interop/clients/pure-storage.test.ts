// Pure Storage FlashArray as a KMIP client (external key for the array's data-at-rest keys),
// KMIP 1.0, one batch.
//
// Based on: OpenKMIP/PyKMIP issue #459, where the PyKMIP maintainer decodes a storage array's
// KMIP 1.0 request that the PyKMIP server failed on: one message of four batch items —
// Query (operations, object types, server information, application namespaces); Locate by
// two custom attributes, x-ResourceID and x-SystemID; Get of the object found (through the
// ID Placeholder) in Opaque key format; Get Attributes of that object (Unique Identifier,
// Object Type, Initial Date, State …). Issue #5 attributes this batch to Pure Storage; the
// public Pure Storage and Fortanix integration guides describe the feature (an external KMIP
// server holding the array's key) but not the wire sequence. The object is put in place
// first (Register of a Secret Data carrying both custom attributes), as the array would
// have done when KMIP was set up.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
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
const V = '1.0';
const RESOURCE = 'san01-pod1-las1 351538/351539';
const SYSTEM = '351538';

describe('Pure Storage FlashArray workload (KMIP 1.0)', () => {
  let server: KeywardenProcess;
  before(async () => {
    if (probe.available) server = await startKeywardenProcess();
  });
  after(() => server?.cleanup());

  it('answers Query + Locate + Get + Get Attributes in one batch, custom attributes included', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const secret = randomBytes(32).toString('hex');
    const custom = [
      { name: 'x-ResourceID', value: RESOURCE },
      { name: 'x-SystemID', value: SYSTEM },
    ];
    const messages: RawMessage[] = [
      {
        version: V,
        items: [
          {
            operation: 'Register',
            object_type: 'SECRET_DATA',
            attributes: [{ name: 'Cryptographic Usage Mask', value: ['EXPORT'] }, ...custom],
            object: {
              type: 'SecretData',
              secret_data_type: 'SEED',
              key_format_type: 'OPAQUE',
              value: secret,
            },
          },
        ],
      },
      { version: V, items: [{ operation: 'Activate', uid: '$0' }] },
      {
        version: V,
        items: [
          {
            operation: 'Query',
            batch_item_id: '01',
            functions: [
              'QUERY_OPERATIONS',
              'QUERY_OBJECTS',
              'QUERY_SERVER_INFORMATION',
              'QUERY_APPLICATION_NAMESPACES',
            ],
          },
          { operation: 'Locate', batch_item_id: '02', attributes: custom },
          // No Unique Identifier: the ID Placeholder the Locate set (KMIP 1.0 §4.9).
          { operation: 'Get', batch_item_id: '03', key_format_type: 'OPAQUE' },
          {
            operation: 'GetAttributes',
            batch_item_id: '04',
            names: [
              'Unique Identifier',
              'Object Type',
              'Initial Date',
              'State',
              'x-ResourceID',
              'x-SystemID',
            ],
          },
        ],
      },
    ];
    const results = await sendRawMessages(server, messages);
    assertCleanAnswers(messages, results);
    const id = succeeded(results[0]).uid;
    const batch = results[2];
    assert.deepEqual(
      itemsOf(batch).map((i) => [i.operation, i.batch_item_id, i.result_status]),
      [
        ['QUERY', '01', 'SUCCESS'],
        ['LOCATE', '02', 'SUCCESS'],
        ['GET', '03', 'SUCCESS'],
        ['GET_ATTRIBUTES', '04', 'SUCCESS'],
      ],
    );
    const query = succeeded(batch, 0);
    for (const operation of ['QUERY', 'LOCATE', 'GET', 'GET_ATTRIBUTES']) {
      assert.ok(query.operations?.includes(operation), `Query lists ${operation}`);
    }
    assert.ok(query.object_types?.includes('SECRET_DATA'));
    assert.deepEqual(succeeded(batch, 1).unique_identifiers, [id]);
    const got = succeeded(batch, 2);
    assert.equal(got.uid, id);
    assert.equal(got.key_format_type, 'OPAQUE');
    assert.equal(got.key_material, secret);
    const attributes = attributeMap(succeeded(batch, 3));
    assert.deepEqual(attributes.get('Unique Identifier'), [id]);
    assert.deepEqual(attributes.get('Object Type'), ['SECRET_DATA']);
    assert.deepEqual(attributes.get('State'), ['ACTIVE']);
    assert.equal(attributes.get('Initial Date')?.length, 1);
    assert.deepEqual(attributes.get('x-ResourceID'), [RESOURCE]);
    assert.deepEqual(attributes.get('x-SystemID'), [SYSTEM]);
  });
});
