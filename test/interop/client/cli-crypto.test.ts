// `keywarden kmip encrypt|decrypt|sign|verify|mac` as real subprocesses against a real
// `keywarden serve` (issue #8): binary data through files and stdin/stdout, results checked
// with node:crypto, and the exit codes (1 for an invalid signature).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPublicKey,
  randomBytes,
  verify,
} from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KmipClient, symmetricKeyObject } from '../../../src/client/index.ts';
import {
  KEYWARDEN_MAIN,
  startKeywardenProcess,
  type KeywardenProcess,
} from '../../support/keywarden-process.ts';

interface BinaryRun {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs `keywarden <args>` with binary standard input and output. */
function runBinary(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  input?: Uint8Array,
): Promise<BinaryRun> {
  const child = spawn(process.execPath, [KEYWARDEN_MAIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
  });
}

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('keywarden kmip crypto commands (subprocess against keywarden serve)', () => {
  let server: KeywardenProcess;
  let client: KmipClient;
  let dir: string;
  let flags: string[];

  before(async () => {
    server = await startKeywardenProcess();
    dir = await mkdtemp(join(tmpdir(), 'kw-cli-crypto-'));
    flags = [
      '--server',
      `${server.host}:${server.port}`,
      '--ca',
      server.pki.ca,
      '--cert',
      server.pki.clientCert,
      '--key',
      server.pki.clientKey,
    ];
    client = new KmipClient({
      host: server.host,
      port: server.port,
      tls: {
        verify: server.pki.ca,
        certFile: server.pki.clientCert,
        keyFile: server.pki.clientKey,
      },
    });
  });
  after(async () => {
    await client.close();
    await server.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  const kw = (args: readonly string[], input?: Uint8Array) =>
    runBinary([...args, ...flags], { XDG_CONFIG_HOME: dir }, input);

  async function activeKey(algorithm: string, material: Uint8Array, usage: string[]) {
    const id = await client.register({
      object: symmetricKeyObject(algorithm, material),
      usageMask: usage,
    });
    await client.activate(id);
    return id;
  }

  it('encrypt GCM from stdin to stdout with --aad: IV and tag on stderr; decrypt from a file', async () => {
    const material = randomBytes(32);
    const id = await activeKey('AES', material, ['Encrypt', 'Decrypt']);
    // Every byte value, so a text decoding anywhere on the way would show.
    const plain = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    const aadFile = join(dir, 'aad.bin');
    await writeFile(aadFile, Buffer.from([0, 0xff, 0x80, 0x0a]));
    const enc = await kw(['kmip', 'encrypt', id, '--mode', 'GCM', '--aad', aadFile], plain);
    assert.equal(enc.code, 0, enc.stderr);
    const match = /^keywarden: iv=([0-9a-f]{24}) tag=([0-9a-f]{32})$/m.exec(enc.stderr);
    assert.ok(match !== null, enc.stderr);
    const [, ivHex = '', tagHex = ''] = match;
    const decipher = createDecipheriv('aes-256-gcm', material, Buffer.from(ivHex, 'hex'));
    decipher.setAAD(await readFile(aadFile)).setAuthTag(Buffer.from(tagHex, 'hex'));
    assert.deepEqual(Buffer.concat([decipher.update(enc.stdout), decipher.final()]), plain);

    const cipherFile = join(dir, 'cipher.bin');
    const plainFile = join(dir, 'plain.out');
    await writeFile(cipherFile, enc.stdout);
    const args = ['kmip', 'decrypt', id, '--mode', 'GCM', '--iv', ivHex, '--aad', aadFile];
    const dec = await kw([...args, '--tag', tagHex, '-i', cipherFile, '-o', plainFile]);
    assert.equal(dec.code, 0, dec.stderr);
    assert.equal(dec.stdout.length, 0);
    assert.deepEqual(await readFile(plainFile), plain);

    const badTag = `${tagHex.slice(0, -2)}${tagHex.endsWith('00') ? '01' : '00'}`;
    const refused = await kw([...args, '--tag', badTag, '-i', cipherFile]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /KW_CLIENT_KMIP: .*CryptographicFailure/);
  });

  it('encrypt CBC with a given --iv matches node:crypto; --json carries the data as hex', async () => {
    const material = randomBytes(16);
    const id = await activeKey('AES', material, ['Encrypt', 'Decrypt']);
    const iv = randomBytes(16);
    const plain = bytes('block cipher, chained');
    const run = await kw(
      ['kmip', 'encrypt', id, '--mode', 'CBC', '--padding', 'PKCS5', '--iv', iv.toString('hex')],
      plain,
    );
    assert.equal(run.code, 0, run.stderr);
    const cipher = createCipheriv('aes-128-cbc', material, iv);
    const expected = Buffer.concat([cipher.update(plain), cipher.final()]);
    assert.deepEqual(run.stdout, expected);
    assert.doesNotMatch(run.stderr, /iv=/, 'no IV is printed when the client gave it');
    const json = await kw(
      [
        'kmip',
        'decrypt',
        id,
        '--mode',
        'CBC',
        '--padding',
        'PKCS5',
        '--iv',
        iv.toString('hex'),
        '--json',
      ],
      expected,
    );
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout.toString()), { data: plain.toString('hex') });
  });

  it('sign writes a signature node:crypto verifies; verify exits 0 when valid and 1 when not', async () => {
    const pair = await client.createKeyPair({ algorithm: 'EC', length: 256, curve: 'P_256' });
    await client.activate(pair.privateKeyId);
    await client.activate(pair.publicKeyId);
    const doc = join(dir, 'doc.bin');
    const sig = join(dir, 'doc.sig');
    const message = randomBytes(300);
    await writeFile(doc, message);
    const algorithm = ['--signature-algorithm', 'ECDSAWithSHA256'];
    const sign = await kw(['kmip', 'sign', pair.privateKeyId, ...algorithm, '-i', doc, '-o', sig]);
    assert.equal(sign.code, 0, sign.stderr);
    const spki = await client.get(pair.publicKeyId, { keyFormat: 'X_509' });
    const publicKey = createPublicKey({
      key: Buffer.from(spki.keyMaterial!),
      format: 'der',
      type: 'spki',
    });
    assert.ok(verify('sha256', message, publicKey, await readFile(sig)));

    const valid = await kw(
      ['kmip', 'verify', pair.publicKeyId, ...algorithm, '--signature', sig],
      message,
    );
    assert.equal(valid.code, 0, valid.stderr);
    assert.equal(valid.stdout.toString(), 'valid\n');
    const tampered = Buffer.from(message);
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    const invalid = await kw(
      ['kmip', 'verify', pair.publicKeyId, ...algorithm, '--signature', sig, '--json'],
      tampered,
    );
    assert.equal(invalid.code, 1);
    assert.deepEqual(JSON.parse(invalid.stdout.toString()), { valid: false });
    assert.equal(invalid.stderr, '', 'an invalid signature is an answer, not an error');
  });

  it('mac writes the HMAC-SHA256 of standard input to standard output', async () => {
    const material = randomBytes(32);
    const id = await activeKey('HMAC_SHA256', material, ['MACGenerate']);
    const message = randomBytes(1000);
    const run = await kw(['kmip', 'mac', id, '--algorithm', 'HMAC_SHA256'], message);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.stdout, createHmac('sha256', material).update(message).digest());
  });

  it('exits 1 naming the Result Reason when the key may not be used so', async () => {
    const id = await activeKey('AES', randomBytes(16), ['Decrypt']);
    const run = await kw(['kmip', 'encrypt', id, '--mode', 'GCM'], bytes('x'));
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /KW_CLIENT_KMIP: Encrypt OperationFailed \(IncompatibleCryptographicUsageMask\)/,
    );
    assert.equal(run.stdout.length, 0);
  });
});
