/**
 * Protocol version negotiation (KMIP 1.4 §11.1 "General"). The server answers in
 * the client's version when it knows it (1.0–2.1); a newer minor of a known major is answered
 * in the newest minor of that major; an unknown major is refused with Invalid Message, in the
 * version nearest to the client's. A message that cannot be decoded at all is answered in the
 * version its first bytes name, when they can be read.
 */
import type { KmipItem } from '../../kmip/item.ts';
import { Tag } from '../../kmip/generated/registry.ts';
import { effectiveVersion } from '../../kmip/messages/message.ts';
import type { ProtocolVersion } from '../../kmip/messages/common.ts';
import { KMIP_VERSIONS, type KmipVersionName } from '../../kmip/registry-types.ts';

/** The versions the server speaks, in its order of preference (newest first). */
export const SUPPORTED_VERSIONS: readonly KmipVersionName[] = [...KMIP_VERSIONS].reverse();

const OLDEST = KMIP_VERSIONS[0];
const NEWEST = KMIP_VERSIONS[KMIP_VERSIONS.length - 1] ?? OLDEST;

function parseVersion(version: KmipVersionName): ProtocolVersion {
  const [major = 1, minor = 0] = version.split('.').map(Number);
  return Object.freeze({ major, minor });
}

// Every response header names its version: parsed once per version (issue #9).
const PAIRS = new Map<KmipVersionName, ProtocolVersion>(
  KMIP_VERSIONS.map((version) => [version, parseVersion(version)]),
);

/** The `{major, minor}` pair of a version name (a shared, frozen object). */
export function protocolVersionOf(version: KmipVersionName): ProtocolVersion {
  return PAIRS.get(version) ?? parseVersion(version);
}

/** The outcome of negotiation: the version to answer in, and whether the client's is usable. */
export interface NegotiatedVersion {
  readonly version: KmipVersionName;
  /** False for an unknown major version: the request must be refused. */
  readonly isSupported: boolean;
}

/** Picks the version to answer a client that sent `requested`. */
export function negotiateVersion(requested: ProtocolVersion): NegotiatedVersion {
  const version = effectiveVersion(requested);
  if (version !== undefined) return { version, isSupported: true };
  // The nearest version we speak: a future major gets our newest, anything older our oldest.
  return {
    version: requested.major > protocolVersionOf(NEWEST).major ? NEWEST : OLDEST,
    isSupported: false,
  };
}

function findChild(item: KmipItem | undefined, tag: number): KmipItem | undefined {
  return item?.type === 'Structure' ? item.value.find((child) => child.tag === tag) : undefined;
}

/** The Protocol Version of a decoded request tree, read leniently; undefined if absent or malformed. */
export function requestedVersionOfTree(tree: KmipItem): ProtocolVersion | undefined {
  const pv = findChild(findChild(tree, Tag.RequestHeader), Tag.ProtocolVersion);
  const major = findChild(pv, Tag.ProtocolVersionMajor);
  const minor = findChild(pv, Tag.ProtocolVersionMinor);
  if (major?.type !== 'Integer' || minor?.type !== 'Integer') return undefined;
  return { major: major.value, minor: minor.value };
}

// Offsets of a well-formed request's first items: Request Message, Request Header and
// Protocol Version headers (8 bytes each), then Major (header + 4-byte value + 4 padding)
// and Minor (KMIP 1.4 §9.1 encoding; every client puts the header first).
const PREFIX: readonly { readonly at: number; readonly tag: number; readonly type: number }[] = [
  { at: 0, tag: Tag.RequestMessage, type: 0x01 },
  { at: 8, tag: Tag.RequestHeader, type: 0x01 },
  { at: 16, tag: Tag.ProtocolVersion, type: 0x01 },
  { at: 24, tag: Tag.ProtocolVersionMajor, type: 0x02 },
  { at: 40, tag: Tag.ProtocolVersionMinor, type: 0x02 },
];

function readUint(bytes: Uint8Array, at: number, length: number): number {
  let value = 0;
  for (let i = 0; i < length; i++) value = value * 256 + (bytes[at + i] ?? 0);
  return value;
}

/**
 * The Protocol Version at the start of raw request bytes that did not decode, when the
 * message begins the way every request does; undefined otherwise.
 */
export function peekRequestedVersion(bytes: Uint8Array): ProtocolVersion | undefined {
  if (bytes.length < 52) return undefined;
  for (const { at, tag, type } of PREFIX) {
    if (readUint(bytes, at, 3) !== tag || bytes[at + 3] !== type) return undefined;
  }
  if (readUint(bytes, 28, 4) !== 4 || readUint(bytes, 44, 4) !== 4) return undefined;
  return { major: readUint(bytes, 32, 4) | 0, minor: readUint(bytes, 48, 4) | 0 };
}

/** The version to answer a message in when its header could not be decoded. */
export function bestGuessVersion(requested: ProtocolVersion | undefined): KmipVersionName {
  return requested === undefined ? OLDEST : negotiateVersion(requested).version;
}
