// The version check every real-client workload makes on the server's answers
// (test/support/raw-kmip-client.ts): it must catch what it is there to catch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Tag } from '../../../src/kmip/generated/registry.ts';
import { item, type KmipItem } from '../../../src/kmip/item.ts';
import { encodeTtlv } from '../../../src/kmip/ttlv/index.ts';
import type { KmipVersionName } from '../../../src/kmip/registry-types.ts';
import { versionViolations } from '../../support/raw-kmip-client.ts';

function attribute(name: string, value: KmipItem): KmipItem {
  return item(Tag.Attribute, 'Structure', [item(Tag.AttributeName, 'TextString', name), value]);
}

/** A Get Attributes response in `answered`, with `extra` in its payload. */
function response(answered: KmipVersionName, extra: readonly KmipItem[]): string {
  const [major, minor] = answered.split('.').map(Number);
  const message = item(Tag.ResponseMessage, 'Structure', [
    item(Tag.ResponseHeader, 'Structure', [
      item(Tag.ProtocolVersion, 'Structure', [
        item(Tag.ProtocolVersionMajor, 'Integer', major ?? 0),
        item(Tag.ProtocolVersionMinor, 'Integer', minor ?? 0),
      ]),
      item(Tag.TimeStamp, 'DateTime', new Date('2026-01-01T00:00:00Z')),
      item(Tag.BatchCount, 'Integer', 1),
    ]),
    item(Tag.BatchItem, 'Structure', [
      item(Tag.Operation, 'Enumeration', 0x0b),
      item(Tag.ResultStatus, 'Enumeration', 0),
      item(Tag.ResponsePayload, 'Structure', [
        item(Tag.UniqueIdentifier, 'TextString', 'id-1'),
        attribute('State', item(Tag.AttributeValue, 'Enumeration', 2)),
        ...extra,
      ]),
    ]),
  ]);
  return Buffer.from(encodeTtlv(message)).toString('hex');
}

describe('versionViolations', () => {
  it('finds nothing in an answer made only of what the version defines', () => {
    assert.deepEqual(versionViolations(response('1.0', []), '1.0'), []);
  });

  it('names an attribute the version does not define, but not custom x- attributes', () => {
    const extra = [
      attribute('Fresh', item(Tag.AttributeValue, 'Boolean', true)),
      attribute('x-ResourceID', item(Tag.AttributeValue, 'TextString', 'r1')),
    ];
    assert.deepEqual(versionViolations(response('1.0', extra), '1.0'), ['attribute Fresh']);
    assert.deepEqual(versionViolations(response('1.1', extra), '1.1'), []);
  });

  it('names a tag the version does not define', () => {
    const extra = [item(Tag.ServerCorrelationValue, 'TextString', 'c')];
    assert.deepEqual(versionViolations(response('1.2', extra), '1.2'), [
      'tag ServerCorrelationValue',
    ]);
  });

  it('reports an answer in another version than the request', () => {
    assert.deepEqual(versionViolations(response('1.2', []), '1.1'), ['answered in KMIP 1.2']);
  });
});
