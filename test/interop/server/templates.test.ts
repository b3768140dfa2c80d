// KMIP 1.x Templates against `keywarden serve`, driven by PyKMIP 0.10's KMIPProxy (its Pie
// client has no Template): Register of a Template, Create with Template Names (the request's
// attributes winning), Locate, Get and Destroy of the Template (issue #5).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { probePykmip, requirePykmip } from '../../support/pykmip.ts';
import { okResult, runClientOps } from '../../support/pykmip-client-ops.ts';

const probe = probePykmip();

type Listed = { attributes: { name: string; value: unknown }[] };
const valuesOf = (listed: unknown, name: string) =>
  (listed as Listed).attributes.filter((a) => a.name === name).map((a) => a.value);

describe('Templates with the PyKMIP client', () => {
  let server: KeywardenProcess;
  before(async () => {
    server = await startKeywardenProcess();
  });
  after(() => server.cleanup());

  for (const version of ['1.0', '1.2', '1.4'] as const) {
    it(`registers a Template and creates a key from it in KMIP ${version}`, async (t) => {
      if (!requirePykmip(t, probe)) return;
      const templateName = `interop-aes-${version}`;
      const results = await runClientOps(server, [
        {
          op: 'register_template',
          kmip_version: version,
          name: templateName,
          attributes: [
            { name: 'Cryptographic Algorithm', value: 'AES' },
            { name: 'Cryptographic Length', value: 256 },
            { name: 'Cryptographic Usage Mask', value: ['ENCRYPT', 'DECRYPT'] },
            { name: 'Object Group', value: 'from-template' },
          ],
        },
        {
          op: 'create_from_templates',
          kmip_version: version,
          templates: [templateName],
          attributes: [{ name: 'Cryptographic Length', value: 128 }],
        },
        {
          op: 'get_attributes',
          kmip_version: version,
          uid: '$1',
          names: ['Cryptographic Algorithm', 'Cryptographic Length', 'Object Group'],
        },
        {
          op: 'locate',
          kmip_version: version,
          attributes: [
            { name: 'Object Type', value: 'TEMPLATE' },
            { name: 'Name', value: templateName },
          ],
        },
        { op: 'get_attribute_list', kmip_version: version, uid: '$0' },
        { op: 'destroy', kmip_version: version, uid: '$0' },
        { op: 'create_from_templates', kmip_version: version, templates: [templateName] },
      ]);
      const templateId = okResult(results, 0) as string;
      okResult(results, 1);
      const listed = okResult(results, 2);
      assert.deepEqual(valuesOf(listed, 'Cryptographic Algorithm'), ['AES']);
      assert.deepEqual(valuesOf(listed, 'Cryptographic Length'), [128], 'the request wins');
      assert.deepEqual(valuesOf(listed, 'Object Group'), ['from-template']);
      assert.deepEqual(okResult(results, 3), [templateId]);
      assert.ok((okResult(results, 4) as string[]).includes('Name'));
      okResult(results, 5);
      const gone = results[6];
      assert.ok(gone !== undefined && !gone.ok, 'a destroyed Template cannot be used');
      assert.equal(gone.result_reason, 'ITEM_NOT_FOUND');
    });
  }
});
