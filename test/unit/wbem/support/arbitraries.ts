/**
 * fast-check arbitraries of CIM values and objects whose CIM-XML form reads back to an equal
 * object: XML-safe text, reals that survive 11 (real32) / 17 (real64) digits, flavors and
 * PROPAGATED always given (a parsed object has the DTD defaults, never null).
 */
import fc from 'fast-check';
import {
  Char16,
  CimDateTime,
  CimInstance,
  CimInstanceName,
  CimProperty,
  CimQualifier,
  Real32,
  Real64,
  integerClasses,
  type CimIntegerTypeName,
  type CimTypeName,
  type KeybindingValue,
} from '../../../../src/wbem/index.ts';

const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

export const cimName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);

export const xmlText = fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => XML_CHAR.test(s));

const char16 = fc
  .integer({ min: 0x20, max: 0xfffd })
  .filter((c) => c < 0xd800 || c > 0xdfff)
  .map((c) => String.fromCharCode(c));

const INT_RANGES: Record<CimIntegerTypeName, [bigint, bigint]> = {
  uint8: [0n, 255n],
  sint8: [-128n, 127n],
  uint16: [0n, 65535n],
  sint16: [-32768n, 32767n],
  uint32: [0n, 4294967295n],
  sint32: [-2147483648n, 2147483647n],
  uint64: [0n, 18446744073709551615n],
  sint64: [-9223372036854775808n, 9223372036854775807n],
};

/** A real with at most `digits` significant digits, or a special value. */
function real(digits: number) {
  const limit = 10 ** digits - 1;
  return fc.oneof(
    fc
      .tuple(fc.integer({ min: -limit, max: limit }), fc.integer({ min: 0, max: 12 }))
      .map(([m, k]) => m / 10 ** k),
    fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e300, -2.5e-300),
  );
}

export const pointArb = fc
  .record({
    year: fc.integer({ min: 1, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    microsecond: fc.integer({ min: 0, max: 999_999 }),
    minutesFromUtc: fc.integer({ min: -999, max: 999 }),
  })
  .map((f) => CimDateTime.fromPoint(f));

export const datetimeArb = fc.oneof(
  pointArb,
  fc
    .bigInt({ min: 0n, max: 8_639_999_999_999_999_999n })
    .map((us) => CimDateTime.fromMicroseconds(us)),
);

/** A scalar of a (non-reference, non-embedded) CIM type. */
export function scalarOf(type: Exclude<CimTypeName, 'reference'>): fc.Arbitrary<unknown> {
  switch (type) {
    case 'boolean':
      return fc.boolean();
    case 'string':
      return xmlText;
    case 'char16':
      return char16;
    case 'datetime':
      return datetimeArb;
    case 'real32':
      return real(11).map((x) => new Real32(x));
    case 'real64':
      return real(17).map((x) => new Real64(x));
    default: {
      const [min, max] = INT_RANGES[type];
      return fc.bigInt({ min, max }).map((n) => new integerClasses[type](n));
    }
  }
}

const SCALAR_TYPES = [
  'boolean',
  'string',
  'char16',
  'datetime',
  'uint8',
  'sint8',
  'uint16',
  'sint16',
  'uint32',
  'sint32',
  'uint64',
  'sint64',
  'real32',
  'real64',
] as const;

export const scalarTypeArb = fc.constantFrom(...SCALAR_TYPES);

/** A typed or untyped keybinding value (no NULL, no unnamed key). */
export const keyValueArb: fc.Arbitrary<KeybindingValue> = fc.oneof(
  xmlText,
  fc.boolean(),
  fc.integer({ min: -1000, max: 1000 }),
  char16.map((c) => new Char16(c)),
  scalarOf('uint64') as fc.Arbitrary<KeybindingValue>,
  scalarOf('real64') as fc.Arbitrary<KeybindingValue>,
  datetimeArb,
);

const uniqueNames = <T>(arb: fc.Arbitrary<[string, T]>, maxLength: number) =>
  fc.uniqueArray(arb, { maxLength, selector: ([n]) => n.toLowerCase() });

export const instanceNameArb: fc.Arbitrary<CimInstanceName> = fc.letrec<{
  path: CimInstanceName;
}>((tie) => ({
  path: fc
    .record({
      classname: cimName,
      keys: uniqueNames(
        fc.tuple(
          cimName,
          fc.oneof({ depthSize: 'small', withCrossShrink: true }, keyValueArb, tie('path')),
        ),
        3,
      ),
      namespace: fc.option(fc.constantFrom('root/cimv2', 'interop', 'root/a/b'), { nil: null }),
      host: fc.option(fc.constantFrom('acme.com', 'srv:5989'), { nil: null }),
    })
    .map(
      (r) =>
        new CimInstanceName(r.classname, {
          keybindings: r.keys as [string, KeybindingValue][],
          namespace: r.namespace,
          host: r.namespace === null ? null : r.host,
        }),
    ),
})).path;

export const qualifierArb = fc
  .record({
    name: cimName,
    type: scalarTypeArb,
    flags: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  })
  .chain(({ name, type, flags }) =>
    fc.option(scalarOf(type), { nil: null }).map(
      (value) =>
        new CimQualifier(name, value, {
          type,
          propagated: flags[0] ?? false,
          overridable: flags[1] ?? true,
          tosubclass: flags[2] ?? true,
          toinstance: flags[3] ?? false,
          translatable: flags[4] ?? false,
        }),
    ),
  );

/** A property value of any kind: scalar, array with NULLs, NULL, reference, embedded. */
export function propertyArb(depth: number): fc.Arbitrary<CimProperty> {
  const common = fc.record({
    name: cimName,
    propagated: fc.boolean(),
    classOrigin: fc.option(cimName, { nil: null }),
  });
  const typed = fc
    .tuple(common, scalarTypeArb, fc.integer({ min: 0, max: 2 }))
    .chain(([c, type, shape]) => {
      const value =
        shape === 0
          ? fc.option(scalarOf(type), { nil: null })
          : shape === 1
            ? fc.array(fc.option(scalarOf(type), { nil: null }), { maxLength: 3 })
            : fc.constant(null);
      return value.map((v) => new CimProperty(c.name, v, { ...c, type, isArray: shape === 1 }));
    });
  const reference = fc
    .tuple(common, fc.option(instanceNameArb, { nil: null }), fc.option(cimName, { nil: null }))
    .map(
      ([c, v, refClass]) =>
        new CimProperty(c.name, v, { ...c, type: 'reference', referenceClass: refClass }),
    );
  const options: fc.Arbitrary<CimProperty>[] = [typed, typed, reference];
  if (depth > 0) {
    options.push(
      fc
        .tuple(common, instanceArb(depth - 1), fc.boolean())
        .map(([c, inst, asArray]) =>
          asArray
            ? new CimProperty(c.name, [inst, null], { ...c, embeddedObject: 'instance' })
            : new CimProperty(c.name, inst, { ...c, embeddedObject: 'object' }),
        ),
    );
  }
  return fc.oneof(...options);
}

/** An instance without path; embedded instances nest `depth` deep. */
export function instanceArb(depth = 1): fc.Arbitrary<CimInstance> {
  return fc
    .record({
      classname: cimName,
      properties: fc.uniqueArray(propertyArb(depth), {
        maxLength: 5,
        selector: (p) => p.name.toLowerCase(),
      }),
      qualifiers: fc.uniqueArray(qualifierArb, {
        maxLength: 2,
        selector: (q) => q.name.toLowerCase(),
      }),
    })
    .map(
      (r) => new CimInstance(r.classname, { properties: r.properties, qualifiers: r.qualifiers }),
    );
}
