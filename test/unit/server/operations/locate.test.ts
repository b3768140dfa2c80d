// Locate through the pipeline: each attribute filter alone and combined, in KMIP 1.x and 2.x.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  HashingAlgorithm,
  LinkType,
  NameType,
  ObjectType,
  Operation,
  ResultReason,
  State,
  Tag,
  UsageLimitsUnit,
} from '../../../../src/kmip/generated/registry.ts';
import { item } from '../../../../src/kmip/item.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import { LocateFixture, nameAttribute, textAttribute } from './locate-fixture.ts';

const T0 = new Date('2031-03-01T08:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const VERSIONS: readonly KmipVersionName[] = ['1.0', '1.4', '2.0', '2.1'];

describe('Locate: attribute filters', () => {
  let harness: ServerHarness;
  let now = T0;
  const fx = new LocateFixture(() => harness);

  before(async () => {
    harness = await createServerHarness({ now: () => now });
  });
  after(() => harness.close());

  it('finds by Name, matching both the value and the Name Type, in every version', async () => {
    const plain = await fx.key('name', [nameAttribute('db-key')]);
    const uri = await fx.key('name', [nameAttribute('db-key', NameType.URI)]);
    await fx.key('name', [nameAttribute('other')]);
    for (const version of VERSIONS) {
      assert.deepEqual(await fx.ids('name', [nameAttribute('db-key')], { version }), [plain]);
      assert.deepEqual(await fx.ids('name', [nameAttribute('db-key', NameType.URI)], { version }), [
        uri,
      ]);
      assert.deepEqual(await fx.ids('name', [nameAttribute('DB-KEY')], { version }), []);
    }
  });

  it('matches a multi-valued attribute when any instance matches, and needs every instance asked', async () => {
    const both = await fx.key('multi', [nameAttribute('a'), nameAttribute('b')]);
    const one = await fx.key('multi', [nameAttribute('a')]);
    assert.deepEqual(await fx.ids('multi', [nameAttribute('a')]), [one, both]);
    assert.deepEqual(await fx.ids('multi', [nameAttribute('b')]), [both]);
    assert.deepEqual(await fx.ids('multi', [nameAttribute('a'), nameAttribute('b')]), [both]);
    assert.deepEqual(await fx.ids('multi', [nameAttribute('b'), nameAttribute('c')]), []);
  });

  it('finds by Object Type; two different types match nothing', async () => {
    const key = await fx.key('type');
    const publicKey = await fx.insert('type', 'PublicKey');
    const objectType = (value: number) => ({ name: 'ObjectType', value });
    for (const version of ['1.2', '2.1'] as const) {
      const find = (...values: number[]) => fx.ids('type', values.map(objectType), { version });
      assert.deepEqual(await find(ObjectType.SymmetricKey), [key]);
      assert.deepEqual(await find(ObjectType.PublicKey), [publicKey]);
      assert.deepEqual(await find(ObjectType.Certificate), []);
      assert.deepEqual(await find(ObjectType.SymmetricKey, ObjectType.PublicKey), []);
      assert.deepEqual(await find(), [publicKey, key]);
    }
  });

  it('finds by Cryptographic Algorithm and Cryptographic Length', async () => {
    const short = await fx.key('crypto', [], { length: 128 });
    const long = await fx.key('crypto', [], { length: 256 });
    const algorithm = (value: number) => ({ name: 'CryptographicAlgorithm', value });
    const length = (value: number) => ({ name: 'CryptographicLength', value });
    assert.deepEqual(await fx.ids('crypto', [algorithm(CryptographicAlgorithm.AES)]), [
      long,
      short,
    ]);
    assert.deepEqual(await fx.ids('crypto', [algorithm(CryptographicAlgorithm.DES3)]), []);
    assert.deepEqual(await fx.ids('crypto', [length(128)]), [short]);
    assert.deepEqual(
      await fx.ids('crypto', [algorithm(CryptographicAlgorithm.AES), length(256)], {
        version: '2.0',
      }),
      [long],
    );
  });

  it('matches a Cryptographic Usage Mask when the object has every requested bit', async () => {
    const { Encrypt, Decrypt, WrapKey, Sign } = CryptographicUsageMask;
    const plain = await fx.key('mask', [], { mask: Encrypt | Decrypt });
    const wrapping = await fx.key('mask', [], { mask: Encrypt | Decrypt | WrapKey });
    const mask = (value: number) => [{ name: 'CryptographicUsageMask', value }];
    assert.deepEqual(await fx.ids('mask', mask(Encrypt)), [wrapping, plain]);
    assert.deepEqual(await fx.ids('mask', mask(Encrypt | Decrypt)), [wrapping, plain]);
    assert.deepEqual(await fx.ids('mask', mask(Encrypt | WrapKey)), [wrapping]);
    assert.deepEqual(await fx.ids('mask', mask(Encrypt | Sign), { version: '2.1' }), []);
  });

  it('finds by State as of now, with Activation and Deactivation Dates applied', async () => {
    now = T0;
    const dated = await fx.key('state', [
      { name: 'ActivationDate', value: at(60) },
      { name: 'DeactivationDate', value: at(180) },
    ]);
    const activated = await fx.key('state');
    await harness.sendOne('1.4', {
      operation: 'Activate',
      payload: { uniqueIdentifier: activated },
    });
    const waiting = await fx.key('state');
    const state = (value: number) => [{ name: 'State', value }];
    assert.deepEqual(await fx.ids('state', state(State.PreActive)), [waiting, dated]);
    assert.deepEqual(await fx.ids('state', state(State.Active)), [activated]);
    now = at(120);
    assert.deepEqual(await fx.ids('state', state(State.PreActive)), [waiting]);
    assert.deepEqual(await fx.ids('state', state(State.Active), { version: '2.1' }), [
      activated,
      dated,
    ]);
    now = at(240);
    assert.deepEqual(await fx.ids('state', state(State.Deactivated)), [dated]);
    assert.deepEqual(await fx.ids('state', state(State.Active)), [activated]);
    assert.deepEqual(
      await fx.ids('state', [...state(State.Active), ...state(State.PreActive)]),
      [],
    );
    now = T0;
  });

  it('matches a Date attribute given once exactly, and given twice as a range with its bounds', async () => {
    const ids: string[] = [];
    for (const seconds of [0, 10, 20]) {
      now = at(1000 + seconds);
      ids.push(await fx.key('dates'));
    }
    now = T0;
    const [first, second, third] = ids;
    const initial = (...seconds: number[]) =>
      seconds.map((s) => ({ name: 'InitialDate', value: at(1000 + s) }));
    assert.deepEqual(await fx.ids('dates', initial(10)), [second]);
    assert.deepEqual(await fx.ids('dates', initial(5)), []);
    assert.deepEqual(await fx.ids('dates', initial(10, 20)), [third, second]);
    assert.deepEqual(await fx.ids('dates', initial(20, 0), { version: '2.1' }), [
      third,
      second,
      first,
    ]);
    assert.deepEqual(await fx.ids('dates', initial(21, 30)), []);
    const tooMany = await fx.reason('dates', initial(0, 10, 20));
    assert.equal(tooMany.reason, ResultReason.InvalidField);
    assert.match(tooMany.message, /InitialDate/);
    // KMIP 1.4 §4.9: a Date attribute at its largest value is as if it were not given.
    const largest = [{ name: 'InitialDate', value: new Date(8.64e15) }];
    assert.deepEqual(await fx.ids('dates', largest), [third, second, first]);
  });

  it('matches Object Group, Application Specific Information (whole or by namespace) and Link', async () => {
    const asi = (data?: string) => ({
      name: 'ApplicationSpecificInformation',
      value: {
        applicationNamespace: 'app',
        ...(data === undefined ? {} : { applicationData: data }),
      },
    });
    const one = await fx.key('structs', [{ name: 'ObjectGroup', value: 'g1' }, asi('one')]);
    const link = (id: string) => ({
      name: 'Link',
      value: { linkType: LinkType.ReplacementObjectLink, linkedObjectIdentifier: id },
    });
    const two = await fx.key('structs', [
      { name: 'ObjectGroup', value: 'g2' },
      asi('two'),
      link(one),
    ]);
    for (const version of ['1.4', '2.1'] as const) {
      const find = (...attributes: { name: string; value: unknown }[]) =>
        fx.ids('structs', attributes as never, { version });
      assert.deepEqual(await find({ name: 'ObjectGroup', value: 'g1' }), [one]);
      assert.deepEqual(await find(asi('one')), [one]);
      assert.deepEqual(await find(asi()), [two, one]);
      assert.deepEqual(await find(asi('three')), []);
      assert.deepEqual(await find(link(one)), [two]);
      assert.deepEqual(await find(link(two)), []);
    }
  });

  it('matches custom attributes: 1.x x- names and 2.x Vendor Attributes alike, Date-Times as ranges', async () => {
    const expiry = (seconds: number) => ({
      name: 'x-expiry',
      value: { tag: Tag.AttributeValue, type: 'DateTime' as const, value: at(seconds) },
    });
    const blue = await fx.key('custom', [textAttribute('x-team', 'blue'), expiry(100)]);
    const red = await fx.key('custom', [textAttribute('x-team', 'red'), expiry(200)]);
    for (const version of ['1.1', '2.0', '2.1'] as const) {
      assert.deepEqual(await fx.ids('custom', [textAttribute('x-team', 'blue')], { version }), [
        blue,
      ]);
      assert.deepEqual(await fx.ids('custom', [expiry(200)], { version }), [red]);
      assert.deepEqual(await fx.ids('custom', [expiry(50), expiry(150)], { version }), [blue]);
      assert.deepEqual(await fx.ids('custom', [expiry(250), expiry(50)], { version }), [red, blue]);
    }
  });

  it('matches Usage Limits with at least the requested count and total', async () => {
    const id = await fx.key('limits');
    await fx.key('limits');
    await fx.addStored(id, [
      {
        name: 'UsageLimits',
        index: 0,
        value: { total: 100n, count: 50n, unit: UsageLimitsUnit.Object },
      },
    ]);
    const limits = (value: object) => [{ name: 'UsageLimits', value } as never];
    assert.deepEqual(await fx.ids('limits', limits({ count: 50n })), [id]);
    assert.deepEqual(await fx.ids('limits', limits({ total: 100n, count: 10n })), [id]);
    assert.deepEqual(await fx.ids('limits', limits({ count: 51n })), []);
    assert.deepEqual(await fx.ids('limits', limits({ count: 1n, unit: UsageLimitsUnit.Byte })), []);
  });

  it('matches a Digest on the fields given', async () => {
    const first = await fx.key('digest');
    const second = await fx.key('digest');
    const stored = await harness.store.get(first);
    const digest = stored.attributes.find((a) => a.name === 'Digest')?.value;
    assert.ok(digest !== undefined);
    const find = (value: unknown) => fx.ids('digest', [{ name: 'Digest', value } as never]);
    assert.deepEqual(await find(digest), [first]);
    assert.deepEqual(await find({ hashingAlgorithm: HashingAlgorithm.SHA_256 }), [second, first]);
    assert.deepEqual(await find({ hashingAlgorithm: HashingAlgorithm.SHA_512 }), []);
  });

  it('requires every filter to match when they are combined', async () => {
    const { Encrypt } = CryptographicUsageMask;
    const id = await fx.key('combined', [nameAttribute('payroll')], { length: 128 });
    await fx.key('combined', [nameAttribute('payroll')], { length: 256 });
    const filters = [
      nameAttribute('payroll'),
      { name: 'ObjectType', value: ObjectType.SymmetricKey },
      { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.AES },
      { name: 'CryptographicLength', value: 128 },
      { name: 'CryptographicUsageMask', value: Encrypt },
      { name: 'State', value: State.PreActive },
      { name: 'InitialDate', value: T0 },
      { name: 'InitialDate', value: at(3600) },
    ];
    // One changed value per filter; moving the range's start past T0 leaves the key out.
    const others = [
      nameAttribute('other'),
      { name: 'ObjectType', value: ObjectType.SecretData },
      { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.DES3 },
      { name: 'CryptographicLength', value: 192 },
      { name: 'CryptographicUsageMask', value: CryptographicUsageMask.Sign },
      { name: 'State', value: State.Active },
      { name: 'InitialDate', value: at(10) },
    ];
    for (const version of ['1.2', '2.1'] as const) {
      assert.deepEqual(await fx.ids('combined', filters, { version }), [id]);
      for (const [i, other] of others.entries()) {
        const changed = filters.map((f, j) => (j === i ? other : f));
        assert.deepEqual(await fx.ids('combined', changed, { version }), [], `${version} ${i}`);
      }
    }
  });

  it('refuses an unknown or misspelled attribute name with Invalid Field naming it', async () => {
    await fx.key('unknown');
    const cases: [KmipVersionName, string, unknown][] = [
      [
        '1.4',
        'Cryptographic Algorithmm',
        { tag: Tag.AttributeValue, type: 'Enumeration', value: 3 },
      ],
      ['1.4', 'Colour', { tag: Tag.AttributeValue, type: 'TextString', value: 'red' }],
      ['2.1', 'MaximumItems', 5],
    ];
    for (const [version, name, value] of cases) {
      const failure = await fx.reason('unknown', [{ name, value } as never], { version });
      assert.equal(failure.reason, ResultReason.InvalidField, name);
      assert.ok(failure.message.includes(name), failure.message);
    }
  });

  it('refuses an attribute the version does not define (Fresh in 1.0, Operation Policy Name in 2.x)', async () => {
    // Sent as item trees: our encoder leaves such attributes out.
    const v10 = item(Tag.RequestPayload, 'Structure', [
      item(Tag.Attribute, 'Structure', [
        item(Tag.AttributeName, 'TextString', 'Fresh'),
        item(Tag.AttributeValue, 'Boolean', true),
      ]),
    ]);
    const v21 = item(Tag.RequestPayload, 'Structure', [
      item(Tag.Attributes, 'Structure', [item(Tag.OperationPolicyName, 'TextString', 'default')]),
    ]);
    for (const [version, raw, name] of [
      ['1.0', v10, 'Fresh'],
      ['2.1', v21, 'OperationPolicyName'],
    ] as const) {
      const response = await harness.sendOne(version, { operation: Operation.Locate, raw });
      assert.ok(response.kind !== 'invalid');
      assert.equal(response.resultReason, ResultReason.InvalidField, version);
      assert.ok(response.resultMessage?.includes(name), response.resultMessage);
    }
  });
});
