/**
 * The CIM-XML parser's way past the checks of the object constructors (issue #10). The
 * parser has already read each value as its declared type and array-ness, so inferring and
 * converting it again in CimProperty (and re-checking each property in CimInstance) only
 * cost time. Internal: src/wbem/index.ts does not export it, and constructor options
 * without it take the checked path.
 */

/** Marks constructor options the CIM-XML parser built from values it typed itself. */
export const PARSED: unique symbol = Symbol('built by the CIM-XML parser');

/** Options that may carry the mark. */
export interface MaybeParsed {
  readonly [PARSED]?: true;
}

/** Whether `options` carry the mark. */
export function isParsed(options: object): boolean {
  return (options as MaybeParsed)[PARSED] === true;
}
