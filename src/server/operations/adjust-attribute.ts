/**
 * Adjust Attribute (KMIP 2.0+; 2.1 §6.1.3): moves the value of an attribute the client may
 * change by an Adjustment Type — Increment or Decrement by the Adjustment Value (Integer,
 * Long Integer, Big Integer and Interval attributes by a value of their own type; Date-Time
 * attributes by an Interval), or Negate (signed numbers; Booleans, which is their only
 * adjustment). An attribute the object does not have counts as 0 (numbers, intervals) or
 * False (Booleans); a missing date cannot be adjusted. One compare-and-set write. The lifecycle
 * rules of the dates apply as for Set Attribute (`assertValueAllowed`), and moving the
 * Activation Date of a Pre-Active object to now or earlier activates it.
 *
 * Reasons (2.1 §6.1.3.1): Object Not Found (2.0: Item Not Found), Permission Denied, Invalid
 * Field (unknown attribute name or Adjustment Type, missing or superfluous Adjustment Value),
 * Read Only Attribute (an attribute the client may not change), Multi Valued Attribute (more
 * than one instance), Invalid Data Type (an attribute that is not a number, interval, date or
 * Boolean; an Adjustment Value of the wrong type; an adjustment the type has not), Numeric
 * Range (the result does not fit the attribute's type), Item Not Found (a date the object does
 * not have), and the lifecycle errors of `assertValueAllowed`.
 */
import { AdjustmentType, ResultReason, Tag } from '../../kmip/generated/registry.ts';
import { isRawItem, type AttributeValue } from '../../kmip/messages/attribute-values.ts';
import type { KmipItem } from '../../kmip/item.ts';
import type {
  AdjustAttributeRequest,
  AdjustAttributeResponse,
} from '../../kmip/messages/payloads/adjust-attribute.ts';
import { tagEntryByName, tagTypeInVersion } from '../../kmip/registry.ts';
import { resolveAttributeName, type AttributeEdit } from '../objects/index.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import { assertValueAllowed, instancesOf } from './attribute-change.ts';
import type { OperationContext } from './context.ts';

/** The item types an adjustment knows. */
type AdjustableType =
  'Integer' | 'LongInteger' | 'BigInteger' | 'Interval' | 'DateTime' | 'Boolean';

const ADJUSTABLE: ReadonlySet<string> = new Set([
  'Integer',
  'LongInteger',
  'BigInteger',
  'Interval',
  'DateTime',
  'Boolean',
]);

// KMIP 1.4 §9.1.1.4 / 2.1 §9.1.1.4: Integer is 32-bit signed, Long Integer 64-bit signed,
// Interval 32-bit unsigned (seconds).
const RANGES: Readonly<Partial<Record<AdjustableType, readonly [bigint, bigint]>>> = {
  Integer: [-(2n ** 31n), 2n ** 31n - 1n],
  LongInteger: [-(2n ** 63n), 2n ** 63n - 1n],
  Interval: [0n, 2n ** 32n - 1n],
};
// Date-Time is 64-bit seconds in KMIP; a JavaScript Date holds ±8.64e15 ms.
const MAX_DATE_SECONDS = 8_640_000_000_000n;

const quoted = (name: string) => JSON.stringify(name);

function invalidDataType(message: string): KmipResultError {
  return new KmipResultError(ResultReason.InvalidDataType, message);
}

/** A value as stored: typed, or a raw item (custom attributes, alternate types). */
function typeOf(value: AttributeValue): string | undefined {
  if (isRawItem(value)) return value.type;
  if (value instanceof Date) return 'DateTime';
  if (typeof value === 'boolean') return 'Boolean';
  return undefined;
}

/** The item type of the attribute: from the stored value, else the registry, else the amount. */
function attributeType(
  name: string,
  current: AttributeValue | undefined,
  amount: KmipItem | undefined,
  ctx: OperationContext,
): string | undefined {
  const fromValue = current === undefined ? undefined : typeOf(current);
  if (fromValue !== undefined) return fromValue;
  const entry = tagEntryByName(name);
  if (entry !== undefined) {
    const type = tagTypeInVersion(entry, ctx.version);
    return type === 'Varies' || type === null ? undefined : type;
  }
  // A custom attribute the object does not have yet: it takes the amount's type.
  return amount?.type;
}

function asBigInt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  return undefined;
}

function inRange(type: AdjustableType, result: bigint, name: string): bigint {
  const range = RANGES[type];
  if (range !== undefined && (result < range[0] || result > range[1])) {
    throw new KmipResultError(
      ResultReason.NumericRange,
      `the adjusted value of ${quoted(name)} does not fit a ${type}`,
    );
  }
  return result;
}

/** The Adjustment Value as a number of the type the attribute needs (Interval for dates). */
function amountOf(type: AdjustableType, amount: KmipItem | undefined, name: string): bigint {
  if (amount === undefined) {
    throw invalidField(`Increment and Decrement of ${quoted(name)} need an Adjustment Value`);
  }
  const wanted = type === 'DateTime' ? 'Interval' : type;
  const value = amount.type === wanted ? asBigInt(amount.value) : undefined;
  if (value === undefined) {
    throw invalidDataType(
      `the Adjustment Value of ${quoted(name)} must be a ${wanted}, not a ${amount.type}`,
    );
  }
  return value;
}

/** The adjusted plain value (number, bigint, Date or boolean) of a `type` attribute. */
function adjusted(
  type: AdjustableType,
  current: unknown,
  request: AdjustAttributeRequest,
): number | bigint | boolean | Date {
  const { attributeName: name, adjustmentType: how, adjustmentValue: amount } = request;
  if (how === AdjustmentType.Negate) {
    if (amount !== undefined) throw invalidField('Negate takes no Adjustment Value');
    if (type === 'Boolean') return current !== true;
    if (type === 'Interval' || type === 'DateTime') {
      throw invalidDataType(`a ${type} attribute cannot be negated`);
    }
  } else if (type === 'Boolean') {
    throw invalidDataType(`a Boolean attribute can only be negated, ${quoted(name)} included`);
  }
  const sign = how === AdjustmentType.Decrement ? -1n : 1n;
  if (type === 'DateTime') {
    const seconds = BigInt(Math.floor((current as Date).getTime() / 1000));
    const result = seconds + sign * amountOf(type, amount, name);
    if (result < -MAX_DATE_SECONDS || result > MAX_DATE_SECONDS) {
      throw new KmipResultError(
        ResultReason.NumericRange,
        `the adjusted ${quoted(name)} is not a valid date`,
      );
    }
    return new Date(Number(result) * 1000);
  }
  const base = asBigInt(current) ?? 0n;
  const result = inRange(
    type,
    how === AdjustmentType.Negate ? -base : base + sign * amountOf(type, amount, name),
    name,
  );
  return type === 'Integer' || type === 'Interval' ? Number(result) : result;
}

function checkAdjustmentType(value: number): void {
  if (
    value !== AdjustmentType.Increment &&
    value !== AdjustmentType.Decrement &&
    value !== AdjustmentType.Negate
  ) {
    throw invalidField(`unknown Adjustment Type 0x${(value >>> 0).toString(16)}`);
  }
}

/** Adjust Attribute. */
export async function adjustAttribute(
  request: AdjustAttributeRequest,
  ctx: OperationContext,
): Promise<AdjustAttributeResponse> {
  const id = ctx.resolveId(request.uniqueIdentifier);
  const record = await ctx.objects.getForOperation(id, 'AdjustAttribute');
  const name = request.attributeName;
  checkAdjustmentType(request.adjustmentType);
  const { rule } = resolveAttributeName(name, ctx.version);
  if (!rule.isClientModifiable) {
    throw new KmipResultError(
      ResultReason.ReadOnlyAttribute,
      `attribute ${quoted(name)} cannot be adjusted by a client`,
    );
  }
  const instances = instancesOf(record, name);
  if (instances.length > 1) {
    throw new KmipResultError(
      ResultReason.MultiValuedAttribute,
      `attribute ${quoted(name)} has ${instances.length} instances; only a single value can be adjusted`,
    );
  }
  const [instance] = instances;
  const type = attributeType(name, instance?.value, request.adjustmentValue, ctx);
  if (type === undefined || !ADJUSTABLE.has(type)) {
    throw invalidDataType(
      `attribute ${quoted(name)} is ${type === undefined ? 'of no fixed type' : `a ${type}`}: only numbers, intervals, dates and Booleans can be adjusted`,
    );
  }
  const stored = instance?.value;
  const current = isRawItem(stored) ? stored.value : stored;
  if (current === undefined && type === 'DateTime') {
    throw new KmipResultError(
      ResultReason.ItemNotFound,
      `the object has no ${quoted(name)} to adjust`,
    );
  }
  const result = adjusted(type as AdjustableType, current, request);
  // A raw item (a custom attribute) stays a raw item of its own tag and type; a new custom
  // attribute is one too, as custom values are kept as sent.
  const value: AttributeValue = isRawItem(stored)
    ? ({ ...stored, value: result } as KmipItem)
    : tagEntryByName(name) === undefined
      ? ({ tag: Tag.AttributeValue, type, value: result } as KmipItem)
      : result;
  assertValueAllowed(record, { name, value, ...(instance ? { replaced: instance } : {}) }, ctx);
  const edit: AttributeEdit =
    instance === undefined
      ? { op: 'add', name, value }
      : { op: 'replace', name, index: instance.index, value };
  await ctx.objects.update(record, { edits: [edit] });
  return { uniqueIdentifier: id };
}
