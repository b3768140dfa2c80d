// KmipClient against a real `keywarden serve` (issue #8): every operation the server
// implements, batches, version negotiation, record → replay, redaction, statistics.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  formatStatistics,
  KmipClient,
  LogRecorder,
  ops,
  ReplayTransport,
  ResultReason,
  secretDataObject,
  symmetricKeyObject,
  YamlTestCaseRecorder,
  type KmipClientOptions,
} from '../../../src/client/index.ts';
import { Operation, State } from '../../../src/kmip/index.ts';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';

describe('KmipClient against keywarden serve', () => {
  let server: KeywardenProcess;
  let client: KmipClient;
  let options: KmipClientOptions;

  before(async () => {
    server = await startKeywardenProcess();
    options = {
      host: server.host,
      port: server.port,
      tls: {
        verify: server.pki.ca,
        certFile: server.pki.clientCert,
        keyFile: server.pki.clientKey,
      },
    };
    client = new KmipClient(options);
  });
  after(async () => {
    await client.close();
    await server.cleanup();
  });

  it('negotiates the newest common version with DiscoverVersions', async () => {
    assert.deepEqual(await client.protocolVersion(), { major: 2, minor: 1 });
    const versions = await client.discoverVersions([
      { major: 1, minor: 4 },
      { major: 9, minor: 9 },
    ]);
    assert.deepEqual(versions, [{ major: 1, minor: 4 }]);
  });

  it('runs the key lifecycle: create, attributes, locate, activate, get, check, revoke, destroy', async () => {
    const id = await client.create({
      algorithm: 'AES',
      length: 256,
      name: 'lifecycle-key',
      usageMask: ['Encrypt', 'Decrypt'],
    });
    assert.ok((await client.getAttributeList(id)).includes('CryptographicLength'));
    const attrs = await client.getAttributes(id, ['State', 'CryptographicLength']);
    assert.deepEqual(
      attrs.attributes.map((a) => [a.name, a.value]),
      [
        ['State', State.PreActive],
        ['CryptographicLength', 256],
      ],
    );
    assert.deepEqual(await client.locate({ name: 'lifecycle-key' }), [id]);
    assert.deepEqual(await client.locate({ name: 'lifecycle-key', state: 'Active' }), []);
    await client.activate(id);
    assert.deepEqual(await client.locate({ name: 'lifecycle-key', state: 'Active' }), [id]);
    const key = await client.get(id);
    assert.equal(key.object.kind, 'SymmetricKey');
    assert.equal(key.keyMaterial?.length, 32);
    assert.equal(await client.check(id, { usageMask: 4 }), id);
    await client.revoke(id, { reason: 'CessationOfOperation', message: 'done' });
    await client.destroy(id);
    await assert.rejects(client.get(id), { code: 'KW_CLIENT_KMIP' });
  });

  it('adds, modifies and deletes attributes', async () => {
    const id = await client.create({ algorithm: 'AES', length: 128, usageMask: ['Encrypt'] });
    await client.addAttribute(id, { name: 'ContactInformation', value: 'ops@example' });
    await client.modifyAttribute(id, { name: 'ContactInformation', value: 'sec@example' });
    let attrs = await client.getAttributes(id, ['ContactInformation']);
    assert.deepEqual(attrs.attributes[0]?.value, 'sec@example');
    await client.setAttribute(id, { name: 'Description', value: 'a test key' });
    await client.deleteAttribute(id, 'ContactInformation');
    attrs = await client.getAttributes(id, ['ContactInformation', 'Description']);
    assert.deepEqual(
      attrs.attributes.map((a) => a.name),
      ['Description'],
    );
  });

  it('creates a key pair and registers keys and secrets, returning the same bytes on Get', async () => {
    const pair = await client.createKeyPair({ algorithm: 'RSA', length: 2048, name: 'pair' });
    assert.equal((await client.get(pair.publicKeyId)).object.kind, 'PublicKey');
    const material = new Uint8Array(16).fill(0x5a);
    const keyId = await client.register({
      object: symmetricKeyObject('AES', material),
      usageMask: ['Encrypt'],
    });
    assert.deepEqual((await client.get(keyId)).keyMaterial, material);
    const secret = new TextEncoder().encode('hunter2');
    const secretId = await client.register({
      object: secretDataObject(secret),
      usageMask: ['Verify'],
    });
    assert.deepEqual((await client.get(secretId)).keyMaterial, secret);
  });

  it('sends a batch in one request and reports each outcome', async () => {
    const [created, query, missing] = await client.batch(
      [
        ops.create({ algorithm: 'AES', length: 128, usageMask: ['Encrypt'] }),
        ops.query(),
        ops.get('no-such-id'),
      ],
      { continueOnError: true },
    );
    assert.equal(created.ok, true);
    assert.ok(query.ok && query.value.operations?.includes(Operation.Create));
    assert.equal(missing.ok, false);
    if (!missing.ok) assert.equal((missing.error as { code?: string }).code, 'KW_CLIENT_KMIP');
  });

  it('exposes the Result Reason of a failure by value and name', async () => {
    await assert.rejects(client.get('no-such-id'), (error: Error & Record<string, unknown>) => {
      assert.equal(error.code, 'KW_CLIENT_KMIP');
      // KMIP 2.x names a missing object Object Not Found (1.x: Item Not Found).
      assert.equal(error.resultReason, ResultReason.ObjectNotFound);
      assert.equal(error.reasonName, 'ObjectNotFound');
      return true;
    });
  });

  it('records a session as YAML and replays it offline with the same results', async () => {
    const recorder = new YamlTestCaseRecorder({ prefix: 'replay' });
    const live = new KmipClient({ ...options, recorders: [recorder] });
    const session = async (c: KmipClient) => {
      const id = await c.create({
        algorithm: 'AES',
        length: 192,
        name: 'replayed',
        usageMask: ['Encrypt'],
      });
      const attrs = await c.getAttributes(id, ['CryptographicLength', 'Name']);
      const batch = await c.batch([ops.activate(id), ops.get(id)]);
      const failure = await c
        .destroy('no-such-id')
        .catch((e: { code: string; resultReason: number }) => [e.code, e.resultReason]);
      return { id, attrs, batch, failure };
    };
    const recorded = await session(live);
    await live.close();
    assert.equal(recorder.cases.length, 5); // DiscoverVersions + 4 requests
    const replay = ReplayTransport.fromYaml(recorder.toYaml());
    const offline = new KmipClient({ host: 'offline', transport: replay });
    assert.deepEqual(await session(offline), recorded);
    assert.equal(replay.remaining, 0);
    await assert.rejects(offline.query(), { code: 'KW_CLIENT_USAGE' });
  });

  it('logs operations with key material and secrets redacted', async () => {
    const lines: string[] = [];
    const logged = new KmipClient({
      ...options,
      recorders: [new LogRecorder((entry) => lines.push(JSON.stringify(entry)))],
    });
    const material = Uint8Array.from({ length: 32 }, (_, i) => 0xa0 + (i % 16));
    const id = await logged.register({
      object: symmetricKeyObject('AES', material),
      usageMask: ['Encrypt'],
    });
    const got = await logged.get(id);
    assert.deepEqual(got.keyMaterial, material);
    await logged.register({
      object: secretDataObject(new TextEncoder().encode('p4ssw0rd-XYZ')),
      usageMask: ['Verify'],
    });
    await logged.close();
    const text = lines.join('\n');
    assert.match(text, /"operation":"Get"/);
    assert.match(text, /redacted 32 bytes/);
    const hex = Buffer.from(material).toString('hex');
    assert.ok(!text.includes(hex) && !text.includes(Buffer.from(material).toString('base64')));
    assert.ok(!text.includes('p4ssw0rd-XYZ'));
    assert.ok(!/"(0|1)":\s*160/.test(text), 'no key bytes as a number array');
  });

  it('counts every operation in the statistics table', () => {
    const table = formatStatistics(client.statistics.snapshot());
    assert.match(table, /^Operation\s+Count\s+Errors/);
    const create = client.statistics.snapshot().find((s) => s.name === 'Create');
    assert.ok(create !== undefined && create.count >= 2 && create.avgRequestBytes > 0);
    assert.ok(client.statistics.snapshot().some((s) => s.name.includes('+')));
  });
});
