import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Tag, UsageLimitsUnit } from '../../../../../src/kmip/generated/registry.ts';
import { item } from '../../../../../src/kmip/item.ts';
import {
  matchesPartially,
  usageLimitsSatisfy,
  valuesEqual,
} from '../../../../../src/server/operations/locate/value-match.ts';

describe('Locate value matching', () => {
  it('compares values as the store does: by kind, Dates by instant, bytes by content', () => {
    assert.equal(valuesEqual(256, 256), true);
    assert.equal(valuesEqual(256, 256n), false);
    assert.equal(valuesEqual('256', 256), false);
    assert.equal(valuesEqual(new Date(1000), new Date(1000)), true);
    assert.equal(valuesEqual(new Date(1000), 1000), false);
    assert.equal(valuesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])), true);
    assert.equal(valuesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3])), false);
    assert.equal(valuesEqual({ value: 'a', type: 1 }, { type: 1, value: 'a' }), true);
    assert.equal(valuesEqual({ value: 'a', extra: undefined }, { value: 'a' }), true);
    assert.equal(valuesEqual({ value: 'a' }, { value: 'a', type: 1 }), false);
    assert.equal(valuesEqual([1, { a: 2 }], [1, { a: 2 }]), true);
  });

  it('matches a structure on the fields the request gives', () => {
    const digest = { hashingAlgorithm: 6, digestValue: new Uint8Array([9]), keyFormatType: 1 };
    assert.equal(matchesPartially({ hashingAlgorithm: 6 }, digest), true);
    assert.equal(matchesPartially({ hashingAlgorithm: 7 }, digest), false);
    assert.equal(matchesPartially({ digestValue: new Uint8Array([9]) }, digest), true);
    assert.equal(matchesPartially({ hashingAlgorithm: 6 }, 6), false);
    assert.equal(matchesPartially('x', 'x'), true);
  });

  it('matches a raw structure when each requested child is among the instance children', () => {
    const subject = item(Tag.X_509CertificateSubject, 'Structure', [
      item(Tag.CertificateSubjectDistinguishedName, 'ByteString', new Uint8Array([1])),
      item(Tag.CertificateSubjectAlternativeName, 'ByteString', new Uint8Array([2])),
    ]);
    const part = item(Tag.X_509CertificateSubject, 'Structure', [
      item(Tag.CertificateSubjectAlternativeName, 'ByteString', new Uint8Array([2])),
    ]);
    const other = item(Tag.X_509CertificateSubject, 'Structure', [
      item(Tag.CertificateSubjectAlternativeName, 'ByteString', new Uint8Array([3])),
    ]);
    const elsewhere = item(Tag.X_509CertificateIssuer, 'Structure', []);
    assert.equal(matchesPartially(part, subject), true);
    assert.equal(matchesPartially(other, subject), false);
    assert.equal(matchesPartially(elsewhere, subject), false);
  });

  it('wants Usage Limits Count and Total at least as large as asked, and the same unit', () => {
    const limits = { total: 100n, count: 50n, unit: UsageLimitsUnit.Object };
    assert.equal(usageLimitsSatisfy({ count: 50n }, limits), true);
    assert.equal(usageLimitsSatisfy({ total: 101n }, limits), false);
    assert.equal(usageLimitsSatisfy({ unit: UsageLimitsUnit.Byte }, limits), false);
    assert.equal(usageLimitsSatisfy({ count: 1n }, { total: 5n }), false);
    assert.equal(usageLimitsSatisfy({}, 'not limits'), false);
  });
});
