/**
 * The attributes of a Locate request (KMIP 1.4 §4.9, 2.1 §6.1.32) as criteria. Every
 * attribute must match; an instance of a multi-valued attribute matches when any of the
 * object's instances does; a Date attribute given once matches that instant and given twice
 * the range between them, bounds included; a Cryptographic Usage Mask matches objects whose
 * mask has all the requested bits; a structure matches on the fields given.
 *
 * A criterion says what the store can check (an ObjectQuery part, exact or a superset) and
 * how a record read for Locate shows the same condition.
 */
import type { Attribute } from '../../../kmip/messages/attributes.ts';
import {
  isRawItem,
  type AttributeValue,
  type KnownAttributeValues,
} from '../../../kmip/messages/attribute-values.ts';
import type { UniqueIdentifierValue } from '../../../kmip/messages/codecs.ts';
import { managedObjectTags } from '../../../kmip/messages/objects.ts';
import { enumValueEntry } from '../../../kmip/registry.ts';
import { OBJECT_STATES, type AttributeFilter, type ObjectState } from '../../../store/index.ts';
import {
  attributeValues,
  resolveAttributeName,
  type ManagedObjectMetadata,
} from '../../objects/index.ts';
import { invalidField } from '../../pipeline/result-error.ts';
import type { OperationContext } from '../context.ts';
import { matchesPartially, usageLimitsSatisfy, valuesEqual } from './value-match.ts';

/** One condition of a Locate request. */
export interface Criterion {
  /** Object types the store keeps (registry names); every match has one of them. */
  readonly objectTypes?: readonly string[];
  /** Stored states; every match has one of them. */
  readonly states?: readonly ObjectState[];
  /** Store filters every match satisfies. */
  readonly filters?: readonly AttributeFilter[];
  /** True when the store conditions decide alone; false when they only narrow the search. */
  readonly isExact: boolean;
  /** The condition on an object read for Locate (its state as of now). */
  matches(record: ManagedObjectMetadata): boolean;
}

/** A request's attributes as criteria. */
export interface AttributeCriteria {
  readonly criteria: Criterion[];
  /** The Unique Identifiers the request names: Locate then reads that one object. */
  readonly uniqueIdentifiers: string[];
}

// The latest instant a KMIP Date-Time decodes to; KMIP 1.4 §4.9: "If a Date attribute is
// set to its largest possible value, then it is equivalent to an undefined attribute."
const LARGEST_DATE_MS = 8.64e15;

// Stored states that may show as each state once date-driven transitions are applied
// (stateAt: Activation Date makes Pre-Active Active, Deactivation Date makes either
// Deactivated); the other states never change by date.
const STORED_AS: Readonly<Record<ObjectState, readonly ObjectState[]>> = {
  PreActive: ['PreActive'],
  Active: ['PreActive', 'Active'],
  Deactivated: ['PreActive', 'Active', 'Deactivated'],
  Compromised: ['Compromised'],
  Destroyed: ['Destroyed'],
  DestroyedCompromised: ['DestroyedCompromised'],
};
const DATE_DRIVEN: ReadonlySet<ObjectState> = new Set(['PreActive', 'Active', 'Deactivated']);

// Every field of the typed structures the store can compare whole: a request giving all of
// them asks for equality; one giving fewer is matched field by field on the object.
const ALL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Name: ['value', 'type'],
  Link: ['linkType', 'linkedObjectIdentifier'],
  AlternativeName: ['value', 'type'],
  KeyValueLocation: ['value', 'type'],
  ApplicationSpecificInformation: ['applicationNamespace', 'applicationData'],
  Digest: ['hashingAlgorithm', 'digestValue', 'keyFormatType'],
  RevocationReason: ['code', 'message'],
  CryptographicDomainParameters: ['qlength', 'recommendedCurve'],
  X_509CertificateIdentifier: ['issuerDistinguishedName', 'certificateSerialNumber'],
};

function anyInstance(name: string, test: (value: AttributeValue) => boolean) {
  return (record: ManagedObjectMetadata): boolean => attributeValues(record, name).some(test);
}

function isStructure(value: AttributeValue): boolean {
  if (isRawItem(value)) return value.type === 'Structure';
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  );
}

function hasAllFields(name: string, value: AttributeValue): boolean {
  const fields = ALL_FIELDS[name];
  if (fields === undefined || isRawItem(value)) return false;
  const given = Object.entries(value as object).filter(([, v]) => v !== undefined);
  return given.length === fields.length && given.every(([key]) => fields.includes(key));
}

function valueCriterion(name: string, value: AttributeValue): Criterion {
  if (isStructure(value) && !hasAllFields(name, value)) {
    return {
      filters: [{ name, exists: true }],
      isExact: false,
      matches: anyInstance(name, (v) => matchesPartially(value, v)),
    };
  }
  return {
    filters: [{ name, equals: value }],
    isExact: true,
    matches: anyInstance(name, (v) => valuesEqual(value, v)),
  };
}

function enumName(enumeration: string, name: string, value: AttributeValue): string | undefined {
  if (typeof value !== 'number') throw invalidField(`${name} must be an Enumeration`);
  return enumValueEntry(enumeration, value)?.name;
}

function objectTypeCriterion(value: AttributeValue): Criterion {
  const type = enumName('ObjectType', 'Object Type', value);
  return {
    objectTypes: type === undefined ? [] : [type],
    isExact: true,
    matches: (record) => record.objectType === type,
  };
}

// KMIP 1.4 §3.22: State applies to Managed Cryptographic Objects; a Template (stored with
// a state the store needs) has none, so no State criterion matches it.
const STATEFUL_TYPES: readonly string[] = Object.keys(managedObjectTags).filter(
  (kind) => kind !== 'Template',
);

function stateCriterion(value: AttributeValue): Criterion {
  const name = enumName('State', 'State', value);
  const state = OBJECT_STATES.find((s) => s === name);
  if (state === undefined) return { states: [], isExact: true, matches: () => false };
  return {
    objectTypes: STATEFUL_TYPES,
    states: STORED_AS[state],
    // The stored state of a Pre-Active or Active object may be behind its dates.
    isExact: !DATE_DRIVEN.has(state),
    matches: (record) => record.objectType !== 'Template' && record.state === state,
  };
}

function usageMaskCriterion(name: string, value: AttributeValue): Criterion {
  if (typeof value !== 'number') throw invalidField('Cryptographic Usage Mask must be an Integer');
  return {
    filters: [{ name, allBits: value }],
    isExact: true,
    matches: anyInstance(name, (v) => typeof v === 'number' && (v & value) === (value | 0)),
  };
}

function usageLimitsCriterion(name: string, value: AttributeValue): Criterion {
  if (!isStructure(value) || isRawItem(value)) {
    throw invalidField('Usage Limits must be a Usage Limits structure');
  }
  const requested = value as KnownAttributeValues['UsageLimits'];
  return {
    filters: [{ name, exists: true }],
    isExact: false,
    matches: anyInstance(name, (v) => usageLimitsSatisfy(requested, v)),
  };
}

function tooManyDates(name: string): never {
  throw invalidField(
    `${name} may be given once (an exact match) or twice (a range), not more often`,
  );
}

/** One instance: that instant; two: the range between them, bounds included. */
function dateCriterion(name: string, dates: readonly Date[]): Criterion[] {
  if (dates.length > 2) tooManyDates(name);
  const times = dates.map((d) => d.getTime());
  if (times.length === 1 && (times[0] ?? 0) >= LARGEST_DATE_MS) return [];
  const from = new Date(Math.min(...times));
  const to = new Date(Math.max(...times));
  return [
    {
      filters: [{ name, between: { from, to } }],
      isExact: true,
      matches: anyInstance(name, (v) => v instanceof Date && v >= from && v <= to),
    },
  ];
}

/** A custom attribute holding Date-Times: the store compares those as whole items only. */
function customDateCriterion(name: string, values: readonly AttributeValue[]): Criterion[] {
  if (values.length > 2) tooManyDates(name);
  const [first, second] = values;
  if (first === undefined || second === undefined)
    return values.map((v) => valueCriterion(name, v));
  const times = values.map((v) =>
    isRawItem(v) && v.value instanceof Date ? v.value.getTime() : 0,
  );
  const [from, to] = [Math.min(...times), Math.max(...times)];
  return [
    {
      filters: [{ name, exists: true }],
      isExact: false,
      matches: anyInstance(name, (v) => {
        if (!isRawItem(v) || !(v.value instanceof Date)) return false;
        const t = v.value.getTime();
        return t >= from && t <= to;
      }),
    },
  ];
}

function isDateItem(value: AttributeValue): boolean {
  return isRawItem(value) && value.type === 'DateTime';
}

function criteriaOf(name: string, values: readonly AttributeValue[]): Criterion[] {
  switch (name) {
    case 'ObjectType':
      return values.map(objectTypeCriterion);
    case 'State':
      return values.map(stateCriterion);
    case 'CryptographicUsageMask':
      return values.map((v) => usageMaskCriterion(name, v));
    case 'UsageLimits':
      return values.map((v) => usageLimitsCriterion(name, v));
  }
  if (values.every((v) => v instanceof Date)) return dateCriterion(name, values as Date[]);
  if (values.every(isDateItem)) return customDateCriterion(name, values);
  return values.map((v) => valueCriterion(name, v));
}

/**
 * The criteria of a request's attributes. Attribute Index values are ignored (KMIP 1.4
 * §4.9: "Attribute Index values that are provided SHALL be ignored by the server").
 * @throws KmipResultError Invalid Field naming an unknown attribute (never matched as
 *   something else), a Date attribute given more than twice, or a value of the wrong kind.
 */
export function attributeCriteria(
  attributes: readonly Attribute[],
  ctx: Pick<OperationContext, 'version' | 'resolveId'>,
): AttributeCriteria {
  const byName = new Map<string, AttributeValue[]>();
  for (const attribute of attributes) {
    resolveAttributeName(attribute.name, ctx.version);
    const values = byName.get(attribute.name) ?? [];
    values.push(attribute.value);
    byName.set(attribute.name, values);
  }
  const criteria: Criterion[] = [];
  const uniqueIdentifiers: string[] = [];
  for (const [name, values] of byName) {
    if (name === 'UniqueIdentifier') {
      for (const value of values) {
        uniqueIdentifiers.push(
          typeof value === 'string' ? value : ctx.resolveId(value as UniqueIdentifierValue),
        );
      }
    } else {
      criteria.push(...criteriaOf(name, values));
    }
  }
  return { criteria, uniqueIdentifiers };
}
