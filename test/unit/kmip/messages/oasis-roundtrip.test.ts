/**
 * Every OASIS / ovh-kmip-go test case, KMIP 1.0–2.1: each message decodes in strict mode
 * (every field known for its version), no batch item is invalid, and re-encoding gives
 * back the original item tree exactly. Files are read through the shared pre-pass of
 * test/support/kmip-testcases.ts; the few it cannot read are UNREADABLE_TEST_CASES there,
 * and each must still fail with its listed code.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Operation, Tag } from '../../../../src/kmip/generated/registry.ts';
import { KMIP_VERSIONS, type KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import {
  decodeRequestMessage,
  decodeResponseMessage,
  encodeRequestMessage,
  encodeResponseMessage,
  knownOperationName,
  type RequestMessage,
  type ResponseMessage,
} from '../../../../src/kmip/messages/index.ts';
import { KmipXmlError } from '../../../../src/kmip/xml/index.ts';
import {
  listTestCaseFiles,
  loadTestCase,
  UNREADABLE_TEST_CASES,
} from '../../../support/kmip-testcases.ts';

function roundTrip(item: KmipItem): {
  decoded: RequestMessage | ResponseMessage;
  encoded: KmipItem;
} {
  if (item.tag === Tag.RequestMessage) {
    const decoded = decodeRequestMessage(item, { strict: true });
    return { decoded, encoded: encodeRequestMessage(decoded) };
  }
  const decoded = decodeResponseMessage(item, { strict: true });
  return { decoded, encoded: encodeResponseMessage(decoded) };
}

function assertMessageRoundTrips(message: KmipItem, index: number, version: KmipVersionName): void {
  const { decoded, encoded } = roundTrip(message);
  for (const batchItem of decoded.batchItems) {
    assert.notEqual(
      batchItem.kind,
      'invalid',
      `message ${index}: ${batchItem.kind === 'invalid' ? batchItem.error.message : ''}`,
    );
    // An operation with schemas must decode typed (Poll responses have no schema).
    const isTypedOperation =
      batchItem.operation !== undefined &&
      knownOperationName(batchItem.operation, { version }) !== undefined &&
      !(message.tag === Tag.ResponseMessage && batchItem.operation === Operation.Poll);
    if (isTypedOperation) assert.equal(batchItem.kind, 'typed', `message ${index}`);
  }
  assert.deepStrictEqual(encoded, message, `message ${index} differs after re-encoding`);
}

for (const version of KMIP_VERSIONS) {
  describe(`OASIS test cases, KMIP ${version}: decode (strict) and re-encode`, () => {
    for (const file of listTestCaseFiles(version)) {
      const unreadable = UNREADABLE_TEST_CASES.get(file);
      if (unreadable !== undefined) {
        it(`${file} still cannot be read: ${unreadable.reason}`, () => {
          assert.throws(
            () => loadTestCase(file),
            (error) => error instanceof KmipXmlError && error.code === unreadable.code,
          );
        });
        continue;
      }
      it(`${file} round-trips every message`, () => {
        const messages = loadTestCase(file);
        assert.ok(messages.length > 0, 'no message');
        messages.forEach((message, index) => assertMessageRoundTrips(message, index, version));
      });
    }
  });
}

describe('OASIS test cases of the message tests', () => {
  it('cover all 1016 corpus files, 4 of them unreadable, in the version folders', () => {
    const perVersion = KMIP_VERSIONS.flatMap((version) => listTestCaseFiles(version));
    assert.deepStrictEqual(new Set(perVersion), new Set(listTestCaseFiles()));
    assert.equal(perVersion.length, 1016);
    assert.equal(UNREADABLE_TEST_CASES.size, 4);
    for (const file of UNREADABLE_TEST_CASES.keys()) assert.ok(perVersion.includes(file), file);
  });
});
