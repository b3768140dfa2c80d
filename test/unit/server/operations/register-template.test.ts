import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CryptographicAlgorithm,
  KeyFormatType,
  ObjectType,
  ResultReason,
  SecretDataType,
  State,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import { encodeRequestMessage } from '../../../../src/kmip/index.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import type { ManagedObject } from '../../../../src/kmip/messages/objects.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import {
  createServerHarness,
  message,
  type ServerHarness,
} from '../../../support/server-harness.ts';
import {
  attr,
  attributesOf,
  custom,
  failure,
  nameOf,
  registerTemplate,
  succeeded,
  valuesOf,
} from './template-fixture.ts';

// A KMIP 2.x Register whose object is a Template structure: the 2.x codec keeps the unknown
// object (lossless decoding), so the operation itself must refuse it.
function register2xTemplate(version: KmipVersionName): KmipItem {
  const secret: ManagedObject = {
    kind: 'SecretData',
    secretDataType: SecretDataType.Password,
    keyBlock: { keyFormatType: KeyFormatType.Opaque, keyValue: { keyMaterial: new Uint8Array(8) } },
  };
  const swap = (item: KmipItem): KmipItem => {
    if (item.tag === Tag.SecretData) {
      const custom: KmipItem[] = [
        { tag: Tag.AttributeName, type: 'TextString', value: 'x-a' },
        { tag: Tag.AttributeValue, type: 'TextString', value: 'v' },
      ];
      return {
        tag: Tag.Template,
        type: 'Structure',
        value: [{ tag: Tag.Attribute, type: 'Structure', value: custom }],
      };
    }
    if (item.tag === Tag.ObjectType && item.type === 'Enumeration') {
      return { ...item, value: ObjectType.Template };
    }
    if (item.type === 'Structure') return { ...item, value: item.value.map(swap) };
    return item;
  };
  return swap(
    encodeRequestMessage(
      message(version, [
        {
          operation: 'Register',
          payload: {
            objectType: ObjectType.SecretData,
            attributes: { attributes: [attr('Name', nameOf('tpl-2x'))] },
            object: secret,
          },
        },
      ]),
    ),
  );
}

describe('Register of a Template', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  const content = [
    attr('CryptographicAlgorithm', CryptographicAlgorithm.AES),
    attr('ObjectGroup', 'template-group'),
    custom('x-custom', 'from-template'),
  ];

  for (const version of ['1.0', '1.2', '1.3', '1.4'] as const) {
    it(`stores it in KMIP ${version}; Get returns it as registered`, async () => {
      const id = succeeded(
        await registerTemplate(harness, content, [attr('Name', nameOf(`tpl-${version}`))], {
          version,
        }),
      );
      const item = await harness.sendOne(version, {
        operation: 'Get',
        payload: { uniqueIdentifier: id },
      });
      succeeded(item);
      const payload = (item as { payload: { objectType: number; object: ManagedObject } }).payload;
      assert.equal(payload.objectType, ObjectType.Template);
      assert.deepEqual(payload.object, { kind: 'Template', attributes: content });
    });
  }

  it('gives the Template its own attributes, without State, Fresh or Digest', async () => {
    const id = succeeded(
      await registerTemplate(harness, content, [
        attr('Name', nameOf('tpl-own')),
        custom('x-owner-note', 'kept'),
      ]),
    );
    const attributes = await attributesOf(harness, id);
    assert.deepEqual(valuesOf(attributes, 'ObjectType'), [ObjectType.Template]);
    assert.deepEqual(valuesOf(attributes, 'Name'), [nameOf('tpl-own')]);
    assert.deepEqual(valuesOf(attributes, 'x-owner-note'), [custom('x-owner-note', 'kept').value]);
    assert.equal(valuesOf(attributes, 'InitialDate').length, 1);
    for (const absent of ['State', 'Fresh', 'Digest', 'CryptographicAlgorithm', 'ObjectGroup']) {
      assert.deepEqual(valuesOf(attributes, absent), [], `${absent} is not the Template's`);
    }
  });

  it('is found by Locate on Object Type Template and Name, and by nothing in KMIP 2.x', async () => {
    const id = succeeded(
      await registerTemplate(harness, content, [attr('Name', nameOf('tpl-find'))]),
    );
    const locate = (version: KmipVersionName, attributes: ReturnType<typeof attr>[]) =>
      harness
        .sendOne(version, { operation: 'Locate', payload: { attributes } })
        .then((item) => (item as { payload: { uniqueIdentifiers?: string[] } }).payload);
    assert.deepEqual(
      (
        await locate('1.4', [
          attr('ObjectType', ObjectType.Template),
          attr('Name', nameOf('tpl-find')),
        ])
      ).uniqueIdentifiers,
      [id],
    );
    // A Template has no State (KMIP 1.4 §3.22), so a State criterion never matches it.
    const byState = await locate('1.4', [
      attr('ObjectType', ObjectType.Template),
      attr('State', State.PreActive),
    ]);
    assert.deepEqual(byState.uniqueIdentifiers ?? [], []);
    assert.ok(!((await locate('2.1', [])).uniqueIdentifiers ?? []).includes(id));
    const get = await harness.sendOne('2.1', {
      operation: 'Get',
      payload: { uniqueIdentifier: id },
    });
    assert.equal(failure(get), ResultReason.ObjectNotFound);
  });

  it('lets Add, Modify and Delete Attribute change its own attributes, and only those', async () => {
    const id = succeeded(
      await registerTemplate(harness, content, [attr('Name', nameOf('tpl-edit'))]),
    );
    succeeded(
      await harness.sendOne('1.4', {
        operation: 'AddAttribute',
        payload: { uniqueIdentifier: id, attribute: attr('ObjectGroup', 'own-group') },
      }),
    );
    succeeded(
      await harness.sendOne('1.4', {
        operation: 'ModifyAttribute',
        payload: { uniqueIdentifier: id, attribute: attr('Name', nameOf('tpl-edited')) },
      }),
    );
    const attributes = await attributesOf(harness, id);
    assert.deepEqual(valuesOf(attributes, 'ObjectGroup'), ['own-group']);
    assert.deepEqual(valuesOf(attributes, 'Name'), [nameOf('tpl-edited')]);
    succeeded(
      await harness.sendOne('1.4', {
        operation: 'DeleteAttribute',
        payload: { uniqueIdentifier: id, attributeName: 'ObjectGroup' },
      }),
    );
    assert.deepEqual(valuesOf(await attributesOf(harness, id), 'ObjectGroup'), []);
    const add = await harness.sendOne('1.4', {
      operation: 'AddAttribute',
      payload: {
        uniqueIdentifier: id,
        attribute: attr('ActivationDate', new Date(Date.UTC(2030, 0, 1))),
      },
    });
    assert.equal(failure(add), ResultReason.InvalidField);
  });

  it('takes a Name inside the Template as the Template name too', async () => {
    const id = succeeded(
      await registerTemplate(harness, [...content, attr('Name', nameOf('tpl-inner'))], []),
    );
    assert.deepEqual(valuesOf(await attributesOf(harness, id), 'Name'), [nameOf('tpl-inner')]);
  });

  it('is destroyed by Destroy, after which no request can use it', async () => {
    const id = succeeded(
      await registerTemplate(harness, content, [attr('Name', nameOf('tpl-gone'))]),
    );
    succeeded(
      await harness.sendOne('1.4', { operation: 'Destroy', payload: { uniqueIdentifier: id } }),
    );
    const get = await harness.sendOne('1.4', {
      operation: 'Get',
      payload: { uniqueIdentifier: id },
    });
    assert.equal(failure(get), ResultReason.ItemNotFound);
    const create = await harness.sendOne('1.4', {
      operation: 'Create',
      payload: {
        objectType: ObjectType.SymmetricKey,
        attributes: { attributes: [], templateNames: [nameOf('tpl-gone')] },
      },
    });
    assert.equal(failure(create), ResultReason.ItemNotFound);
  });

  it('refuses attributes of new objects given for the Template itself with Invalid Field', async () => {
    const item = await registerTemplate(harness, content, [
      attr('Name', nameOf('tpl-bad-own')),
      attr('CryptographicAlgorithm', CryptographicAlgorithm.AES),
    ]);
    assert.equal(failure(item), ResultReason.InvalidField);
  });

  it('refuses a server-only attribute in the Template (1.x: Permission Denied)', async () => {
    const item = await registerTemplate(
      harness,
      [attr('InitialDate', new Date(0))],
      [attr('Name', nameOf('tpl-server-only'))],
    );
    assert.equal(failure(item), ResultReason.PermissionDenied);
  });

  it('refuses Template Names in the Register of a Template with Invalid Field', async () => {
    const item = await harness.sendOne('1.4', {
      operation: 'Register',
      payload: {
        objectType: ObjectType.Template,
        attributes: { attributes: [], templateNames: [nameOf('tpl-1.4')] },
        object: { kind: 'Template', attributes: content },
      },
    });
    assert.equal(failure(item), ResultReason.InvalidField);
  });

  for (const version of ['2.0', '2.1'] as const) {
    it(`refuses a Template in KMIP ${version}, which has none, with Invalid Object Type`, async () => {
      const response = await harness.send(register2xTemplate(version));
      const [item] = response.batchItems;
      assert.ok(item !== undefined);
      assert.equal(failure(item), ResultReason.InvalidObjectType);
    });
  }

  it('cannot be activated: the Template policy allows no Activate (Permission Denied)', async () => {
    const id = succeeded(
      await registerTemplate(harness, content, [attr('Name', nameOf('tpl-act'))]),
    );
    const item = await harness.sendOne('1.4', {
      operation: 'Activate',
      payload: { uniqueIdentifier: id },
    });
    assert.equal(failure(item), ResultReason.PermissionDenied);
  });
});
