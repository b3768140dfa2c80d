/**
 * The declarative schema layer of the message model: a structure schema lists its fields
 * (key, tag, codec, optional/repeated, versions) and two generic functions map between a
 * Structure item and a typed object, for the protocol version in the context.
 *
 * Decoding accepts fields in any order. A child whose tag no active field claims (an
 * unknown or extension tag, or a tag the context's version does not define) is kept in
 * `unknownItems` and re-emitted after the known fields, so vendor extensions round-trip;
 * in strict mode it is rejected with Invalid Field (KMIP 1.4 §11.1: "same major and minor
 * version, unknown field"). Encoding emits the known fields in schema order, and only
 * those the target version defines (`isDefinedIn`).
 */
import type { KmipItem, StructureItem } from '../item.ts';
import { formatTag } from '../item.ts';
import { ResultReason } from '../generated/registry.ts';
import { compareVersions, existsInVersion, tagEntry } from '../registry.ts';
import type { KmipVersionName } from '../registry-types.ts';
import { KmipMessageEncodeError, KmipMessageError, missingField, wrongType } from './errors.ts';

/** Per-call settings: the protocol version in force and whether unknown fields are errors. */
export interface CodecContext {
  readonly version: KmipVersionName;
  /** Reject unknown child items with Invalid Field instead of keeping them. */
  readonly strict?: boolean;
}

/** Maps one item to a typed value and back. Codecs compose: a structure is a codec too. */
export interface ValueCodec<V> {
  /** What the codec expects, for error messages (`TextString`, `Name`, ...). */
  readonly label: string;
  /** @throws KmipMessageError when the item does not fit. */
  decode(item: KmipItem, ctx: CodecContext, path: readonly string[]): V;
  /** Builds the item with `tag` (codecs of choice fields pick their own tag). */
  encode(value: V, tag: number, ctx: CodecContext, path: readonly string[]): KmipItem;
  /** True when a repeated field must leave `value` out for the context's version. */
  omit?(value: V, ctx: CodecContext): boolean;
}

/** Typed objects decoded from a Structure keep the children the schema does not know here. */
export interface Extensible {
  /** Child items no field of this version claims, in their original order. */
  readonly unknownItems?: readonly KmipItem[];
}

/** One field of a structure schema. */
export interface FieldSpec<T> {
  readonly key: keyof T & string;
  /** The field's tag; a choice field (managed object) lists every tag it accepts. */
  readonly tags: readonly number[];
  readonly codec: ValueCodec<unknown>;
  readonly optional: boolean;
  readonly repeated: boolean;
  /** First version with the field; defaults to the tag's `since` in the registry. */
  readonly since?: KmipVersionName;
  /** Last version with the field; defaults to the tag's `until` in the registry. */
  readonly until?: KmipVersionName | null;
}

/** A structure: its name (for paths) and its fields in encoding order. */
export interface StructSchema<T> {
  readonly name: string;
  readonly fields: readonly FieldSpec<T>[];
}

/** Version limits of a field, when they differ from the registry's for its tag. */
export interface FieldVersions {
  readonly since?: KmipVersionName;
  readonly until?: KmipVersionName | null;
}

type ElementOf<V> = V extends readonly (infer E)[] ? E : never;

/** Builds type-checked field specs: the codec's value type must match the property type. */
export interface FieldBuilder<T> {
  /** A required single field. */
  one<K extends keyof T & string>(
    key: K,
    tag: number,
    codec: ValueCodec<NonNullable<T[K]>>,
    v?: FieldVersions,
  ): FieldSpec<T>;
  /** An optional single field. */
  opt<K extends keyof T & string>(
    key: K,
    tag: number,
    codec: ValueCodec<NonNullable<T[K]>>,
    v?: FieldVersions,
  ): FieldSpec<T>;
  /** A repeated field (zero or more; `min1` for one or more). */
  many<K extends keyof T & string>(
    key: K,
    tag: number,
    codec: ValueCodec<ElementOf<NonNullable<T[K]>>>,
    v?: FieldVersions & { readonly min1?: boolean },
  ): FieldSpec<T>;
  /** A required or optional field that accepts one of several tags (the codec picks the tag on encode). */
  choice<K extends keyof T & string>(
    key: K,
    tags: readonly number[],
    codec: ValueCodec<NonNullable<T[K]>>,
    v?: FieldVersions & { readonly optional?: boolean },
  ): FieldSpec<T>;
}

function makeBuilder<T>(): FieldBuilder<T> {
  const spec = (
    key: keyof T & string,
    tags: readonly number[],
    codec: ValueCodec<never>,
    optional: boolean,
    repeated: boolean,
    v: FieldVersions | undefined,
  ): FieldSpec<T> => ({
    key,
    tags,
    codec: codec as ValueCodec<unknown>,
    optional,
    repeated,
    ...(v?.since === undefined ? {} : { since: v.since }),
    ...(v?.until === undefined ? {} : { until: v.until }),
  });
  return {
    one: (key, tag, codec, v) => spec(key, [tag], codec as ValueCodec<never>, false, false, v),
    opt: (key, tag, codec, v) => spec(key, [tag], codec as ValueCodec<never>, true, false, v),
    many: (key, tag, codec, v) => spec(key, [tag], codec as ValueCodec<never>, !v?.min1, true, v),
    choice: (key, tags, codec, v) =>
      spec(key, tags, codec as ValueCodec<never>, v?.optional === true, false, v),
  };
}

/** Declares a structure schema for the typed object `T`. */
export function defineStruct<T extends object>(
  name: string,
  build: (f: FieldBuilder<T>) => readonly FieldSpec<T>[],
): StructSchema<T> {
  return { name, fields: build(makeBuilder<T>()) };
}

/**
 * `[...path, name]`, built at its exact size: every field decoded or encoded makes one, and the
 * spread form allocates about three times the bytes (issue #9, garbage per request).
 */
export function childPath(path: readonly string[], name: string): readonly string[] {
  const n = path.length;
  const out = new Array<string>(n + 1);
  for (let i = 0; i < n; i++) out[i] = path[i] as string;
  out[n] = name;
  return out;
}

/** The normalized name of a tag, or its hex form when the registry does not know it. */
export function tagName(tag: number): string {
  return tagEntry(tag)?.name ?? formatTag(tag);
}

// Memo of isDefinedIn for registry tags, by version (bounded: registry tags × versions).
const definedCache = new Map<KmipVersionName, Map<number, boolean>>();

/** True when `version` defines `tag`; unknown and extension tags count as defined. */
export function isDefinedIn(tag: number, version: KmipVersionName): boolean {
  let byTag = definedCache.get(version);
  if (byTag === undefined) {
    byTag = new Map();
    definedCache.set(version, byTag);
  }
  const known = byTag.get(tag);
  if (known !== undefined) return known;
  const entry = tagEntry(tag);
  if (entry === undefined) return true;
  const isDefined = existsInVersion(entry, version);
  byTag.set(tag, isDefined);
  return isDefined;
}

function isFieldActive<T>(field: FieldSpec<T>, version: KmipVersionName): boolean {
  const entry = tagEntry(field.tags[0] ?? 0);
  const since = field.since ?? entry?.since ?? '1.0';
  const until = field.until !== undefined ? field.until : (entry?.until ?? null);
  return (
    compareVersions(since, version) <= 0 && (until === null || compareVersions(version, until) <= 0)
  );
}

/** A field active in one version, with the tag names its paths use. */
interface ActiveField<T> {
  readonly field: FieldSpec<T>;
  /** The name of the field's first tag (encode paths, missing-field errors). */
  readonly name: string;
}

/** What encoding and decoding need of one schema in one version, worked out once. */
interface SchemaPlan<T> {
  /** The active field of each tag, and the tag's name (decode paths). */
  readonly byTag: ReadonlyMap<number, { readonly field: FieldSpec<T>; readonly name: string }>;
  /** The active fields in schema (encoding) order. */
  readonly ordered: readonly ActiveField<T>[];
  /** The active required fields, in the order of the first tag each owns. */
  readonly required: readonly ActiveField<T>[];
}

// Memo of the plan per schema and version (pure function of immutable inputs; issue #9:
// encoding built a Set of the active fields and looked up every field's tag name per call).
const planCache = new WeakMap<object, Map<KmipVersionName, SchemaPlan<unknown>>>();

function planOf<T>(schema: StructSchema<T>, version: KmipVersionName): SchemaPlan<T> {
  let byVersion = planCache.get(schema);
  if (byVersion === undefined) {
    byVersion = new Map();
    planCache.set(schema, byVersion);
  }
  const cached = byVersion.get(version) as SchemaPlan<T> | undefined;
  if (cached !== undefined) return cached;
  const byTag = new Map<number, { readonly field: FieldSpec<T>; readonly name: string }>();
  const ordered: ActiveField<T>[] = [];
  for (const field of schema.fields) {
    if (!isFieldActive(field, version)) continue;
    for (const tag of field.tags) byTag.set(tag, { field, name: tagName(tag) });
  }
  // A tag claimed by two fields belongs to the later one (as a Map built field by field).
  const owners = new Set([...byTag.values()].map((entry) => entry.field));
  for (const field of schema.fields) {
    if (owners.has(field)) ordered.push({ field, name: tagName(field.tags[0] ?? 0) });
  }
  const plan: SchemaPlan<T> = {
    byTag,
    ordered,
    // In the order of the tags they own, as the missing-field check always ran.
    required: [...owners]
      .filter((field) => !field.optional)
      .map((field) => ({ field, name: tagName(field.tags[0] ?? 0) })),
  };
  byVersion.set(version, plan as SchemaPlan<unknown>);
  return plan;
}

/**
 * Decodes a Structure item into the typed object described by `schema`.
 * @throws KmipMessageError (KW_KMIP_MESSAGE) for a non-Structure item, a missing required
 *   field, a repeated single field, a wrong child type, or an unknown child in strict mode.
 */
export function decodeStructure<T>(
  schema: StructSchema<T>,
  item: KmipItem,
  ctx: CodecContext,
  path: readonly string[] = [schema.name],
): T {
  if (item.type !== 'Structure') throw wrongType(path, 'Structure', item.type);
  const plan = planOf(schema, ctx.version);
  const out: Record<string, unknown> = {};
  let unknown: KmipItem[] | undefined;
  for (const child of item.value) {
    const active = plan.byTag.get(child.tag);
    if (active === undefined) {
      if (ctx.strict === true) {
        throw new KmipMessageError(
          ResultReason.InvalidField,
          childPath(path, tagName(child.tag)),
          'field is not known in this version',
        );
      }
      (unknown ??= []).push(child);
      continue;
    }
    const { field } = active;
    const fieldPath = childPath(path, active.name);
    const value = field.codec.decode(child, ctx, fieldPath);
    if (field.repeated) {
      const list = (out[field.key] ??= []) as unknown[];
      list.push(value);
    } else if (field.key in out) {
      throw new KmipMessageError(
        ResultReason.InvalidMessage,
        fieldPath,
        'field occurs more than once',
      );
    } else {
      out[field.key] = value;
    }
  }
  for (const { field, name } of plan.required) {
    if (!(field.key in out)) throw missingField(childPath(path, name));
  }
  if (unknown !== undefined) out['unknownItems'] = unknown;
  return out as T;
}

/**
 * Encodes a typed object as a Structure item with `tag`, for the context's version:
 * fields the version does not define are left out.
 * @throws KmipMessageEncodeError (KW_KMIP_MESSAGE_ENCODE) when a required field is unset.
 */
export function encodeStructure<T>(
  schema: StructSchema<T>,
  value: T,
  tag: number,
  ctx: CodecContext,
  path: readonly string[] = [schema.name],
): StructureItem {
  const { ordered } = planOf(schema, ctx.version);
  // Sized for one item per field and trimmed at the end: an empty array grown by push reserves
  // 17 slots, for structures that mostly have one to four (issue #9, garbage per request).
  const children = new Array<KmipItem>(ordered.length);
  let count = 0;
  const record = value as Record<string, unknown>;
  for (const { field, name } of ordered) {
    const fieldValue = record[field.key];
    if (fieldValue === undefined || fieldValue === null) {
      if (!field.optional) {
        throw new KmipMessageEncodeError(
          childPath(path, name),
          `required field '${field.key}' is not set`,
        );
      }
      continue;
    }
    const fieldPath = childPath(path, name);
    const fieldTag = field.tags[0] ?? 0;
    if (!field.repeated) {
      if (field.codec.omit?.(fieldValue, ctx) === true) continue;
      const encoded = field.codec.encode(fieldValue, fieldTag, ctx, fieldPath);
      if (isDefinedIn(encoded.tag, ctx.version)) children[count++] = encoded;
      continue;
    }
    const values = asArray(fieldValue, fieldPath);
    if (!field.optional && values.length === 0) {
      throw new KmipMessageEncodeError(fieldPath, `field '${field.key}' needs at least one value`);
    }
    for (const v of values) {
      if (field.codec.omit?.(v, ctx) === true) continue;
      const encoded = field.codec.encode(v, fieldTag, ctx, fieldPath);
      if (isDefinedIn(encoded.tag, ctx.version)) children[count++] = encoded;
    }
  }
  children.length = count;
  const unknown = record['unknownItems'];
  if (Array.isArray(unknown)) children.push(...(unknown as KmipItem[]));
  return { tag, type: 'Structure', value: children };
}

function asArray(value: unknown, path: readonly string[]): readonly unknown[] {
  if (!Array.isArray(value))
    throw new KmipMessageEncodeError(path, 'repeated field must be an array');
  return value;
}

/** A codec for a nested structure described by `schema`. */
export function struct<T>(schema: StructSchema<T>): ValueCodec<T> {
  return {
    label: schema.name,
    decode: (item, ctx, path) => decodeStructure(schema, item, ctx, path),
    encode: (value, tag, ctx, path) => encodeStructure(schema, value, tag, ctx, path),
  };
}
