// Import (KMIP 1.4 §4.32, 2.1 §6.1.25) through the pipeline: refused by default, allowed by
// a role granting Import (config `[access]`, the real policy engine); attributes stored
// exactly as given; Replace Existing; Key Wrap Type; the checks of §6.1.25.1.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  EncodingOption,
  KeyFormatType,
  KeyWrapType,
  ObjectType,
  Operation,
  ResultReason,
  State,
  Tag,
  WrappingMethod,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ManagedObject } from '../../../../src/kmip/messages/objects.ts';
import type { ExportResponse } from '../../../../src/kmip/messages/payloads/export.ts';
import type { ImportRequest } from '../../../../src/kmip/messages/payloads/import.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { createLogger } from '../../../../src/server/logger.ts';
import { startPolicyEngine, type PolicyEngine } from '../../../../src/server/policy/index.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import {
  attr,
  blockOf,
  failure,
  fromHex,
  getItem,
  getObject,
  hex,
  keyBlock,
  materialBytes,
  okPayload,
  registerAes,
} from './key-ops-fixture.ts';

const IMPORTER = 'importer';
const KEY = '00112233445566778899aabbccddeeff';
const OTHER_KEY = 'ffeeddccbbaa99887766554433221100';
const PAST = new Date('2019-01-02T03:04:05Z');

/** The role docs/server.md shows: Import of any object type, the caller's own objects only. */
const IMPORTER_ROLES = {
  roles: { importer: { allow: { '*': ['Import'] }, owner: 'self' as const } },
  grants: { [IMPORTER]: ['importer'] },
  groups: {},
  tenants: {},
};

const aes = (material: string): ManagedObject => ({
  kind: 'SymmetricKey',
  keyBlock: keyBlock(KeyFormatType.Raw, fromHex(material), CryptographicAlgorithm.AES, 128),
});

function aesAttributes(id: string, extra: readonly Attribute[] = []): Attribute[] {
  return [
    attr('UniqueIdentifier', id),
    attr('ObjectType', ObjectType.SymmetricKey),
    attr('CryptographicAlgorithm', CryptographicAlgorithm.AES),
    attr('CryptographicLength', 128),
    attr('CryptographicUsageMask', CryptographicUsageMask.Encrypt),
    attr('State', State.Active),
    attr('InitialDate', PAST),
    attr('ActivationDate', PAST),
    ...extra,
  ];
}

function importPayload(id: string, overrides: Partial<ImportRequest> = {}): ImportRequest {
  return {
    uniqueIdentifier: id,
    objectType: ObjectType.SymmetricKey,
    attributes: { attributes: aesAttributes(id) },
    object: aes(KEY),
    ...overrides,
  };
}

describe('Import', () => {
  let harness: ServerHarness;
  let engine: PolicyEngine;
  before(async () => {
    engine = await startPolicyEngine({
      logger: createLogger({ level: 'silent' }),
      roles: IMPORTER_ROLES,
      watch: false,
      rescanIntervalMs: 0,
    });
    harness = await createServerHarness({ authorize: engine.authorize });
  });
  after(async () => {
    engine.close();
    await harness.close();
  });

  const importItem = (
    payload: ImportRequest,
    identity = IMPORTER,
    version: KmipVersionName = '2.1',
  ) => harness.sendOne(version, { operation: 'Import', payload }, identity);
  const attributesOf = async (id: string, identity = IMPORTER) =>
    okPayload<{ attributes: Attribute[] }>(
      await harness.sendOne(
        '2.1',
        { operation: 'GetAttributes', payload: { uniqueIdentifier: id } },
        identity,
      ),
    ).attributes;
  const getAs = (id: string, version: KmipVersionName = '2.1') =>
    harness.sendOne(version, { operation: 'Get', payload: { uniqueIdentifier: id } }, IMPORTER);
  const objectOf = async (id: string, version: KmipVersionName = '2.1') =>
    okPayload<{ object: ManagedObject }>(await getAs(id, version)).object;
  const valuesOf = (attributes: readonly Attribute[], name: string) =>
    attributes.filter((a) => a.name === name).map((a) => a.value);

  it('is refused to a caller no role grants Import: Permission Denied, nothing stored', async () => {
    assert.equal(
      failure(await importItem(importPayload('denied-1'), 'alice')),
      ResultReason.PermissionDenied,
    );
    assert.equal(
      failure(await getItem(harness, { uniqueIdentifier: 'denied-1' }, '2.1')),
      ResultReason.ObjectNotFound,
    );
    // The built-in policies alone (no roles) grant Import to nobody, owner included.
    const plain = await createServerHarness();
    try {
      const id = await plain.createKey({ version: '2.1' });
      const item = await plain.sendOne('2.1', {
        operation: 'Import',
        payload: importPayload(id, { replaceExisting: true }),
      });
      assert.equal(failure(item), ResultReason.PermissionDenied);
    } finally {
      await plain.close();
    }
  });

  it('stores the object under the given identifier with exactly the given attributes', async () => {
    const id = 'imported-1';
    const payload = importPayload(id, {
      attributes: {
        attributes: aesAttributes(id, [
          attr('x-origin', { tag: Tag.AttributeValue, type: 'TextString', value: 'server-a' }),
        ]),
      },
    });
    assert.deepEqual(okPayload(await importItem(payload)), { uniqueIdentifier: id });
    const attributes = await attributesOf(id);
    assert.deepEqual(valuesOf(attributes, 'State'), [State.Active], 'the supplied State');
    assert.deepEqual(valuesOf(attributes, 'InitialDate'), [PAST], 'the supplied Initial Date');
    assert.deepEqual(valuesOf(attributes, 'UniqueIdentifier'), [id]);
    assert.equal(valuesOf(attributes, 'x-origin').length, 1);
    // Nothing server-generated was added.
    for (const name of ['Fresh', 'LastChangeDate', 'Digest', 'OriginalCreationDate']) {
      assert.deepEqual(valuesOf(attributes, name), [], name);
    }
    assert.equal(hex(materialBytes(await objectOf(id))), KEY);
    // Owned by the importer: another client may not read it.
    assert.equal(
      failure(
        await harness.sendOne(
          '2.1',
          { operation: 'Get', payload: { uniqueIdentifier: id } },
          'alice',
        ),
      ),
      ResultReason.PermissionDenied,
    );
  });

  it('refuses an identifier in use unless Replace Existing is True, then replaces the object', async () => {
    const id = 'imported-2';
    okPayload(await importItem(importPayload(id)));
    for (const replaceExisting of [undefined, false]) {
      const payload = importPayload(id, {
        object: aes(OTHER_KEY),
        ...(replaceExisting === undefined ? {} : { replaceExisting }),
      });
      assert.equal(failure(await importItem(payload)), ResultReason.ObjectAlreadyExists);
    }
    const replacement = importPayload(id, {
      replaceExisting: true,
      object: aes(OTHER_KEY),
      attributes: {
        // Pre-Active without an Activation Date (a past one would make it Active on read).
        attributes: aesAttributes(id)
          .filter((a) => a.name !== 'ActivationDate')
          .map((a) => (a.name === 'State' ? attr('State', State.PreActive) : a)),
      },
    });
    okPayload(await importItem(replacement));
    assert.equal(hex(materialBytes(await objectOf(id))), OTHER_KEY);
    const attributes = await attributesOf(id);
    assert.deepEqual(valuesOf(attributes, 'State'), [State.PreActive]);
    assert.deepEqual(valuesOf(attributes, 'ActivationDate'), [], 'the old attributes are gone');
  });

  it("never replaces another client's object, even with Replace Existing", async () => {
    const id = await registerAes(harness, fromHex(KEY));
    const item = await importItem(
      importPayload(id, { replaceExisting: true, object: aes(OTHER_KEY) }),
    );
    assert.equal(failure(item), ResultReason.PermissionDenied);
    assert.equal(hex(materialBytes(await getObject(harness, { uniqueIdentifier: id }))), KEY);
  });

  it('checks the request: Invalid Field, Attribute Single Valued, material as for Register', async () => {
    const id = 'imported-bad';
    const cases: [ImportRequest, number][] = [
      [
        importPayload(id, { attributes: { attributes: aesAttributes('someone-else') } }),
        ResultReason.InvalidField,
      ],
      [importPayload(id, { objectType: ObjectType.SecretData }), ResultReason.InvalidField],
      [
        importPayload(id, {
          attributes: {
            attributes: aesAttributes(id).map((a) =>
              a.name === 'ObjectType' ? attr('ObjectType', ObjectType.SecretData) : a,
            ),
          },
        }),
        ResultReason.InvalidField,
      ],
      [
        importPayload(id, {
          attributes: { attributes: aesAttributes(id, [attr('CryptographicLength', 128)]) },
        }),
        ResultReason.AttributeSingleValued,
      ],
      [
        importPayload(id, {
          attributes: {
            attributes: aesAttributes(id).map((a) =>
              a.name === 'CryptographicLength' ? attr('CryptographicLength', 256) : a,
            ),
          },
        }),
        ResultReason.InvalidField,
      ],
      [
        importPayload(id, {
          attributes: {
            attributes: aesAttributes(id).map((a) =>
              a.name === 'State' ? attr('State', 0x99) : a,
            ),
          },
        }),
        ResultReason.InvalidField,
      ],
      [importPayload(id, { keyWrapType: 0x99 }), ResultReason.InvalidField],
    ];
    for (const [payload, reason] of cases) {
      assert.equal(failure(await importItem(payload)), reason, JSON.stringify(payload.objectType));
    }
    assert.equal(
      failure(await getItem(harness, { uniqueIdentifier: id }, '2.1')),
      ResultReason.ObjectNotFound,
    );
  });

  it('takes a wrapped key as registered or, with Not Wrapped, unwraps it first', async () => {
    // The importer wraps under a KEK of its own (the owner-only default policy).
    const importerKek = okPayload<{ uniqueIdentifier: string }>(
      await harness.sendOne(
        '2.1',
        {
          operation: 'Register',
          payload: {
            objectType: ObjectType.SymmetricKey,
            object: aes('000102030405060708090a0b0c0d0e0f'),
            attributes: {
              attributes: [
                attr(
                  'CryptographicUsageMask',
                  CryptographicUsageMask.WrapKey | CryptographicUsageMask.UnwrapKey,
                ),
                attr('ActivationDate', PAST),
              ],
            },
          },
        },
        IMPORTER,
      ),
    ).uniqueIdentifier;
    const source = okPayload<{ uniqueIdentifier: string }>(
      await harness.sendOne(
        '2.1',
        {
          operation: 'Register',
          payload: {
            objectType: ObjectType.SymmetricKey,
            object: aes(KEY),
            attributes: {
              attributes: [attr('CryptographicUsageMask', CryptographicUsageMask.Encrypt)],
            },
          },
        },
        IMPORTER,
      ),
    ).uniqueIdentifier;
    const exported = okPayload<ExportResponse>(
      await harness.sendOne(
        '2.1',
        {
          operation: 'Export',
          payload: {
            uniqueIdentifier: source,
            keyWrappingSpecification: {
              wrappingMethod: WrappingMethod.Encrypt,
              encryptionKeyInformation: {
                uniqueIdentifier: importerKek,
                cryptographicParameters: { blockCipherMode: BlockCipherMode.NISTKeyWrap },
              },
              encodingOption: EncodingOption.NoEncoding,
            },
          },
        },
        IMPORTER,
      ),
    );
    const wrapped = exported.object;
    assert.ok(blockOf(wrapped).keyWrappingData !== undefined);
    const base = (id: string) => importPayload(id, { object: wrapped });
    assert.equal(failure(await importItem(base('wrapped-0'))), ResultReason.InvalidField);

    okPayload(await importItem({ ...base('wrapped-1'), keyWrapType: KeyWrapType.NotWrapped }));
    const clear = await objectOf('wrapped-1');
    assert.equal(blockOf(clear).keyWrappingData, undefined, 'stored unwrapped');
    assert.equal(hex(materialBytes(clear)), KEY);

    okPayload(await importItem({ ...base('wrapped-2'), keyWrapType: KeyWrapType.AsRegistered }));
    const asGiven = await objectOf('wrapped-2');
    assert.ok(blockOf(asGiven).keyWrappingData !== undefined, 'stored wrapped, as given');
  });

  it('keeps no key material for an object imported Destroyed', async () => {
    const id = 'imported-destroyed';
    okPayload(
      await importItem(
        importPayload(id, {
          attributes: {
            attributes: aesAttributes(id).map((a) =>
              a.name === 'State' ? attr('State', State.Destroyed) : a,
            ),
          },
        }),
      ),
    );
    assert.equal(failure(await getAs(id)), ResultReason.ObjectDestroyed);
  });

  it('works in KMIP 1.4 (Template-Attribute); KMIP 1.3 has no Import', async () => {
    okPayload(await importItem(importPayload('imported-14'), IMPORTER, '1.4'));
    assert.equal(hex(materialBytes(await objectOf('imported-14', '1.4'))), KEY);
    const item = await harness.sendOne(
      '1.3',
      {
        operation: Operation.Import,
        raw: { tag: Tag.RequestPayload, type: 'Structure', value: [] },
      },
      IMPORTER,
    );
    assert.equal(failure(item), ResultReason.OperationNotSupported);
  });

  it('sets the ID Placeholder', async () => {
    const response = await harness.send(
      {
        header: { protocolVersion: { major: 2, minor: 1 }, batchCount: 2 },
        batchItems: [
          {
            kind: 'typed',
            operation: Operation.Import,
            payload: importPayload('imported-placeholder'),
            uniqueBatchItemId: new Uint8Array([1]),
          },
          {
            kind: 'typed',
            operation: Operation.GetAttributes,
            payload: { attributeNames: ['UniqueIdentifier'] },
            uniqueBatchItemId: new Uint8Array([2]),
          },
        ],
      },
      IMPORTER,
    );
    const [, second] = response.batchItems;
    assert.ok(second !== undefined);
    assert.equal(
      okPayload<{ uniqueIdentifier: string }>(second).uniqueIdentifier,
      'imported-placeholder',
    );
  });
});
