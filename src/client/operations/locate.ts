/** Prepared Locate with typed filters (KMIP 1.4 §4.9, 2.1 §6.1.32). */
import { NameType, type Attribute } from '../../kmip/index.ts';
import { enumValue, idText, required, type EnumInput } from './inputs.ts';
import { prepare, type PreparedOperation } from './prepared.ts';

/** What to look for; every given filter must match (KMIP: attributes are ANDed). */
export interface LocateFilter {
  readonly objectType?: EnumInput;
  readonly algorithm?: EnumInput;
  readonly length?: number;
  /** The Name attribute's text. */
  readonly name?: string;
  /** `State` value or name, e.g. `'Active'`. */
  readonly state?: EnumInput;
  readonly group?: string;
  /** Objects whose Cryptographic Usage Mask has these bits. */
  readonly usageMask?: number;
  /** Any further attributes to match. */
  readonly attributes?: readonly Attribute[];
  readonly maximumItems?: number;
  /** KMIP 1.3+: skip this many matches. */
  readonly offsetItems?: number;
  /** `StorageStatusMask` bits (OnLine, Archival, Destroyed). */
  readonly storageStatusMask?: number;
}

/** The attributes a filter stands for, in the message model's spelling. */
export function locateAttributes(filter: LocateFilter): Attribute[] {
  const attributes: Attribute[] = [];
  if (filter.objectType !== undefined)
    attributes.push({ name: 'ObjectType', value: enumValue('ObjectType', filter.objectType) });
  if (filter.algorithm !== undefined)
    attributes.push({
      name: 'CryptographicAlgorithm',
      value: enumValue('CryptographicAlgorithm', filter.algorithm),
    });
  if (filter.length !== undefined)
    attributes.push({ name: 'CryptographicLength', value: filter.length });
  if (filter.name !== undefined)
    attributes.push({
      name: 'Name',
      value: { value: filter.name, type: NameType.UninterpretedTextString },
    });
  if (filter.state !== undefined)
    attributes.push({ name: 'State', value: enumValue('State', filter.state) });
  if (filter.group !== undefined) attributes.push({ name: 'ObjectGroup', value: filter.group });
  if (filter.usageMask !== undefined)
    attributes.push({ name: 'CryptographicUsageMask', value: filter.usageMask });
  return [...attributes, ...(filter.attributes ?? [])];
}

/** Locate: resolves with the matching identifiers. */
export function locateOperation(filter: LocateFilter = {}): PreparedOperation<string[]> {
  return prepare(
    'Locate',
    {
      attributes: locateAttributes(filter),
      ...(filter.maximumItems !== undefined && { maximumItems: filter.maximumItems }),
      ...(filter.offsetItems !== undefined && { offsetItems: filter.offsetItems }),
      ...(filter.storageStatusMask !== undefined && {
        storageStatusMask: filter.storageStatusMask,
      }),
    },
    (p) => (required(p, 'payload').uniqueIdentifiers ?? []).map(idText),
  );
}
