/**
 * Every OASIS / ovh-kmip-go test case, KMIP 1.0–2.1: each message decodes in strict mode
 * (every field known for its version), no batch item is invalid, and re-encoding gives
 * back the original item tree exactly.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Operation, Tag } from '../../../../src/kmip/generated/registry.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
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
import { listCases, loadMessages } from './oasis-fixtures.ts';
import { UNREADABLE_CASES } from './oasis-unreadable.ts';

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

for (const version of ['1.0', '1.1', '1.2', '1.3', '1.4', '2.0', '2.1']) {
  describe(`OASIS test cases, KMIP ${version}: decode (strict) and re-encode`, () => {
    for (const testCase of listCases(version)) {
      const reason = UNREADABLE_CASES.get(testCase.name);
      if (reason !== undefined) continue; // listed with its reason in oasis-unreadable.ts
      it(`${testCase.name} round-trips every message`, () => {
        const messages = loadMessages(testCase);
        assert.ok(messages.length > 0);
        messages.forEach((message, index) => {
          const item = message;
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
              knownOperationName(batchItem.operation, {
                version: testCase.version as KmipVersionName,
              }) !== undefined &&
              !(item.tag === Tag.ResponseMessage && batchItem.operation === Operation.Poll);
            if (isTypedOperation) assert.equal(batchItem.kind, 'typed', `message ${index}`);
          }
          assert.deepStrictEqual(encoded, message, `message ${index} differs after re-encoding`);
        });
      });
    }
  });
}

describe('OASIS test cases listed as unreadable', () => {
  it('names only files that exist', () => {
    const all = new Set(
      ['1.0', '1.1', '1.2', '1.3', '1.4', '2.0', '2.1'].flatMap((v) =>
        listCases(v).map((c) => c.name),
      ),
    );
    for (const name of UNREADABLE_CASES.keys()) assert.ok(all.has(name), name);
  });
});
