import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ProfileName, Tag } from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import {
  claimedProfiles,
  PROFILE_CLAIMS,
} from '../../../../src/server/operations/query-profiles.ts';

interface ReportCase {
  readonly version: string;
  readonly source: string;
  readonly profile: string;
  readonly mandatory: boolean;
  readonly status: string;
}

const report = JSON.parse(
  readFileSync(new URL('../../../../docs/conformance.json', import.meta.url), 'utf8'),
) as { cases: ReportCase[] };

const nameOf = (value: number): string | undefined =>
  Object.entries(ProfileName).find(([, v]) => v === value)?.[0];

function children(item: KmipItem): KmipItem[] {
  assert.equal(item.type, 'Structure');
  return item.type === 'Structure' ? [...item.value] : [];
}

function profileNames(items: readonly KmipItem[]): string[] {
  return items.map((item) => {
    const [name] = children(item);
    assert.equal(name?.tag, Tag.ProfileName);
    return nameOf(name?.value as number) ?? '?';
  });
}

describe('claimed profiles', () => {
  it('claims a profile at a version only where every mandatory OASIS case of it passes', () => {
    for (const claim of PROFILE_CLAIMS) {
      for (const version of claim.versions) {
        const cases = report.cases.filter(
          (c) =>
            c.mandatory &&
            c.source === 'mandatory' &&
            c.profile === claim.cases &&
            c.version === version,
        );
        assert.ok(cases.length > 0, `${claim.cases} ${version}: no mandatory cases`);
        assert.deepEqual(
          cases.filter((c) => c.status !== 'pass'),
          [],
          `${claim.cases} ${version} has failing mandatory cases`,
        );
      }
    }
  });

  it('names the 1.x profiles per protocol version the request version defines', () => {
    const v13 = profileNames(claimedProfiles('1.3'));
    const v14 = profileNames(claimedProfiles('1.4'));
    assert.ok(v13.includes('SymmetricKeyLifecycleServerKMIPV1_0'));
    assert.ok(v13.includes('SymmetricKeyLifecycleServerKMIPV1_3'));
    assert.ok(v13.includes('BasicCryptographicServerKMIPV1_3'));
    // KMIP 1.4 names did not exist in 1.3.
    assert.equal(v13.includes('SymmetricKeyLifecycleServerKMIPV1_4'), false);
    assert.ok(v14.includes('SymmetricKeyLifecycleServerKMIPV1_4'));
    assert.ok(v14.includes('StorageArrayWithSelfEncryptingDriveServerKMIPV1_4'));
    assert.ok(v14.includes('TapeLibraryServerKMIPV1_3'));
    // Not claimed: no passing run, or a failing mandatory case.
    for (const name of [
      'TapeLibraryServerKMIPV1_0',
      'BaselineServerBasicKMIPV1_4',
      'BasicCryptographicServerKMIPV1_4',
      'AdvancedCryptographicServerKMIPV1_3',
      'SuiteBMinLOS_128ServerKMIPV1_4',
      'XMLServerKMIPV1_4',
    ]) {
      assert.equal(v14.includes(name) || v13.includes(name), false, name);
    }
    // 1.x Profile Information carries no Profile Version.
    assert.ok(claimedProfiles('1.4').every((item) => children(item).length === 1));
  });

  it('names the 2.x profiles once per profiles-document version, with Profile Version', () => {
    const items = claimedProfiles('2.1');
    const entries = items.map((item) => {
      const [name, version] = children(item);
      assert.equal(version?.tag, Tag.ProfileVersion);
      const [major, minor] = version === undefined ? [] : children(version);
      assert.equal(major?.tag, Tag.ProfileVersionMajor);
      assert.equal(minor?.tag, Tag.ProfileVersionMinor);
      return `${nameOf(name?.value as number)} ${String(major?.value)}.${String(minor?.value)}`;
    });
    assert.ok(entries.includes('SymmetricKeyLifecycleServer 2.1'));
    assert.equal(entries.includes('SymmetricKeyLifecycleServer 2.0'), false);
    assert.ok(entries.includes('AESXTSServer 2.0'));
    assert.ok(entries.every((e) => !e.includes('KMIPV1_')));
    assert.equal(
      entries.some((e) => e.startsWith('BaselineServer')),
      false,
    );
    assert.deepEqual(profileNames(claimedProfiles('2.0')), profileNames(items));
  });

  it('has nothing before KMIP 1.3', () => {
    assert.deepEqual(claimedProfiles('1.2'), []);
  });
});
