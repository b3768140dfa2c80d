/**
 * Attribute names in the normalized model and on the wire.
 *
 * Normalized names are the registry's tag names (`CryptographicAlgorithm`). Custom and
 * vendor attributes keep their KMIP 1.x text name (`x-ID`); KMIP 2.x spells the same
 * attribute as a Vendor Attribute {Vendor Identification `x`, Attribute Name `ID`}, so the
 * vendor identification is the text before the first `-` (the OASIS 1.4 and 2.0 test cases
 * spell the same attribute `x-ID` and `x`/`ID`). Tags the registry does not know are named by their hex form
 * (`0x540001`) and keep their tag in 2.x.
 */
import { formatTag } from '../item.ts';
import { Tag } from '../generated/registry.ts';
import { tagEntry, tagEntryByAttributeName, tagEntryByName } from '../registry.ts';
import { textString } from './codecs.ts';
import { KmipMessageEncodeError, wrongType } from './errors.ts';
import { decodeStructure, defineStruct, encodeStructure, type ValueCodec } from './schema.ts';

const HEX_TAG = /^0x[0-9A-Fa-f]{6}$/;

/** The tag of a normalized attribute name: a registry tag name or a hex tag; undefined for custom names. */
export function attributeTag(name: string): number | undefined {
  if (HEX_TAG.test(name)) return Number.parseInt(name.slice(2), 16);
  return tagEntryByName(name)?.tag;
}

/** The normalized name of an attribute tag. */
export function attributeNameOfTag(tag: number): string {
  return tagEntry(tag)?.name ?? formatTag(tag);
}

/** Normalizes a KMIP 1.x Attribute Name (`Cryptographic Algorithm`); custom names stay as they are. */
export function normalizeAttributeName(specName: string): string {
  return tagEntryByAttributeName(specName)?.name ?? specName;
}

/** The KMIP 1.x Attribute Name text of a normalized name (`CryptographicAlgorithm` → `Cryptographic Algorithm`). */
export function specAttributeName(name: string): string {
  if (HEX_TAG.test(name)) return name;
  return tagEntryByName(name)?.specName ?? name;
}

/** Splits a custom name into the KMIP 2.x Vendor Identification and Attribute Name. */
export function splitVendorName(
  name: string,
  vendorIdentification?: string,
): { vendorIdentification: string; attributeName: string } {
  if (vendorIdentification !== undefined && name.startsWith(`${vendorIdentification}-`)) {
    return { vendorIdentification, attributeName: name.slice(vendorIdentification.length + 1) };
  }
  const dash = name.indexOf('-');
  if (dash <= 0) {
    throw new KmipMessageEncodeError(
      [name],
      'a custom attribute name needs a vendor prefix such as "x-"',
    );
  }
  return { vendorIdentification: name.slice(0, dash), attributeName: name.slice(dash + 1) };
}

/** KMIP 1.x Attribute Name field: the text on the wire, normalized in the typed model. */
export const attributeNameText: ValueCodec<string> = {
  label: 'AttributeName',
  decode: (item, ctx, path) => normalizeAttributeName(textString.decode(item, ctx, path)),
  encode: (value, tag, ctx, path) => textString.encode(specAttributeName(value), tag, ctx, path),
};

interface VendorReference {
  readonly vendorIdentification: string;
  readonly attributeName: string;
}
const vendorReferenceSchema = defineStruct<VendorReference>('AttributeReference', (f) => [
  f.one('vendorIdentification', Tag.VendorIdentification, textString),
  f.one('attributeName', Tag.AttributeName, textString),
]);

/**
 * KMIP 2.x Attribute Reference: an Enumeration holding the attribute's tag, or a Structure
 * {Vendor Identification, Attribute Name} for vendor attributes. Normalized to a name.
 */
export const attributeReference: ValueCodec<string> = {
  label: 'AttributeReference',
  decode(item, ctx, path) {
    if (item.type === 'Enumeration') return attributeNameOfTag(item.value);
    if (item.type === 'Structure') {
      const ref = decodeStructure(vendorReferenceSchema, item, ctx, path);
      return `${ref.vendorIdentification}-${ref.attributeName}`;
    }
    throw wrongType(path, 'Enumeration', item.type);
  },
  encode(value, tag, ctx, path) {
    const attrTag = attributeTag(value);
    if (attrTag !== undefined) return { tag, type: 'Enumeration', value: attrTag };
    return encodeStructure(vendorReferenceSchema, splitVendorName(value), tag, ctx, path);
  },
};
