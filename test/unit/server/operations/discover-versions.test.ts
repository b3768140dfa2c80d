import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResultStatus } from '../../../../src/kmip/generated/registry.ts';
import type { ProtocolVersion } from '../../../../src/kmip/messages/common.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';

describe('DiscoverVersions', () => {
  let harness: ServerHarness;
  const discover = async (protocolVersions?: ProtocolVersion[]) => {
    const item = await harness.sendOne('1.1', {
      operation: 'DiscoverVersions',
      payload: protocolVersions === undefined ? {} : { protocolVersions },
    });
    assert.ok(item.kind === 'typed' && item.resultStatus === ResultStatus.Success);
    return (item.payload as { protocolVersions?: ProtocolVersion[] }).protocolVersions ?? [];
  };
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  it('lists every supported version, newest first, when the client lists none', async () => {
    assert.deepEqual(
      (await discover()).map((v) => `${v.major}.${v.minor}`),
      ['2.1', '2.0', '1.4', '1.3', '1.2', '1.1', '1.0'],
    );
  });

  it('keeps only the versions both sides speak (OASIS TC-161-11)', async () => {
    assert.deepEqual(await discover([{ major: 1, minor: 0 }]), [{ major: 1, minor: 0 }]);
    assert.deepEqual(
      await discover([
        { major: 1, minor: 0 },
        { major: 2, minor: 0 },
      ]),
      [
        { major: 2, minor: 0 },
        { major: 1, minor: 0 },
      ],
    );
    assert.deepEqual(await discover([{ major: 9, minor: 31 }]), []);
  });
});
