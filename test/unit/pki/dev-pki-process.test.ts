import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEV_PKI_FILES, ensureDevPkiInChildProcess, isSignedBy } from '../../../src/pki/index.ts';

describe('ensureDevPkiInChildProcess', () => {
  let root: string;
  let count = 0;
  const freshDir = () => join(root, `pki-${++count}`);
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'kw-pki-child-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('makes a complete PKI in an empty folder, leaves signed by the CA', async () => {
    const dir = freshDir();
    const pki = await ensureDevPkiInChildProcess(dir, { adminCommonName: 'operator' });
    assert.deepEqual([...pki.created].sort(), Object.keys(DEV_PKI_FILES).sort());
    assert.equal(pki.paths.caCert, join(dir, 'ca.crt'));
    const ca = await readFile(pki.paths.caCert, 'utf8');
    assert.equal(await isSignedBy(await readFile(pki.paths.serverCert, 'utf8'), ca), true);
    assert.equal(await isSignedBy(await readFile(pki.paths.adminCert, 'utf8'), ca), true);
  });

  it('reuses a complete PKI and repairs a missing pair as ensureDevPki does', async () => {
    const dir = freshDir();
    const first = await ensureDevPkiInChildProcess(dir);
    const again = await ensureDevPkiInChildProcess(dir);
    assert.deepEqual(again.created, []);
    await unlink(first.paths.adminCert);
    await unlink(first.paths.adminKey);
    const repaired = await ensureDevPkiInChildProcess(dir);
    assert.deepEqual([...repaired.created].sort(), ['adminCert', 'adminKey']);
  });

  it('passes the clock to the child', async () => {
    const now = new Date('2030-01-02T03:04:05Z');
    const pki = await ensureDevPkiInChildProcess(freshDir(), { now });
    const { X509Certificate } = await import('node:crypto');
    const ca = new X509Certificate(await readFile(pki.paths.caCert));
    assert.equal(new Date(ca.validFrom).getUTCFullYear(), 2030);
  });

  it("gives the child's PKI error its code and fields again", async () => {
    await assert.rejects(
      ensureDevPkiInChildProcess(freshDir(), { extraServerNames: [{ type: 'ip', value: 'x' }] }),
      (error: { code?: string; field?: string }) => {
        assert.equal(error.code, 'KW_PKI_INVALID');
        assert.equal(typeof error.field, 'string');
        return true;
      },
    );
  });

  it('reports a folder it cannot create as KW_PKI_DEV_PROCESS', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, '');
    await assert.rejects(ensureDevPkiInChildProcess(join(file, 'pki')), {
      code: 'KW_PKI_DEV_PROCESS',
    });
  });
});
