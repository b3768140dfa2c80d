import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResultReason } from '../../../../src/kmip/generated/registry.ts';
import { checkClientAttributes } from '../../../../src/server/objects/client-attributes.ts';

describe('checkClientAttributes', () => {
  it('keeps standard and custom attributes and drops indexes', () => {
    const out = checkClientAttributes(
      [
        { name: 'CryptographicLength', value: 128, index: 0 },
        { name: 'Name', value: { value: 'a', type: 1 } },
        { name: 'Name', index: 1, value: { value: 'b', type: 1 } },
        { name: 'x-tag', value: { tag: 0x42000b, type: 'TextString', value: 'v' } },
      ],
      '1.4',
    );
    assert.deepEqual(
      out.map((a) => [a.name, a.index]),
      [
        ['CryptographicLength', undefined],
        ['Name', undefined],
        ['Name', undefined],
        ['x-tag', undefined],
      ],
    );
  });

  it('refuses server-only attributes with Attribute Read Only', () => {
    for (const name of ['State', 'UniqueIdentifier', 'InitialDate', 'Digest', 'LastChangeDate']) {
      assert.throws(() => checkClientAttributes([{ name, value: 1 }], '2.1'), {
        code: 'KW_KMIP_RESULT',
        reason: ResultReason.AttributeReadOnly,
      });
    }
  });

  it('refuses a second value of a single-valued attribute', () => {
    assert.throws(
      () =>
        checkClientAttributes(
          [
            { name: 'CryptographicLength', value: 128 },
            { name: 'CryptographicLength', value: 256 },
          ],
          '1.2',
        ),
      { reason: ResultReason.AttributeSingleValued },
    );
  });

  it('refuses a non-zero index on a single-valued attribute', () => {
    assert.throws(
      () => checkClientAttributes([{ name: 'CryptographicLength', index: 1, value: 128 }], '1.2'),
      { reason: ResultReason.InvalidField },
    );
  });

  it('refuses unknown names with Invalid Field', () => {
    assert.throws(() => checkClientAttributes([{ name: 'Colour', value: 'red' }], '1.4'), {
      reason: ResultReason.InvalidField,
    });
  });
});
