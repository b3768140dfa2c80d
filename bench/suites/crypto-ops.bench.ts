/**
 * Cryptographic operations through the full server: `keywarden serve` (a child process, fresh
 * data folder, default policy) over TLS with the development PKI, one connection, one request
 * at a time. Cases: Encrypt and Decrypt of 1 KiB and 1 MiB with AES-256-GCM and AES-256-CBC;
 * Sign and Signature Verify of 1 KiB with RSA-2048 (PKCS#1 v1.5, SHA-256), ECDSA P-256
 * (SHA-256) and Ed25519. The baseline is `openssl speed` for the same primitives in the same
 * run (bench/crypto/openssl-speed.ts). Issue #6 targets: 1 MiB AES-GCM through the server at
 * least 70 % of openssl's single-core throughput; 1 KiB operations bound by TLS round trips.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from '../../src/crypto/index.ts';
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  DigitalSignatureAlgorithm,
  ObjectType,
  Operation,
  RecommendedCurve,
  ResultStatus,
} from '../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../src/kmip/messages/attributes.ts';
import {
  decodeResponseMessage,
  encodeRequestMessage,
  type ResponseMessage,
} from '../../src/kmip/messages/message.ts';
import { decodeTtlv, encodeTtlv } from '../../src/kmip/ttlv/index.ts';
import { adminCredentials, KmipTlsClient } from '../../test/interop/server/kmip-tls-client.ts';
import { KEYWARDEN_MAIN, READY_LINE } from '../../test/support/keywarden-process.ts';
import { createOpensslSpeedBaseline } from '../crypto/openssl-speed.ts';
import type { Baseline, BenchCase } from '../lib/types.ts';

const KIB = 1024;
const MIB = 1024 * 1024;

interface Session {
  readonly client: KmipTlsClient;
  readonly ids: Readonly<
    Record<'aes' | 'rsa' | 'p256' | 'ed25519', { sign: string; verify: string }>
  >;
}

let child: ChildProcess | undefined;
let home: string | undefined;
// The server and the folder go when the runner ends (it has no teardown hook).
process.on('exit', () => {
  child?.kill('SIGKILL');
  if (home !== undefined) rmSync(home, { recursive: true, force: true });
});

async function startServer(): Promise<{ host: string; port: number; home: string }> {
  home = mkdtempSync(join(tmpdir(), 'kw-bench-crypto-'));
  const folder = home;
  const proc = spawn(
    process.execPath,
    [
      KEYWARDEN_MAIN,
      'serve',
      '--port',
      '0',
      '--home',
      folder,
      '--log-level',
      'warn',
      '--max-message-size',
      String(4 * MIB),
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  child = proc;
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = READY_LINE.exec(out);
      if (match !== null) resolve(Number(match[3]));
    });
    proc.once('exit', (code) => reject(new Error(`keywarden serve exited with ${code}`)));
  });
  // Neither the server nor its pipe keeps the runner alive once the cases are done.
  proc.unref();
  proc.stdout?.removeAllListeners('data');
  (proc.stdout as { unref?: () => void } | null)?.unref?.();
  return { host: '127.0.0.1', port, home: folder };
}

async function send(
  client: KmipTlsClient,
  operation: keyof typeof Operation,
  payload: unknown,
): Promise<ResponseMessage> {
  // The connection keeps the event loop alive only while a request is outstanding.
  client.socket.ref();
  try {
    const request = encodeRequestMessage({
      header: { protocolVersion: { major: 2, minor: 1 }, batchCount: 1 },
      batchItems: [{ kind: 'typed', operation: Operation[operation], payload } as never],
    });
    const bytes = await client.exchange(encodeTtlv(request));
    const response = decodeResponseMessage(decodeTtlv(bytes, { maxMessageSize: 4 * MIB }));
    const [item] = response.batchItems;
    if (
      item === undefined ||
      item.kind === 'invalid' ||
      item.resultStatus !== ResultStatus.Success
    ) {
      throw new Error(
        `${operation} failed: ${item !== undefined && item.kind !== 'invalid' ? item.resultMessage : 'no item'}`,
      );
    }
    return response;
  } finally {
    client.socket.unref();
  }
}

function payloadOf<T>(response: ResponseMessage): T {
  const [item] = response.batchItems;
  return (item as unknown as { payload: T }).payload;
}

const attr = (name: string, value: Attribute['value']): Attribute => ({ name, value });

async function createPair(
  client: KmipTlsClient,
  common: Attribute[],
): Promise<{ sign: string; verify: string }> {
  const r = payloadOf<{ privateKeyUniqueIdentifier: string; publicKeyUniqueIdentifier: string }>(
    await send(client, 'CreateKeyPair', {
      commonAttributes: { attributes: common },
      privateKeyAttributes: {
        attributes: [attr('CryptographicUsageMask', CryptographicUsageMask.Sign)],
      },
      publicKeyAttributes: {
        attributes: [attr('CryptographicUsageMask', CryptographicUsageMask.Verify)],
      },
    }),
  );
  for (const id of [r.privateKeyUniqueIdentifier, r.publicKeyUniqueIdentifier]) {
    await send(client, 'Activate', { uniqueIdentifier: id });
  }
  return { sign: r.privateKeyUniqueIdentifier, verify: r.publicKeyUniqueIdentifier };
}

let session: Promise<Session> | undefined;

function getSession(): Promise<Session> {
  session ??= (async () => {
    const server = await startServer();
    const client = await KmipTlsClient.connect(server, await adminCredentials(server.home));
    // One small request at a time: Nagle's algorithm would add delayed-ACK waits to each.
    client.socket.setNoDelay(true);
    client.socket.unref();
    const aes = payloadOf<{ uniqueIdentifier: string }>(
      await send(client, 'Create', {
        objectType: ObjectType.SymmetricKey,
        attributes: {
          attributes: [
            attr('CryptographicAlgorithm', CryptographicAlgorithm.AES),
            attr('CryptographicLength', 256),
            attr(
              'CryptographicUsageMask',
              CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
            ),
          ],
        },
      }),
    ).uniqueIdentifier;
    await send(client, 'Activate', { uniqueIdentifier: aes });
    const ids = {
      aes: { sign: aes, verify: aes },
      rsa: await createPair(client, [
        attr('CryptographicAlgorithm', CryptographicAlgorithm.RSA),
        attr('CryptographicLength', 2048),
      ]),
      p256: await createPair(client, [
        attr('CryptographicAlgorithm', CryptographicAlgorithm.EC),
        attr('CryptographicDomainParameters', { recommendedCurve: RecommendedCurve.P_256 }),
      ]),
      ed25519: await createPair(client, [
        attr('CryptographicAlgorithm', CryptographicAlgorithm.Ed25519),
      ]),
    };
    return { client, ids };
  })();
  return session;
}

const iv = { GCM: randomBytes(12), CBC: randomBytes(16) };

function cipherCases(mode: 'GCM' | 'CBC', size: number, label: string): BenchCase[] {
  const data = randomBytes(size);
  const params = {
    blockCipherMode: BlockCipherMode[mode],
    ...(mode === 'CBC' ? { paddingMethod: 3 } : {}),
  };
  let sealed: { data: Uint8Array; tag?: Uint8Array } | undefined;
  const key = `aes-256-${mode.toLowerCase()}/${label}`;
  const encrypt = async () => {
    const { client, ids } = await getSession();
    const out = payloadOf<{ data: Uint8Array; authenticatedEncryptionTag?: Uint8Array }>(
      await send(client, 'Encrypt', {
        uniqueIdentifier: ids.aes.sign,
        cryptographicParameters: params,
        data,
        ivCounterNonce: iv[mode],
      }),
    );
    sealed = {
      data: out.data,
      ...(out.authenticatedEncryptionTag === undefined
        ? {}
        : { tag: out.authenticatedEncryptionTag }),
    };
    return out;
  };
  return [
    {
      name: `encrypt/${key}`,
      fn: encrypt,
      isAsync: true,
      setup: async () => void (await getSession()),
      bytesPerOp: size,
      baselineKey: key,
      ...(mode === 'GCM' && size === MIB ? { target: { baselineRatio: 0.7 } } : {}),
    },
    {
      name: `decrypt/${key}`,
      fn: async () => {
        const { client, ids } = await getSession();
        const input = sealed ?? (await encrypt());
        const tag = 'tag' in input ? input.tag : undefined;
        return send(client, 'Decrypt', {
          uniqueIdentifier: ids.aes.sign,
          cryptographicParameters: params,
          data: input.data,
          ivCounterNonce: iv[mode],
          ...(tag === undefined ? {} : { authenticatedEncryptionTag: tag }),
        });
      },
      isAsync: true,
      setup: async () => void (await encrypt()),
      bytesPerOp: size,
      baselineKey: key,
    },
  ];
}

function signatureCases(
  name: 'rsa-2048' | 'p-256' | 'ed25519',
  which: 'rsa' | 'p256' | 'ed25519',
): BenchCase[] {
  const data = randomBytes(KIB);
  const params =
    which === 'rsa'
      ? { digitalSignatureAlgorithm: DigitalSignatureAlgorithm.SHA_256WithRSAEncryption }
      : which === 'p256'
        ? { digitalSignatureAlgorithm: DigitalSignatureAlgorithm.ECDSAWithSHA256 }
        : {};
  let signature: Uint8Array | undefined;
  const sign = async () => {
    const { client, ids } = await getSession();
    const out = payloadOf<{ signatureData: Uint8Array }>(
      await send(client, 'Sign', {
        uniqueIdentifier: ids[which].sign,
        cryptographicParameters: params,
        data,
      }),
    );
    signature = out.signatureData;
    return out;
  };
  return [
    {
      name: `sign/${name}`,
      fn: sign,
      isAsync: true,
      setup: async () => void (await getSession()),
      baselineKey: `${name}/sign`,
    },
    {
      name: `verify/${name}`,
      fn: async () => {
        const { client, ids } = await getSession();
        return send(client, 'SignatureVerify', {
          uniqueIdentifier: ids[which].verify,
          cryptographicParameters: params,
          data,
          signatureData: signature ?? (await sign()).signatureData,
        });
      },
      isAsync: true,
      setup: async () => void (await sign()),
      baselineKey: `${name}/verify`,
    },
  ];
}

/** The cases. */
export const cases: readonly BenchCase[] = [
  ...cipherCases('GCM', KIB, '1KiB'),
  ...cipherCases('GCM', MIB, '1MiB'),
  ...cipherCases('CBC', KIB, '1KiB'),
  ...cipherCases('CBC', MIB, '1MiB'),
  ...signatureCases('rsa-2048', 'rsa'),
  ...signatureCases('p-256', 'p256'),
  ...signatureCases('ed25519', 'ed25519'),
];

/** openssl speed for the same primitives. */
export const baselines: readonly Baseline[] = [createOpensslSpeedBaseline()];
