// Locate against `keywarden serve`, driven by PyKMIP 0.10's ProxyKmipClient.locate: Name,
// Object Type, Cryptographic Algorithm and State filters, Maximum Items and Offset Items, in
// KMIP 1.2 (PyKMIP's default), 1.4 and 2.0.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { probePykmip, requirePykmip } from '../../support/pykmip.ts';
import { okResult, runClientOps } from '../../support/pykmip-client-ops.ts';

const probe = probePykmip();

const locate = (attributes: { name: string; value: unknown }[], extra: object = {}) => ({
  op: 'locate',
  attributes,
  ...extra,
});
const name = (value: string) => ({ name: 'Name', value });
const aes = { name: 'Cryptographic Algorithm', value: 'AES' };

describe('Locate with the PyKMIP client', () => {
  let server: KeywardenProcess;
  // Created once: [AES-128 locate-a, AES-256 locate-b, 3DES locate-c], oldest first.
  let ids: string[] = [];

  before(async () => {
    server = await startKeywardenProcess();
    if (!probe.available) return;
    const results = await runClientOps(server, [
      { op: 'create', algorithm: 'AES', length: 128, name: 'locate-a' },
      { op: 'create', algorithm: 'AES', length: 256, name: 'locate-b' },
      { op: 'create', algorithm: 'TRIPLE_DES', length: 192, name: 'locate-c' },
    ]);
    ids = [0, 1, 2].map((i) => okResult(results, i) as string);
  });
  after(() => server.cleanup());

  it('finds a key by Name, and nothing for an unknown Name', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await runClientOps(server, [
      locate([name('locate-b')]),
      locate([name('locate-b')], { kmip_version: '1.4' }),
      locate([name('locate-b')], { kmip_version: '2.0' }),
      locate([name('no-such-key')]),
    ]);
    for (const i of [0, 1, 2]) assert.deepEqual(okResult(results, i), [ids[1]], `op ${i}`);
    assert.deepEqual(okResult(results, 3), []);
  });

  it('finds by Object Type and Cryptographic Algorithm, newest first', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await runClientOps(server, [
      locate([{ name: 'Object Type', value: 'SYMMETRIC_KEY' }]),
      locate([aes]),
      locate([{ name: 'Cryptographic Algorithm', value: 'TRIPLE_DES' }]),
      locate([{ name: 'Object Type', value: 'PUBLIC_KEY' }]),
      locate([aes, { name: 'Object Type', value: 'SYMMETRIC_KEY' }], { kmip_version: '2.0' }),
    ]);
    assert.deepEqual(okResult(results, 0), [ids[2], ids[1], ids[0]]);
    assert.deepEqual(okResult(results, 1), [ids[1], ids[0]]);
    assert.deepEqual(okResult(results, 2), [ids[2]]);
    assert.deepEqual(okResult(results, 3), []);
    assert.deepEqual(okResult(results, 4), [ids[1], ids[0]]);
  });

  it('caps with maximum_items and skips with offset_items (KMIP 1.2 and 1.4)', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await runClientOps(server, [
      locate([aes], { maximum_items: 1 }),
      locate([aes], { offset_items: 1 }),
      locate([], { maximum_items: 1, offset_items: 1, kmip_version: '1.4' }),
      locate([], { offset_items: 3, kmip_version: '1.4' }),
    ]);
    assert.deepEqual(okResult(results, 0), [ids[1]]);
    assert.deepEqual(okResult(results, 1), [ids[0]]);
    assert.deepEqual(okResult(results, 2), [ids[1]]);
    assert.deepEqual(okResult(results, 3), []);
  });

  it('filters by State, which follows Activate and Destroy', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await runClientOps(server, [
      { op: 'activate', uid: ids[0] },
      locate([{ name: 'State', value: 'ACTIVE' }]),
      locate([{ name: 'State', value: 'PRE_ACTIVE' }]),
      { op: 'destroy', uid: ids[2] },
      locate([{ name: 'State', value: 'PRE_ACTIVE' }], { kmip_version: '1.4' }),
      locate([name('locate-c')]),
      locate([{ name: 'State', value: 'ACTIVE' }, aes], { kmip_version: '2.0' }),
    ]);
    okResult(results, 0);
    assert.deepEqual(okResult(results, 1), [ids[0]]);
    assert.deepEqual(okResult(results, 2), [ids[2], ids[1]]);
    okResult(results, 3);
    assert.deepEqual(okResult(results, 4), [ids[1]]);
    // A destroyed key is not on-line storage: Locate leaves it out.
    assert.deepEqual(okResult(results, 5), []);
    assert.deepEqual(okResult(results, 6), [ids[0]]);
  });
});
