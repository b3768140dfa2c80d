// Revoke and Check against `keywarden serve`, driven by PyKMIP 0.10's client
// (test/support/pykmip/client_ops.py).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { probePykmip, requirePykmip } from '../../support/pykmip.ts';
import { failedResult, okResult, runClientOps } from '../../support/pykmip-client-ops.ts';
import { issueClientCredentials } from './kmip-tls-client.ts';

const probe = probePykmip();

interface AttributeList {
  readonly attributes: readonly { name: string; value: unknown }[];
}

function byName(list: unknown): Map<string, unknown> {
  return new Map((list as AttributeList).attributes.map((a) => [a.name, a.value]));
}

describe('Revoke and Check with the PyKMIP client', () => {
  let server: KeywardenProcess;
  let bobDir: string;
  /** A second client identity, CN `bob`, from the data folder's CA. */
  let bob: { certfile: string; keyfile: string };
  const clientOps = (ops: object[], as?: { certfile: string; keyfile: string }) =>
    runClientOps(server, ops, as);

  before(async () => {
    server = await startKeywardenProcess();
    bobDir = await mkdtemp(join(tmpdir(), 'kw-bob-'));
    const credentials = await issueClientCredentials(server.home, 'bob');
    bob = { certfile: join(bobDir, 'bob.crt'), keyfile: join(bobDir, 'bob.key') };
    await writeFile(bob.certfile, credentials.cert);
    await writeFile(bob.keyfile, credentials.key, { mode: 0o600 });
  });
  after(async () => {
    await server.cleanup();
    await rm(bobDir, { recursive: true, force: true });
  });

  it('revokes an Active key for cessation of operation: Deactivated, Deactivation Date, Revocation Reason', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const startedAt = Math.floor(Date.now() / 1000);
    const results = await clientOps([
      { op: 'create', algorithm: 'AES', length: 128, usage_mask: ['ENCRYPT', 'DECRYPT'] },
      { op: 'activate', uid: '$0' },
      { op: 'revoke', uid: '$0', reason: 'CESSATION_OF_OPERATION', message: 'retired' },
      { op: 'get_attributes', uid: '$0', names: ['State', 'Deactivation Date'] },
      {
        op: 'get_attributes',
        uid: '$0',
        names: ['Revocation Reason'],
        decode_revocation_reason: true,
      },
    ]);
    assert.equal(okResult(results, 2), null);
    const attributes = byName(okResult(results, 3));
    assert.equal(attributes.get('State'), 'DEACTIVATED');
    const deactivated = attributes.get('Deactivation Date') as number;
    assert.ok(deactivated >= startedAt && deactivated <= Date.now() / 1000 + 1, `${deactivated}`);
    assert.deepEqual(byName(okResult(results, 4)).get('Revocation Reason'), {
      REVOCATION_REASON_CODE: 'CESSATION_OF_OPERATION',
      REVOCATION_MESSAGE: 'retired',
    });
  });

  it('marks a key compromised with the Compromise Occurrence Date given, and destroys it as Destroyed Compromised', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const occurred = 1_700_000_000;
    const results = await clientOps([
      { op: 'create', algorithm: 'AES', length: 256, usage_mask: ['ENCRYPT'] },
      { op: 'activate', uid: '$0' },
      { op: 'revoke', uid: '$0', reason: 'KEY_COMPROMISE', compromise_occurrence_date: occurred },
      {
        op: 'get_attributes',
        uid: '$0',
        names: ['State', 'Compromise Date', 'Compromise Occurrence Date'],
      },
      { op: 'revoke', uid: '$0', reason: 'CA_COMPROMISE' },
      { op: 'destroy', uid: '$0' },
      { op: 'get_attributes', uid: '$0', names: ['State'] },
    ]);
    const attributes = byName(okResult(results, 3));
    assert.equal(attributes.get('State'), 'COMPROMISED');
    assert.equal(attributes.get('Compromise Occurrence Date'), occurred);
    assert.equal(typeof attributes.get('Compromise Date'), 'number');
    assert.equal(failedResult(results, 4).result_reason, 'PERMISSION_DENIED');
    okResult(results, 5);
    assert.equal(byName(okResult(results, 6)).get('State'), 'DESTROYED_COMPROMISED');
  });

  it('compromises a destroyed key, and refuses a non-compromise reason on a Pre-Active key', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps([
      { op: 'create', algorithm: 'AES', length: 128, usage_mask: ['ENCRYPT'] },
      { op: 'revoke', uid: '$0', reason: 'UNSPECIFIED' },
      { op: 'revoke', uid: '$0', reason: 'UNSPECIFIED', kmip_version: '2.0' },
      { op: 'destroy', uid: '$0' },
      { op: 'revoke', uid: '$0', reason: 'KEY_COMPROMISE' },
      { op: 'get_attributes', uid: '$0', names: ['State', 'Compromise Occurrence Date'] },
      { op: 'get_attributes', uid: '$0', names: ['Initial Date'] },
    ]);
    const refused = failedResult(results, 1);
    assert.equal(refused.error_class, 'KmipOperationFailure');
    assert.equal(refused.result_reason, 'PERMISSION_DENIED');
    assert.equal(failedResult(results, 2).result_reason, 'PERMISSION_DENIED');
    const attributes = byName(okResult(results, 5));
    assert.equal(attributes.get('State'), 'DESTROYED_COMPROMISED');
    // No date in the request: the Initial Date stands in (KMIP 1.4 §4.20).
    assert.equal(
      attributes.get('Compromise Occurrence Date'),
      byName(okResult(results, 6)).get('Initial Date'),
    );
  });

  it('lists a revoked key to PyKMIP without the Revocation Reason it cannot decode, and sends it when named', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps([
      { op: 'create', algorithm: 'AES', length: 128, usage_mask: ['ENCRYPT'] },
      { op: 'activate', uid: '$0' },
      { op: 'revoke', uid: '$0', reason: 'SUPERSEDED' },
      { op: 'get_attributes', uid: '$0' },
      { op: 'get_attributes', uid: '$0', names: ['Revocation Reason'] },
      {
        op: 'get_attributes',
        uid: '$0',
        names: ['Revocation Reason', 'State'],
        decode_revocation_reason: true,
      },
    ]);
    const listed = byName(okResult(results, 3));
    assert.equal(listed.get('State'), 'DEACTIVATED');
    assert.equal(listed.has('Revocation Reason'), false);
    // PyKMIP 0.10's limit, not ours: named, the spec's structure comes and PyKMIP cannot decode it.
    assert.equal(failedResult(results, 4).error_class, 'NotImplementedError');
    const named = byName(okResult(results, 5));
    assert.deepEqual(named.get('Revocation Reason'), { REVOCATION_REASON_CODE: 'SUPERSEDED' });
  });

  it('answers Check with the Unique Identifier when the use is allowed, through PyKMIP’s own KMIPProxy.check too', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps([
      { op: 'create', algorithm: 'AES', length: 128, usage_mask: ['ENCRYPT', 'DECRYPT'] },
      { op: 'activate', uid: '$0' },
      { op: 'check', uid: '$0', usage_mask: ['ENCRYPT'], usage_limits_count: 500, lease_time: 60 },
      { op: 'proxy_check', uid: '$0', usage_mask: ['DECRYPT'] },
      { op: 'check', uid: '$0', kmip_version: '2.0' },
    ]);
    const id = okResult(results, 0) as string;
    assert.deepEqual(okResult(results, 2), {
      uid: id,
      usage_limits_count: null,
      usage_mask: null,
      lease_time: null,
    });
    assert.equal(okResult(results, 3), id);
    assert.equal((okResult(results, 4) as { uid: string }).uid, id);
  });

  it('fails Check for a use the key does not allow, naming it (1.2: Permission Denied, 2.0: Incompatible Cryptographic Usage Mask)', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps([
      { op: 'create', algorithm: 'AES', length: 128, usage_mask: ['ENCRYPT', 'DECRYPT'] },
      { op: 'activate', uid: '$0' },
      { op: 'check', uid: '$0', usage_mask: ['SIGN'] },
      { op: 'check', uid: '$0', usage_mask: ['SIGN'], kmip_version: '2.0' },
      { op: 'revoke', uid: '$0', reason: 'SUPERSEDED' },
      { op: 'check', uid: '$0', usage_mask: ['DECRYPT'] },
      { op: 'check', uid: '$0', usage_mask: ['ENCRYPT'] },
    ]);
    const v12 = failedResult(results, 2);
    assert.equal(v12.error_class, 'OperationFailure');
    assert.equal(v12.result_reason, 'PERMISSION_DENIED');
    assert.match(v12.message, /Cryptographic Usage Mask: .*Sign/);
    assert.equal(failedResult(results, 3).result_reason, 'INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK');
    // Deactivated: it may still decrypt, never encrypt (KMIP 1.4 §3.22).
    okResult(results, 5);
    assert.match(failedResult(results, 6).message, /Encrypt is not allowed in state Deactivated/);
  });

  it('sends the failed Check payload, so PyKMIP’s own ProxyKmipClient.check reports the refusal', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const results = await clientOps([
      { op: 'create', algorithm: 'AES', length: 128, usage_mask: ['ENCRYPT'] },
      { op: 'activate', uid: '$0' },
      { op: 'proxy_check', uid: '$0', usage_mask: ['SIGN'] },
      { op: 'proxy_check', uid: '$0', usage_mask: ['SIGN'], kmip_version: '2.0' },
    ]);
    // Without a payload, KMIPProxy.check raised AttributeError (it reads the payload first).
    const v12 = failedResult(results, 2);
    assert.equal(v12.error_class, 'KmipOperationFailure');
    assert.equal(v12.result_reason, 'PERMISSION_DENIED');
    assert.match(v12.message, /Cryptographic Usage Mask: .*Sign/);
    assert.equal(failedResult(results, 3).result_reason, 'INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK');
  });

  it("refuses Revoke and Check on another client's key, and on a key that does not exist", async (t) => {
    if (!requirePykmip(t, probe)) return;
    const owned = await clientOps([
      { op: 'create', algorithm: 'AES', length: 128, usage_mask: ['ENCRYPT'] },
      { op: 'activate', uid: '$0' },
    ]);
    const id = okResult(owned, 0) as string;
    const intruder = await clientOps(
      [
        { op: 'revoke', uid: id, reason: 'KEY_COMPROMISE' },
        { op: 'check', uid: id, usage_mask: ['ENCRYPT'] },
        { op: 'revoke', uid: 'no-such-key', reason: 'KEY_COMPROMISE' },
        { op: 'check', uid: 'no-such-key' },
      ],
      bob,
    );
    assert.equal(failedResult(intruder, 0).result_reason, 'PERMISSION_DENIED');
    assert.equal(failedResult(intruder, 1).result_reason, 'PERMISSION_DENIED');
    assert.equal(failedResult(intruder, 2).result_reason, 'ITEM_NOT_FOUND');
    assert.equal(failedResult(intruder, 3).result_reason, 'ITEM_NOT_FOUND');
    const state = await clientOps([{ op: 'get_attributes', uid: id, names: ['State'] }]);
    assert.equal(byName(okResult(state, 0)).get('State'), 'ACTIVE');
  });
});
