import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { isLegacyProviderLoaded } from '../../../../src/crypto/index.ts';
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  ObjectType,
  RecommendedCurve,
  ResultReason,
  ResultStatus,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import { encodeRequestMessage } from '../../../../src/kmip/messages/message.ts';
import { encodeTtlv } from '../../../../src/kmip/ttlv/index.ts';
import { createLogger } from '../../../../src/server/logger.ts';
import { createMessageHandler } from '../../../../src/server/pipeline/handle-message.ts';
import {
  createServerHarness,
  decodeResponse,
  message,
  type ServerHarness,
} from '../../../support/server-harness.ts';
import { failure, ok, registerObject, symmetricKey } from './crypto-fixture.ts';

const ENC = CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt;
const attr = (name: string, value: Attribute['value']): Attribute => ({ name, value });
const createSymmetric = (algorithm: number, length: number) => ({
  objectType: ObjectType.SymmetricKey,
  attributes: {
    attributes: [
      attr('CryptographicAlgorithm', algorithm),
      attr('CryptographicLength', length),
      attr('CryptographicUsageMask', ENC),
    ],
  },
});
const createPair = (common: Attribute[]) => ({
  commonAttributes: { attributes: common },
  privateKeyAttributes: {
    attributes: [attr('CryptographicUsageMask', CryptographicUsageMask.Sign)],
  },
  publicKeyAttributes: {
    attributes: [attr('CryptographicUsageMask', CryptographicUsageMask.Verify)],
  },
});

describe('weak-algorithm policy on keys', () => {
  describe('the default policy (112-bit security, no legacy algorithms)', () => {
    let harness: ServerHarness;
    before(async () => {
      harness = await createServerHarness();
    });
    after(() => harness.close());

    it('creates AES-128 and 3-key 3DES but refuses 2-key 3DES naming crypto.minSecurityBits', async () => {
      await ok(harness, 'Create', createSymmetric(CryptographicAlgorithm.AES, 128));
      await ok(harness, 'Create', createSymmetric(CryptographicAlgorithm.DES3, 192));
      const refused = await failure(
        harness,
        'Create',
        createSymmetric(CryptographicAlgorithm.DES3, 128),
      );
      assert.equal(refused.reason, ResultReason.PermissionDenied);
      assert.match(refused.message ?? '', /crypto\.minSecurityBits/);
    });

    it('refuses an RSA-1024 key pair; creates P-256', async () => {
      const rsa = createPair([
        attr('CryptographicAlgorithm', CryptographicAlgorithm.RSA),
        attr('CryptographicLength', 1024),
      ]);
      assert.equal(
        (await failure(harness, 'CreateKeyPair', rsa)).reason,
        ResultReason.PermissionDenied,
      );
      await ok(
        harness,
        'CreateKeyPair',
        createPair([
          attr('CryptographicAlgorithm', CryptographicAlgorithm.EC),
          attr('CryptographicDomainParameters', { recommendedCurve: RecommendedCurve.P_256 }),
        ]),
      );
    });

    it('refuses to register a Blowfish key, naming crypto.allowLegacy', async () => {
      const item = await harness.sendOne('2.1', {
        operation: 'Register',
        payload: {
          objectType: ObjectType.SymmetricKey,
          attributes: { attributes: [attr('CryptographicUsageMask', ENC)] },
          object: symmetricKey('Blowfish', new Uint8Array(randomBytes(16))),
        },
      });
      assert.ok(item.kind !== 'invalid');
      assert.equal(item.resultReason, ResultReason.PermissionDenied);
      assert.match(item.resultMessage ?? '', /crypto\.allowLegacy/);
    });

    it('refuses to use a key that a laxer policy let in', async () => {
      const lax = await createServerHarness({
        cryptoPolicy: { allowLegacy: false, minSecurityBits: 80 },
      });
      try {
        const id = await registerObject(
          lax,
          symmetricKey('DES3', new Uint8Array(randomBytes(16))),
          ENC,
        );
        const strict = createMessageHandler({
          store: lax.store,
          logger: createLogger({ level: 'silent' }),
        });
        const request = message('2.1', [
          {
            operation: 'Encrypt',
            payload: {
              uniqueIdentifier: id,
              data: new Uint8Array(8),
              cryptographicParameters: { blockCipherMode: BlockCipherMode.ECB },
            },
          },
        ]);
        const response = decodeResponse(
          await strict(encodeTtlv(encodeRequestMessage(request)), { identity: 'alice' }),
        );
        const [item] = response.batchItems;
        assert.ok(item !== undefined && item.kind !== 'invalid');
        assert.equal(item.resultStatus, ResultStatus.OperationFailed);
        assert.equal(item.resultReason, ResultReason.PermissionDenied);
      } finally {
        await lax.close();
      }
    });
  });

  describe('crypto.allowedAlgorithms', () => {
    let harness: ServerHarness;
    before(async () => {
      harness = await createServerHarness({
        cryptoPolicy: { allowLegacy: false, minSecurityBits: 112, allowedAlgorithms: ['AES'] },
      });
    });
    after(() => harness.close());

    it('creates what it lists and refuses the rest', async () => {
      await ok(harness, 'Create', createSymmetric(CryptographicAlgorithm.AES, 256));
      const refused = await failure(
        harness,
        'Create',
        createSymmetric(CryptographicAlgorithm.HMAC_SHA256, 256),
      );
      assert.equal(refused.reason, ResultReason.PermissionDenied);
      assert.match(refused.message ?? '', /crypto\.allowedAlgorithms/);
    });
  });

  describe('crypto.allowLegacy', () => {
    let harness: ServerHarness;
    before(async () => {
      harness = await createServerHarness({
        cryptoPolicy: { allowLegacy: true, minSecurityBits: 112 },
      });
    });
    after(() => harness.close());

    it('registers a Blowfish key and logs the legacy use', async () => {
      await registerObject(harness, symmetricKey('Blowfish', new Uint8Array(randomBytes(16))), ENC);
      assert.ok(
        harness.logs.some(
          (l) => l.msg?.startsWith('legacy algorithm used') === true && l.algorithm === 'Blowfish',
        ),
      );
    });

    it('encrypts with Blowfish when OpenSSL has its legacy provider, else says which switch is missing', async () => {
      const id = await registerObject(
        harness,
        symmetricKey('Blowfish', new Uint8Array(randomBytes(16))),
        ENC,
      );
      const payload = {
        uniqueIdentifier: id,
        data: new Uint8Array(16),
        cryptographicParameters: { blockCipherMode: BlockCipherMode.CBC },
      };
      if (isLegacyProviderLoaded()) {
        await ok(harness, 'Encrypt', payload);
      } else {
        const refused = await failure(harness, 'Encrypt', payload);
        assert.equal(refused.reason, ResultReason.FeatureNotSupported);
        assert.match(refused.message ?? '', /--openssl-legacy-provider/);
      }
    });
  });
});
