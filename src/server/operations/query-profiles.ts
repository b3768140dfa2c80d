/**
 * The KMIP profiles Keywarden claims in a Query Profiles answer (KMIP 1.3/1.4 §4.25 Profile
 * Information, 2.1 §6.1.37). A profile is claimed for a KMIP version only where every
 * mandatory OASIS test case of that profile and version passes (docs/conformance.md; a unit
 * test holds this table to docs/conformance.json). Near misses are left out on purpose:
 * Basic Cryptographic Server at 1.4+ and Advanced Cryptographic Server at 1.3 (one failing
 * case each, documented as errata), Baseline, Suite B, Quantum Safe and the message-encoding
 * profiles (HTTPS, JSON, XML).
 */
import type { KmipItem } from '../../kmip/item.ts';
import { ProfileName, Tag } from '../../kmip/generated/registry.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { enumValueEntry, existsInVersion } from '../../kmip/registry.ts';

/** One claimed profile: its test-case prefix, its 2.x Profile Name, the KMIP versions. */
export interface ProfileClaim {
  /** Prefix of the profile's test cases (docs/conformance.md). */
  readonly cases: string;
  /** The 2.x Profile Name; KMIP 1.3/1.4 name it `<name>KMIPV1_<minor>`. */
  readonly name: string;
  readonly versions: readonly KmipVersionName[];
}

const V1_0_TO_1_4: readonly KmipVersionName[] = ['1.0', '1.1', '1.2', '1.3', '1.4'];

/** The claims, one per profile. */
export const PROFILE_CLAIMS: readonly ProfileClaim[] = [
  { cases: 'SKLC', name: 'SymmetricKeyLifecycleServer', versions: [...V1_0_TO_1_4, '2.1'] },
  { cases: 'AKLC', name: 'AsymmetricKeyLifecycleServer', versions: [...V1_0_TO_1_4, '2.0', '2.1'] },
  { cases: 'SKFF', name: 'SymmetricKeyFoundryServer', versions: [...V1_0_TO_1_4, '2.0', '2.1'] },
  {
    cases: 'OMOS',
    name: 'OpaqueManagedObjectStoreServer',
    versions: [...V1_0_TO_1_4, '2.0', '2.1'],
  },
  { cases: 'TL', name: 'TapeLibraryServer', versions: ['1.3', '1.4', '2.0', '2.1'] },
  { cases: 'CS-RNG', name: 'RNGCryptographicServer', versions: ['1.3', '1.4', '2.0', '2.1'] },
  { cases: 'CS-BC', name: 'BasicCryptographicServer', versions: ['1.3'] },
  { cases: 'CS-AC', name: 'AdvancedCryptographicServer', versions: ['1.4', '2.0', '2.1'] },
  {
    cases: 'SASED',
    name: 'StorageArrayWithSelfEncryptingDriveServer',
    versions: ['1.4', '2.0', '2.1'],
  },
  // The AES XTS profile has no KMIP 1.x Profile Name.
  { cases: 'AX', name: 'AESXTSServer', versions: ['2.0', '2.1'] },
];

function profileNameValue(name: string): number | undefined {
  return (ProfileName as Readonly<Record<string, number>>)[name];
}

function isProfileNameIn(value: number, version: KmipVersionName): boolean {
  const entry = enumValueEntry('ProfileName', value);
  return entry !== undefined && existsInVersion(entry, version);
}

const integer = (tag: number, value: number): KmipItem => ({ tag, type: 'Integer', value });

function profileInformation(value: number, children: readonly KmipItem[] = []): KmipItem {
  return {
    tag: Tag.ProfileInformation,
    type: 'Structure',
    value: [{ tag: Tag.ProfileName, type: 'Enumeration', value }, ...children],
  };
}

// KMIP 1.3/1.4 name a profile per protocol version (…KMIPV1_2); 2.x name it once and say
// which version of the profiles document in Profile Version (2.1 Profile Information).
function claimsOf(claim: ProfileClaim, version: KmipVersionName): KmipItem[] {
  if (version.startsWith('1.')) {
    return claim.versions
      .filter((v) => v.startsWith('1.'))
      .map((v) => profileNameValue(`${claim.name}KMIPV${v.replace('.', '_')}`))
      .filter((value): value is number => value !== undefined && isProfileNameIn(value, version))
      .map((value) => profileInformation(value));
  }
  const value = profileNameValue(claim.name);
  if (value === undefined || !isProfileNameIn(value, version)) return [];
  return claim.versions
    .filter((v) => !v.startsWith('1.'))
    .map((v) => {
      const [major, minor] = v.split('.').map(Number);
      return profileInformation(value, [
        {
          tag: Tag.ProfileVersion,
          type: 'Structure',
          value: [
            integer(Tag.ProfileVersionMajor, major ?? 0),
            integer(Tag.ProfileVersionMinor, minor ?? 0),
          ],
        },
      ]);
    });
}

/** The Profile Information items for a Query at `version` (none before 1.3). */
export function claimedProfiles(version: KmipVersionName): KmipItem[] {
  return PROFILE_CLAIMS.flatMap((claim) => claimsOf(claim, version));
}
