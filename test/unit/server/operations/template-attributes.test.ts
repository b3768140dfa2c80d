import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  KeyFormatType,
  ObjectType,
  ResultReason,
  SecretDataType,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { mergeTemplateAttributes } from '../../../../src/server/operations/template-attributes.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
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

const usage = CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt;

describe('mergeTemplateAttributes (KMIP 1.4 §4)', () => {
  it('lets the last template win a single-instance attribute', () => {
    const merged = mergeTemplateAttributes(
      [[attr('CryptographicLength', 128)], [attr('CryptographicLength', 256)]],
      [],
    );
    assert.deepEqual(merged, [attr('CryptographicLength', 256)]);
  });

  it('lets the request win over every template for a single-instance attribute', () => {
    const merged = mergeTemplateAttributes(
      [[attr('CryptographicLength', 128)], [attr('CryptographicLength', 256)]],
      [attr('CryptographicLength', 192)],
    );
    assert.deepEqual(merged, [attr('CryptographicLength', 192)]);
  });

  it('unions multi-instance attributes, each distinct value once', () => {
    const merged = mergeTemplateAttributes(
      [
        [attr('ObjectGroup', 'a'), attr('ObjectGroup', 'b')],
        [attr('ObjectGroup', 'b'), custom('x-note', 'one')],
      ],
      [attr('ObjectGroup', 'c'), attr('ObjectGroup', 'a'), custom('x-note', 'two')],
    );
    assert.deepEqual(valuesOf(merged, 'ObjectGroup'), ['a', 'b', 'c']);
    assert.deepEqual(valuesOf(merged, 'x-note'), [
      custom('x-note', 'one').value,
      custom('x-note', 'two').value,
    ]);
  });

  it('drops the Attribute Index of template instances (the server assigns indexes)', () => {
    const merged = mergeTemplateAttributes([[{ name: 'ObjectGroup', value: 'a', index: 3 }]], []);
    assert.deepEqual(merged, [attr('ObjectGroup', 'a')]);
  });
});

describe('Template Names in requests', () => {
  let harness: ServerHarness;
  before(async () => {
    // RSA-1024 keeps the key pair test fast (key-policy.test.ts covers the default floor).
    harness = await createServerHarness({
      cryptoPolicy: { allowLegacy: false, minSecurityBits: 80 },
    });
  });
  after(() => harness.close());

  const create = (
    attributes: Attribute[],
    names: string[],
    options: { version?: KmipVersionName; identity?: string } = {},
  ) =>
    harness.sendOne(
      options.version ?? '1.4',
      {
        operation: 'Create',
        payload: {
          objectType: ObjectType.SymmetricKey,
          attributes: { attributes, templateNames: names.map(nameOf) },
        },
      },
      options.identity,
    );

  before(async () => {
    succeeded(
      await registerTemplate(
        harness,
        [
          attr('CryptographicAlgorithm', CryptographicAlgorithm.AES),
          attr('CryptographicLength', 256),
          attr('CryptographicUsageMask', usage),
          attr('ObjectGroup', 'from-aes'),
          attr('Name', nameOf('aes-inner-name')),
        ],
        [attr('Name', nameOf('aes'))],
      ),
    );
    succeeded(
      await registerTemplate(
        harness,
        [attr('CryptographicLength', 128), attr('ObjectGroup', 'from-short')],
        [attr('Name', nameOf('short'))],
      ),
    );
  });

  for (const version of ['1.0', '1.4'] as const) {
    it(`creates a key from a Template's attributes alone in KMIP ${version}`, async () => {
      const id = succeeded(await create([], ['aes'], { version }));
      const attributes = await attributesOf(harness, id, version);
      assert.deepEqual(valuesOf(attributes, 'CryptographicAlgorithm'), [
        CryptographicAlgorithm.AES,
      ]);
      assert.deepEqual(valuesOf(attributes, 'CryptographicLength'), [256]);
      assert.deepEqual(valuesOf(attributes, 'ObjectGroup'), ['from-aes']);
      assert.deepEqual(valuesOf(attributes, 'Name'), [], "the Template's Name stays its own");
    });
  }

  it('applies the later Template and then the request over earlier Templates', async () => {
    const later = succeeded(await create([], ['aes', 'short']));
    const fromLater = await attributesOf(harness, later);
    assert.deepEqual(valuesOf(fromLater, 'CryptographicLength'), [128]);
    assert.deepEqual(valuesOf(fromLater, 'ObjectGroup'), ['from-aes', 'from-short']);

    const explicit = succeeded(
      await create([attr('CryptographicLength', 192), attr('ObjectGroup', 'mine')], ['aes']),
    );
    const fromRequest = await attributesOf(harness, explicit);
    assert.deepEqual(valuesOf(fromRequest, 'CryptographicLength'), [192]);
    assert.deepEqual(valuesOf(fromRequest, 'ObjectGroup'), ['from-aes', 'mine']);
  });

  it('refuses an unknown Template Name with Item Not Found', async () => {
    assert.equal(failure(await create([], ['no-such-template'])), ResultReason.ItemNotFound);
  });

  it("does not let a caller use another owner's Template (default policy), unless it is public", async () => {
    succeeded(
      await registerTemplate(
        harness,
        [attr('ObjectGroup', 'bob-group')],
        [attr('Name', nameOf('bobs'))],
        { identity: 'bob' },
      ),
    );
    succeeded(
      await registerTemplate(
        harness,
        [attr('ObjectGroup', 'shared-group')],
        [attr('Name', nameOf('shared')), attr('OperationPolicyName', 'public')],
        { identity: 'bob' },
      ),
    );
    const aes = [
      attr('CryptographicAlgorithm', CryptographicAlgorithm.AES),
      attr('CryptographicLength', 128),
      attr('CryptographicUsageMask', usage),
    ];
    assert.equal(failure(await create(aes, ['bobs'])), ResultReason.ItemNotFound);
    const id = succeeded(await create(aes, ['shared']));
    assert.deepEqual(valuesOf(await attributesOf(harness, id), 'ObjectGroup'), ['shared-group']);
  });

  it('refuses a Template Name that names two Templates with Invalid Field', async () => {
    for (const group of ['one', 'two']) {
      succeeded(
        await registerTemplate(
          harness,
          [attr('ObjectGroup', group)],
          [attr('Name', nameOf('twice'))],
        ),
      );
    }
    assert.equal(failure(await create([], ['twice'])), ResultReason.InvalidField);
  });

  it('checks what a Template brings like the request: one unknown in the version fails', async () => {
    // Description is a KMIP 1.4 attribute; a 1.0 request may not set it, even via a Template.
    succeeded(
      await registerTemplate(
        harness,
        [attr('Description', 'only in 1.4')],
        [attr('Name', nameOf('described'))],
      ),
    );
    assert.equal(
      failure(await create([], ['aes', 'described'], { version: '1.0' })),
      ResultReason.InvalidField,
    );
  });

  it('merges Common and per-key Templates in Create Key Pair, the per-key ones winning', async () => {
    succeeded(
      await registerTemplate(
        harness,
        [
          attr('CryptographicAlgorithm', CryptographicAlgorithm.RSA),
          attr('CryptographicLength', 1024),
          attr('CryptographicUsageMask', CryptographicUsageMask.Sign),
          attr('ObjectGroup', 'pair'),
        ],
        [attr('Name', nameOf('rsa-common'))],
      ),
    );
    succeeded(
      await registerTemplate(
        harness,
        [attr('CryptographicUsageMask', CryptographicUsageMask.Verify)],
        [attr('Name', nameOf('rsa-public'))],
      ),
    );
    const item = await harness.sendOne('1.4', {
      operation: 'CreateKeyPair',
      payload: {
        commonAttributes: { attributes: [], templateNames: [nameOf('rsa-common')] },
        privateKeyAttributes: { attributes: [] },
        publicKeyAttributes: { attributes: [], templateNames: [nameOf('rsa-public')] },
      },
    });
    succeeded(item);
    const payload = (
      item as { payload: { privateKeyUniqueIdentifier: string; publicKeyUniqueIdentifier: string } }
    ).payload;
    const priv = await attributesOf(harness, payload.privateKeyUniqueIdentifier);
    const pub = await attributesOf(harness, payload.publicKeyUniqueIdentifier);
    assert.deepEqual(valuesOf(priv, 'CryptographicUsageMask'), [CryptographicUsageMask.Sign]);
    assert.deepEqual(valuesOf(pub, 'CryptographicUsageMask'), [CryptographicUsageMask.Verify]);
    assert.deepEqual(valuesOf(pub, 'ObjectGroup'), ['pair']);
  });

  it('gives a registered object the Template attributes (OASIS SASED-M-2)', async () => {
    succeeded(
      await registerTemplate(
        harness,
        [attr('ObjectGroup', 'sased-group'), custom('x-one', 'v1')],
        [attr('Name', nameOf('sased'))],
      ),
    );
    const id = succeeded(
      await harness.sendOne('1.3', {
        operation: 'Register',
        payload: {
          objectType: ObjectType.SecretData,
          attributes: { attributes: [custom('x-two', 'v2')], templateNames: [nameOf('sased')] },
          object: {
            kind: 'SecretData',
            secretDataType: SecretDataType.Password,
            keyBlock: {
              keyFormatType: KeyFormatType.Opaque,
              keyValue: { keyMaterial: new Uint8Array(32).fill(0x2a) },
            },
          },
        },
      }),
    );
    const attributes = await attributesOf(harness, id, '1.3');
    assert.deepEqual(valuesOf(attributes, 'ObjectGroup'), ['sased-group']);
    assert.deepEqual(valuesOf(attributes, 'x-one'), [custom('x-one', 'v1').value]);
    assert.deepEqual(valuesOf(attributes, 'x-two'), [custom('x-two', 'v2').value]);
  });
});
