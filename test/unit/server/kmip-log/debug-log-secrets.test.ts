// Issue #7: at debug level each decoded request and response is logged in the KMIP JSON
// encoding with secrets redacted. A realistic session (password credential, Create, Get,
// Register of a known key and of a passphrase, Get and Get Attributes of both) runs at debug
// level, and the whole log output is searched for every secret it used, in text, hex and
// base64: none may appear.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAeadKey, hashPassword, randomBytes } from '../../../../src/crypto/index.ts';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  KeyFormatType,
  ObjectType,
  ResultStatus,
  SecretDataType,
} from '../../../../src/kmip/generated/registry.ts';
import type { Credential } from '../../../../src/kmip/messages/header.ts';
import type { ManagedObject } from '../../../../src/kmip/messages/objects.ts';
import type { GetResponse } from '../../../../src/kmip/messages/payloads/get.ts';
import { createAuditSink } from '../../../../src/server/audit/index.ts';
import { buildAuthenticator } from '../../../../src/server/auth/index.ts';
import { logKmipMessage } from '../../../../src/server/kmip-log/log-kmip-message.ts';
import { redactKmipJson } from '../../../../src/server/kmip-log/redact-kmip-json.ts';
import { createLogger } from '../../../../src/server/logger.ts';
import { openSqliteSecurityStore, type SecurityStore } from '../../../../src/store/index.ts';
import {
  createAesKey,
  createServerHarness,
  message,
  type ItemSpec,
  type ServerHarness,
} from '../../../support/server-harness.ts';

const PASSWORD = 'Debug-Log-Pa55word';
const PASSPHRASE = 'my very secret passphrase 42';
const KNOWN_KEY = new Uint8Array(
  Buffer.from('00112233445566778899aabbccddeeff0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'hex'),
);

/** Every spelling of `bytes` a log could carry. */
function spellings(bytes: Uint8Array): string[] {
  const b = Buffer.from(bytes);
  return [
    b.toString('hex'),
    b.toString('hex').toUpperCase(),
    b.toString('base64'),
    b.toString('base64url'),
    // A shorter run still identifies the key: the middle 12 bytes.
    b.subarray(10, 22).toString('hex'),
    b.subarray(10, 22).toString('base64'),
  ];
}

describe('debug log of KMIP messages', () => {
  let dir: string;
  let security: SecurityStore;
  let harness: ServerHarness;
  let extraLog = '';
  const credentials: Credential[] = [
    { kind: 'UsernameAndPassword', username: 'bob', password: PASSWORD },
  ];

  /** Sends `items` as bob (password credential) and returns the response items. */
  async function send(items: ItemSpec[]) {
    const ids = items.map((item, i) => ({ ...item, id: `i${i}` }));
    const response = await harness.send(
      message('1.4', items.length === 1 ? items : ids, { authentication: { credentials } }),
      'client-cn',
    );
    for (const item of response.batchItems) {
      assert.ok(
        item.kind === 'typed' && item.resultStatus === ResultStatus.Success,
        JSON.stringify(item),
      );
    }
    return response.batchItems;
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-debug-log-'));
    security = await openSqliteSecurityStore({
      path: join(dir, 'kw.db'),
      masterKey: createAeadKey(randomBytes(32)),
    });
    security.users.add({
      name: 'bob',
      passwordHash: await hashPassword(PASSWORD, { logN: 10, r: 8, p: 1 }),
    });
    const authLog = createLogger({
      level: 'debug',
      destination: { write: (l: string) => void (extraLog += l) },
    });
    harness = await createServerHarness({
      authenticate: await buildAuthenticator(
        { plugins: ['password'], slugsUrls: [], slugsTimeoutMs: 1000, slugsCacheTtlMs: 0 },
        security.users,
        authLog,
      ),
      audit: createAuditSink(security.audit),
    });
  });
  after(async () => {
    await harness.close();
    await security.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('logs every request and response decoded, and none of the secrets of the session', async () => {
    const secrets: string[] = [PASSWORD, PASSPHRASE, ...spellings(KNOWN_KEY)];
    secrets.push(...spellings(new TextEncoder().encode(PASSPHRASE)));

    // Create + Get: the server-generated key is a secret too.
    const [, got] = await send([createAesKey(256), { operation: 'Get', payload: {} }]);
    const created = (got?.kind === 'typed' && (got.payload as GetResponse).object) as ManagedObject;
    assert.ok('keyBlock' in created);
    const value = created.keyBlock.keyValue;
    assert.ok(value !== undefined && !(value instanceof Uint8Array));
    secrets.push(...spellings(value.keyMaterial as Uint8Array));

    const known: ManagedObject = {
      kind: 'SymmetricKey',
      keyBlock: {
        keyFormatType: KeyFormatType.Raw,
        keyValue: { keyMaterial: KNOWN_KEY },
        cryptographicAlgorithm: CryptographicAlgorithm.AES,
        cryptographicLength: 256,
      },
    };
    const passphrase: ManagedObject = {
      kind: 'SecretData',
      secretDataType: SecretDataType.Password,
      keyBlock: {
        keyFormatType: KeyFormatType.Opaque,
        keyValue: { keyMaterial: new TextEncoder().encode(PASSPHRASE) },
      },
    };
    for (const object of [known, passphrase]) {
      const usage = {
        name: 'CryptographicUsageMask',
        value: CryptographicUsageMask.Encrypt,
      } as const;
      await send([
        {
          operation: 'Register',
          payload: {
            objectType: ObjectType[object.kind],
            attributes: { attributes: [usage] },
            object,
          },
        },
        { operation: 'Get', payload: {} },
        { operation: 'GetAttributes', payload: {} },
      ]);
    }

    const text = harness.logText() + extraLog;
    const lines = harness.logs;
    assert.ok(lines.filter((l) => l.msg === 'KMIP request').length >= 3, 'requests logged');
    assert.ok(lines.filter((l) => l.msg === 'KMIP response').length >= 3, 'responses logged');
    assert.match(text, /"tag":"KeyMaterial","type":"ByteString","value":"\[REDACTED\]"/);
    assert.match(text, /"tag":"Password","type":"TextString","value":"\[REDACTED\]"/);
    assert.match(text, /"tag":"Username","type":"TextString","value":"bob"/);
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), `the log contains a secret (${secret.length} chars)`);
    }
  });

  it('redacts whole Structures (transparent key material) and wrapped Key Values', () => {
    const node = {
      tag: 'KeyBlock',
      value: [
        { tag: 'KeyValue', type: 'ByteString' as const, value: 'c0ffee' },
        {
          tag: 'KeyMaterial',
          value: [{ tag: 'PrivateExponent', type: 'BigInteger' as const, value: '0x0102' }],
        },
        { tag: 'KeyFormatType', type: 'Enumeration' as const, value: 'Raw' },
      ],
    };
    assert.deepEqual(redactKmipJson(node), {
      tag: 'KeyBlock',
      value: [
        { tag: 'KeyValue', type: 'ByteString', value: '[REDACTED]' },
        { tag: 'KeyMaterial', value: '[REDACTED]' },
        { tag: 'KeyFormatType', type: 'Enumeration', value: 'Raw' },
      ],
    });
  });

  it('logs nothing decoded above debug level, and never the bytes of an undecodable message', async () => {
    let text = '';
    const destination = { write: (l: string) => void (text += l) };
    const bytes = new Uint8Array([0x42, 0x00, 0x42, 0x07, 0, 0, 0, 4, 0xde, 0xad, 0xbe, 0xef]);
    await logKmipMessage(createLogger({ level: 'info', destination }), 'request', bytes);
    assert.equal(text, '');
    await logKmipMessage(createLogger({ level: 'debug', destination }), 'request', bytes);
    assert.match(text, /KMIP request is not decodable/);
    assert.ok(!text.includes('deadbeef') && !text.includes('3q2+7w'));
  });
});
