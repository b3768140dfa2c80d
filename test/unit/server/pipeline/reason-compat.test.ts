import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResultReason } from '../../../../src/kmip/generated/registry.ts';
import { KMIP_VERSIONS } from '../../../../src/kmip/registry-types.ts';
import { enumValueEntry, existsInVersion } from '../../../../src/kmip/registry.ts';
import { reasonForVersion } from '../../../../src/server/pipeline/reason-compat.ts';

describe('reasonForVersion', () => {
  it('keeps a reason the version defines', () => {
    assert.equal(reasonForVersion(ResultReason.ItemNotFound, '1.0'), ResultReason.ItemNotFound);
    assert.equal(reasonForVersion(ResultReason.ObjectNotFound, '2.1'), ResultReason.ObjectNotFound);
  });

  it('maps 2.x reasons to what KMIP 1.x answered', () => {
    assert.equal(reasonForVersion(ResultReason.ObjectNotFound, '1.4'), ResultReason.ItemNotFound);
    assert.equal(
      reasonForVersion(ResultReason.WrongKeyLifecycleState, '1.0'),
      ResultReason.PermissionDenied,
    );
    assert.equal(
      reasonForVersion(ResultReason.AttributeReadOnly, '1.2'),
      ResultReason.PermissionDenied,
    );
    assert.equal(
      reasonForVersion(ResultReason.AttributeSingleValued, '1.4'),
      ResultReason.IndexOutOfBounds,
    );
    assert.equal(
      reasonForVersion(ResultReason.InvalidObjectType, '1.1'),
      ResultReason.InvalidField,
    );
  });

  it('maps reasons 2.0 retired to their 2.x equivalents', () => {
    assert.equal(
      reasonForVersion(ResultReason.IndexOutOfBounds, '2.0'),
      ResultReason.AttributeInstanceNotFound,
    );
    assert.equal(
      reasonForVersion(ResultReason.IllegalOperation, '2.1'),
      ResultReason.PermissionDenied,
    );
  });

  it('falls back to General Failure and keeps vendor extension values', () => {
    assert.equal(reasonForVersion(ResultReason.CodecError, '1.4'), ResultReason.GeneralFailure);
    assert.equal(reasonForVersion(0x80000005, '1.0'), 0x80000005);
  });

  it('only ever answers a reason the version defines', () => {
    for (const version of KMIP_VERSIONS) {
      for (const reason of Object.values(ResultReason)) {
        const mapped = reasonForVersion(reason, version);
        const entry = enumValueEntry('ResultReason', mapped);
        assert.ok(
          entry !== undefined && existsInVersion(entry, version),
          `${reason} in ${version}`,
        );
      }
    }
  });
});
