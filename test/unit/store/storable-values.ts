/** fast-check arbitraries shared by the store's codec tests. */
import fc from 'fast-check';

/**
 * Any value the store promises to round-trip: null, booleans, strings, doubles (NaN, -0),
 * bigints, Dates, byte arrays, and arrays and plain objects of them (keys include `$t`, the
 * codec's own tag, and `__proto__`).
 */
export function storableValue(limits: { maxBytes: number; maxItems: number }) {
  return fc.letrec((tie) => ({
    leaf: fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.string(),
      fc.double(),
      fc.bigInt(),
      fc.date({ noInvalidDate: true }),
      fc.uint8Array({ maxLength: limits.maxBytes }),
    ),
    value: fc.oneof(
      { depthSize: 'small' },
      tie('leaf'),
      fc.array(tie('value'), { maxLength: limits.maxItems }),
      fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('$t', 'v', '__proto__')), tie('value'), {
        maxKeys: limits.maxItems,
        noNullPrototype: true,
      }),
    ),
  })).value;
}
