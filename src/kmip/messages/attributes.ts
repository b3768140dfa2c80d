/**
 * The normalized attribute model and its two wire shapes.
 *
 * KMIP 1.x: Attribute {Attribute Name (spec text), Attribute Index?, Attribute Value}, grouped
 * in Template-Attribute structures (with Template Names). KMIP 2.x: the attribute's own tag
 * directly inside an Attributes structure (1.x custom attributes become Vendor Attributes),
 * with no index (KMIP 2.0 removed Attribute Index). The codecs pick the shape from the
 * context's version; lists leave out attributes the target version does not define.
 */
import type { KmipItem } from '../item.ts';
import { ResultReason, Tag } from '../generated/registry.ts';
import { tagEntryByName } from '../registry.ts';
import { anyItem, integer, textString } from './codecs.ts';
import {
  attributeNameOfTag,
  attributeNameText,
  attributeTag,
  splitVendorName,
} from './attribute-names.ts';
import {
  attributeValueCodec,
  type AttributeValue,
  type KnownAttributeValues,
} from './attribute-values.ts';
import { name, type NameValue } from './common.ts';
import { KmipMessageEncodeError, KmipMessageError, wrongType } from './errors.ts';
import {
  childPath,
  decodeStructure,
  defineStruct,
  encodeStructure,
  isDefinedIn,
  tagName,
  type CodecContext,
  type Extensible,
  type ValueCodec,
} from './schema.ts';

/** One attribute instance, the same for every protocol version. */
export interface Attribute {
  /** Normalized name: registry tag name (`CryptographicAlgorithm`), custom name (`x-ID`) or hex tag. */
  readonly name: string;
  /** KMIP 1.x Attribute Index, when the peer sent or should get one. */
  readonly index?: number;
  readonly value: AttributeValue;
  /** KMIP 2.x Vendor Identification as received, when it contains `-` (see attribute-names.ts). */
  readonly vendorIdentification?: string;
}

/** Attributes of a request part: 1.x Template-Attribute or 2.x Attributes. */
export interface AttributeSet extends Extensible {
  readonly attributes: readonly Attribute[];
  /** KMIP 1.x only: Names of Templates to apply (Templates were removed in KMIP 2.0). */
  readonly templateNames?: readonly NameValue[];
}

/** True when the attribute exists in the context's version (custom attributes always do). */
export function isAttributeDefinedIn(attribute: Attribute, ctx: CodecContext): boolean {
  const tag = attributeTag(attribute.name);
  return tag === undefined || isDefinedIn(tag, ctx.version);
}

interface Attribute1Wire extends Extensible {
  readonly name: string;
  readonly index?: number;
  readonly value: KmipItem;
}
const attribute1Schema = defineStruct<Attribute1Wire>('Attribute', (f) => [
  f.one('name', Tag.AttributeName, attributeNameText),
  // Attribute Index ends with 1.4 in the registry; the 1.x shape always has it.
  f.opt('index', Tag.AttributeIndex, integer),
  f.one('value', Tag.AttributeValue, anyItem),
]);

/** KMIP 1.x Attribute structure ↔ {@link Attribute}. */
export const attributeV1: ValueCodec<Attribute> = {
  label: 'Attribute',
  decode(item, ctx, path) {
    const wire = decodeStructure(attribute1Schema, item, ctx, path);
    if (wire.unknownItems !== undefined) {
      throw new KmipMessageError(
        ResultReason.InvalidMessage,
        path,
        'unexpected field in Attribute',
      );
    }
    const value = attributeValueCodec(wire.name, ctx).decode(
      wire.value,
      ctx,
      childPath(path, 'AttributeValue'),
    );
    return wire.index === undefined
      ? { name: wire.name, value }
      : { name: wire.name, index: wire.index, value };
  },
  encode(attribute, tag, ctx, path) {
    if (attribute.name.startsWith('0x')) {
      throw new KmipMessageEncodeError(
        path,
        'an attribute known only by its tag has no KMIP 1.x name',
      );
    }
    const valueItem = attributeValueCodec(attribute.name, ctx).encode(
      attribute.value,
      Tag.AttributeValue,
      ctx,
      childPath(path, 'AttributeValue'),
    );
    const wire: Attribute1Wire = { name: attribute.name, value: valueItem, ...indexOf(attribute) };
    return encodeStructure(attribute1Schema, wire, tag, ctx, path);
  },
  omit: (attribute, ctx) => !isAttributeDefinedIn(attribute, ctx),
};

function indexOf(attribute: Attribute): { index?: number } {
  return attribute.index === undefined ? {} : { index: attribute.index };
}

interface VendorAttributeWire {
  readonly vendorIdentification: string;
  readonly attributeName: string;
  readonly value: KmipItem;
}
const vendorAttributeSchema = defineStruct<VendorAttributeWire>('Attribute', (f) => [
  f.one('vendorIdentification', Tag.VendorIdentification, textString),
  f.one('attributeName', Tag.AttributeName, textString),
  f.one('value', Tag.AttributeValue, anyItem),
]);

/** Decodes one child of a KMIP 2.x Attributes structure. */
function decodeAttributeV2(item: KmipItem, ctx: CodecContext, path: readonly string[]): Attribute {
  if (item.tag === Tag.Attribute) {
    const wire = decodeStructure(vendorAttributeSchema, item, ctx, path);
    const fullName = `${wire.vendorIdentification}-${wire.attributeName}`;
    const value = attributeValueCodec(fullName, ctx).decode(
      wire.value,
      ctx,
      childPath(path, 'AttributeValue'),
    );
    return wire.vendorIdentification.includes('-')
      ? { name: fullName, value, vendorIdentification: wire.vendorIdentification }
      : { name: fullName, value };
  }
  const attributeName = attributeNameOfTag(item.tag);
  return {
    name: attributeName,
    value: attributeValueCodec(attributeName, ctx).decode(item, ctx, path),
  };
}

/** Encodes one attribute as a child of a KMIP 2.x Attributes structure. */
function encodeAttributeV2(
  attribute: Attribute,
  ctx: CodecContext,
  path: readonly string[],
): KmipItem {
  const tag = attributeTag(attribute.name);
  if (tag !== undefined) {
    return attributeValueCodec(attribute.name, ctx).encode(
      attribute.value,
      tag,
      ctx,
      childPath(path, attribute.name),
    );
  }
  const { vendorIdentification, attributeName } = splitVendorName(
    attribute.name,
    attribute.vendorIdentification,
  );
  const valueItem = attributeValueCodec(attribute.name, ctx).encode(
    attribute.value,
    Tag.AttributeValue,
    ctx,
    path,
  );
  return encodeStructure(
    vendorAttributeSchema,
    { vendorIdentification, attributeName, value: valueItem },
    Tag.Attribute,
    ctx,
    childPath(path, 'Attribute'),
  );
}

/** A KMIP 2.x Attributes-shaped structure (Attributes, Common/Private/Public Key Attributes) ↔ attribute list. */
export const attributeListV2: ValueCodec<readonly Attribute[]> = {
  label: 'Attributes',
  decode(item, ctx, path) {
    if (item.type !== 'Structure') throw wrongType(path, 'Structure', item.type);
    return item.value.map((child) =>
      decodeAttributeV2(child, ctx, childPath(path, tagName(child.tag))),
    );
  },
  encode(attributes, tag, ctx, path) {
    const children = attributes
      .filter((attribute) => isAttributeDefinedIn(attribute, ctx))
      .map((attribute) => encodeAttributeV2(attribute, ctx, path));
    return { tag, type: 'Structure', value: children };
  },
};

/** KMIP 2.x New Attribute / Current Attribute: a structure holding exactly one attribute. */
export const singleAttributeV2: ValueCodec<Attribute> = {
  label: 'Attribute',
  decode(item, ctx, path) {
    const list = attributeListV2.decode(item, ctx, path);
    const [first] = list;
    if (first === undefined || list.length !== 1) {
      throw new KmipMessageError(
        ResultReason.InvalidMessage,
        path,
        'expected exactly one attribute',
      );
    }
    return first;
  },
  encode(attribute, tag, ctx, path) {
    return { tag, type: 'Structure', value: [encodeAttributeV2(attribute, ctx, path)] };
  },
};

interface TemplateAttributeWire extends Extensible {
  readonly templateNames?: readonly NameValue[];
  readonly attributes?: readonly Attribute[];
}
const templateAttributeSchema = defineStruct<TemplateAttributeWire>('TemplateAttribute', (f) => [
  f.many('templateNames', Tag.Name, name),
  f.many('attributes', Tag.Attribute, attributeV1),
]);

/** KMIP 1.x Template-Attribute (and Common/Private/Public Key Template-Attribute) ↔ {@link AttributeSet}. */
export const templateAttribute: ValueCodec<AttributeSet> = {
  label: 'TemplateAttribute',
  decode(item, ctx, path) {
    const wire = decodeStructure(templateAttributeSchema, item, ctx, path);
    return {
      attributes: wire.attributes ?? [],
      ...(wire.templateNames === undefined ? {} : { templateNames: wire.templateNames }),
      ...(wire.unknownItems === undefined ? {} : { unknownItems: wire.unknownItems }),
    };
  },
  encode(set, tag, ctx, path) {
    const wire = {
      ...set,
      attributes: set.attributes.filter((attribute) => isAttributeDefinedIn(attribute, ctx)),
    };
    return encodeStructure(templateAttributeSchema, wire, tag, ctx, path);
  },
};

/** KMIP 2.x Attributes (and Common/Private/Public Key Attributes) ↔ {@link AttributeSet}. */
export const attributeSetV2: ValueCodec<AttributeSet> = {
  label: 'Attributes',
  decode: (item, ctx, path) => ({ attributes: attributeListV2.decode(item, ctx, path) }),
  encode: (set, tag, ctx, path) => attributeListV2.encode(set.attributes, tag, ctx, path),
};

/** The first value of an attribute by normalized name, typed for the well-known ones. */
export function findAttributeValue<K extends keyof KnownAttributeValues>(
  attributes: readonly Attribute[],
  attributeName: K,
): KnownAttributeValues[K] | undefined;
export function findAttributeValue(
  attributes: readonly Attribute[],
  attributeName: string,
): AttributeValue | undefined;
export function findAttributeValue(
  attributes: readonly Attribute[],
  attributeName: string,
): AttributeValue | undefined {
  return attributes.find((attribute) => attribute.name === attributeName)?.value;
}

/** True when `attributeName` is a registry attribute (not custom). */
export function isKnownAttributeName(attributeName: string): boolean {
  return tagEntryByName(attributeName) !== undefined;
}
