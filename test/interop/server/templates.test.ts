// KMIP 1.x Templates against `keywarden serve`, driven by PyKMIP 0.10's KMIPProxy (its Pie
// client has no Template): Register of a Template, Create with Template Names (the request's
// attributes winning), Locate, Get and Destroy of the Template (issue #5).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { probePykmip, requirePykmip, runPykmipScript } from '../../support/pykmip.ts';

const probe = probePykmip();

type OpResult =
  | { op: string; ok: true; result: unknown }
  | { op: string; ok: false; error_class: string; result_reason: string | null; message: string };

async function clientOps(server: KeywardenProcess, ops: object[]): Promise<OpResult[]> {
  return (await runPykmipScript('client_ops.py', {
    host: server.host,
    port: server.port,
    certfile: server.pki.clientCert,
    keyfile: server.pki.clientKey,
    ca_certs: server.pki.ca,
    ops,
  })) as OpResult[];
}

function ok(results: OpResult[], index: number): unknown {
  const entry = results[index];
  assert.ok(entry !== undefined, `no result for op ${index}`);
  assert.ok(entry.ok, `op ${index} (${entry.op}) failed: ${JSON.stringify(entry)}`);
  return entry.result;
}

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
      const results = await clientOps(server, [
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
      const templateId = ok(results, 0) as string;
      ok(results, 1);
      const listed = ok(results, 2);
      assert.deepEqual(valuesOf(listed, 'Cryptographic Algorithm'), ['AES']);
      assert.deepEqual(valuesOf(listed, 'Cryptographic Length'), [128], 'the request wins');
      assert.deepEqual(valuesOf(listed, 'Object Group'), ['from-template']);
      assert.deepEqual(ok(results, 3), [templateId]);
      assert.ok((ok(results, 4) as string[]).includes('Name'));
      ok(results, 5);
      const gone = results[6];
      assert.ok(gone !== undefined && !gone.ok, 'a destroyed Template cannot be used');
      assert.equal(gone.result_reason, 'ITEM_NOT_FOUND');
    });
  }
});
