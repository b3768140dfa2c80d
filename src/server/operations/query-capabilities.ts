/**
 * Capability Information of a Query Capabilities answer (the Capability Information
 * structure of KMIP 1.3/1.4 and 2.x; Query: 1.4 §4.25, 2.1 §6.1.37), as Keywarden behaves:
 *  - Streaming: yes — the cryptographic operations accept Init/Final Indicators and
 *    Correlation Values (cipher-stream.ts, stream-step.ts).
 *  - Asynchronous: no — every request is answered synchronously, Asynchronous Indicator
 *    Mandatory is refused, and Poll/Cancel exist only to say nothing is outstanding
 *    (asynchronous.ts).
 *  - Attestation: no attestation types are supported.
 *  - Batch Undo / Batch Continue: yes (pipeline/batch.ts).
 *  - Unwrap Mode Not Processed: a wrapped key registered is stored as it came, unread
 *    (register-key-block.ts).
 *  - Destroy Action Key Material Deleted: Destroy drops the key material and keeps the
 *    metadata (managed-objects.ts). The store zeroes freed pages (SQLite secure_delete), but
 *    copies may remain in the WAL until a checkpoint and on the medium, so Keywarden does not
 *    claim "shredded"; Shredding Algorithm therefore Unsupported.
 *  - RNG Mode Shared Instantiation: one OpenSSL DRBG serves every client (server-rng.ts).
 *  - Quantum Safe (2.x): no — no quantum-safe asymmetric algorithm is offered (quantum-safe.ts).
 */
import type { KmipItem } from '../../kmip/item.ts';
import {
  DestroyAction,
  RNGMode,
  ShreddingAlgorithm,
  Tag,
  UnwrapMode,
} from '../../kmip/generated/registry.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { existsInVersion, tagEntry } from '../../kmip/registry.ts';

/** Whether `version` defines the tag. */
export function isTagIn(tag: number, version: KmipVersionName): boolean {
  const entry = tagEntry(tag);
  return entry !== undefined && existsInVersion(entry, version);
}

const flag = (tag: number, value: boolean): KmipItem => ({ tag, type: 'Boolean', value });
const choice = (tag: number, value: number): KmipItem => ({ tag, type: 'Enumeration', value });

const CAPABILITIES: readonly KmipItem[] = [
  flag(Tag.StreamingCapability, true),
  flag(Tag.AsynchronousCapability, false),
  flag(Tag.AttestationCapability, false),
  flag(Tag.BatchUndoCapability, true),
  flag(Tag.BatchContinueCapability, true),
  choice(Tag.UnwrapMode, UnwrapMode.NotProcessed),
  choice(Tag.DestroyAction, DestroyAction.KeyMaterialDeleted),
  choice(Tag.ShreddingAlgorithm, ShreddingAlgorithm.Unsupported),
  choice(Tag.RNGMode, RNGMode.SharedInstantiation),
  flag(Tag.QuantumSafeCapability, false),
];

/** The Capability Information structure with the fields `version` defines (1.3+). */
export function capabilityInformation(version: KmipVersionName): KmipItem {
  return {
    tag: Tag.CapabilityInformation,
    type: 'Structure',
    value: CAPABILITIES.filter((c) => isTagIn(c.tag, version)),
  };
}
