import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  QueryFunction,
  ResultReason,
  ResultStatus,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import { encodeRequestMessage } from '../../../../src/kmip/messages/message.ts';
import { KMIP_VERSIONS } from '../../../../src/kmip/registry-types.ts';
import { decodeTtlv, encodeTtlv } from '../../../../src/kmip/ttlv/index.ts';
import {
  negotiateVersion,
  peekRequestedVersion,
  protocolVersionOf,
  SUPPORTED_VERSIONS,
} from '../../../../src/server/pipeline/version.ts';
import {
  createServerHarness,
  message,
  type ServerHarness,
} from '../../../support/server-harness.ts';

describe('protocolVersionOf', () => {
  it('gives the pair of every version, one frozen object per version (issue #9)', () => {
    for (const version of KMIP_VERSIONS) {
      const pair = protocolVersionOf(version);
      assert.equal(`${pair.major}.${pair.minor}`, version);
      assert.equal(protocolVersionOf(version), pair);
      assert.ok(Object.isFrozen(pair));
    }
  });
});

describe('negotiateVersion', () => {
  it('answers every known version in itself', () => {
    for (const version of KMIP_VERSIONS) {
      const [major = 0, minor = 0] = version.split('.').map(Number);
      assert.deepEqual(negotiateVersion({ major, minor }), { version, isSupported: true });
    }
  });

  it('answers a newer minor in the newest minor of its major', () => {
    assert.deepEqual(negotiateVersion({ major: 1, minor: 7 }), {
      version: '1.4',
      isSupported: true,
    });
    assert.deepEqual(negotiateVersion({ major: 2, minor: 9 }), {
      version: '2.1',
      isSupported: true,
    });
  });

  it('refuses an unknown major, answering in the nearest version', () => {
    assert.deepEqual(negotiateVersion({ major: 3, minor: 0 }), {
      version: '2.1',
      isSupported: false,
    });
    assert.deepEqual(negotiateVersion({ major: 0, minor: 9 }), {
      version: '1.0',
      isSupported: false,
    });
  });

  it('prefers the newest version', () => {
    assert.deepEqual(SUPPORTED_VERSIONS, ['2.1', '2.0', '1.4', '1.3', '1.2', '1.1', '1.0']);
  });
});

describe('peekRequestedVersion', () => {
  it('reads the version at the start of an encoded request', () => {
    const bytes = encodeTtlv(
      encodeRequestMessage(message('1.3', [{ operation: 'Query', payload: {} }])),
    );
    assert.deepEqual(peekRequestedVersion(bytes), { major: 1, minor: 3 });
  });

  it('gives up on anything else', () => {
    assert.equal(peekRequestedVersion(new Uint8Array(60)), undefined);
    assert.equal(peekRequestedVersion(new Uint8Array(10)), undefined);
  });
});

describe('version negotiation in the pipeline', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  for (const version of KMIP_VERSIONS) {
    it(`answers a ${version} request in ${version} with a ${version} header`, async () => {
      const request = message(
        version,
        [{ operation: 'Query', payload: { queryFunctions: [QueryFunction.QueryOperations] } }],
        { clientCorrelationValue: 'c-1' },
      );
      const bytes = await harness.sendBytes(encodeTtlv(encodeRequestMessage(request)));
      const tree = decodeTtlv(bytes);
      assert.equal(tree.type, 'Structure');
      const header = tree.type === 'Structure' ? tree.value[0] : undefined;
      assert.equal(header?.type, 'Structure');
      const tags = header?.type === 'Structure' ? header.value.map((c) => c.tag) : [];
      // KMIP 1.4 added the correlation values; a 1.0–1.3 header has exactly these three fields.
      const hasCorrelation = version === '1.4' || version.startsWith('2.');
      assert.deepEqual(
        tags,
        hasCorrelation
          ? [
              Tag.ProtocolVersion,
              Tag.TimeStamp,
              Tag.ClientCorrelationValue,
              Tag.ServerCorrelationValue,
              Tag.BatchCount,
            ]
          : [Tag.ProtocolVersion, Tag.TimeStamp, Tag.BatchCount],
      );
      const response = await harness.send(request);
      const [major = 0, minor = 0] = version.split('.').map(Number);
      assert.deepEqual(response.header.protocolVersion, { major, minor });
      assert.equal(
        response.batchItems[0]?.kind !== 'invalid' && response.batchItems[0]?.resultStatus,
        ResultStatus.Success,
      );
      if (hasCorrelation) assert.equal(response.header.clientCorrelationValue, 'c-1');
    });
  }

  it('answers a 1.9 request in 1.4', async () => {
    const request = message('1.4', [{ operation: 'Query', payload: {} }]);
    const response = await harness.send({
      ...request,
      header: { ...request.header, protocolVersion: { major: 1, minor: 9 } },
    });
    assert.deepEqual(response.header.protocolVersion, { major: 1, minor: 4 });
  });

  it('refuses a 3.0 request with Invalid Message in 2.1', async () => {
    const tree = encodeRequestMessage(message('2.1', [{ operation: 'Query', payload: {} }]));
    const bytes = encodeTtlv(tree);
    // Patch the major version in place: 3.0 cannot be encoded by the message layer.
    bytes[35] = 3;
    bytes[51] = 0;
    const response = await harness.send(decodeTtlv(bytes));
    assert.deepEqual(response.header.protocolVersion, { major: 2, minor: 1 });
    const [item] = response.batchItems;
    assert.ok(item !== undefined && item.kind === 'raw');
    assert.equal(item.operation, undefined);
    assert.equal(item.resultStatus, ResultStatus.OperationFailed);
    assert.equal(item.resultReason, ResultReason.InvalidMessage);
  });
});
