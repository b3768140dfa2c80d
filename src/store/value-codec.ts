import { StoreValueError } from './errors.ts';

// Attribute values are stored as JSON with tagged objects for what JSON cannot carry:
//   {"$t":"bigint","v":"-12"}   {"$t":"date","v":"2024-05-01T10:00:00.000Z"}
//   {"$t":"bytes","v":"<base64>"}   {"$t":"number","v":"NaN" | "Infinity" | "-Infinity" | "-0"}
// A plain object that itself has a "$t" key is wrapped as {"$t":"object","v":{...}}, so
// no caller value can be mistaken for a tag. Everything else is plain JSON.
// This text is on disk (and is what PostgreSQL will store too): changing it needs a migration.
const TAG = '$t';
const MAX_DEPTH = 64;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A value ready for the attributes table. */
export interface EncodedValue {
  /** The tagged JSON, keys in the caller's order. */
  readonly json: string;
  /** Canonical form (object keys sorted) used for equality lookups. */
  readonly key: string;
  /** Milliseconds since the epoch when the value is a `Date`, for range queries. */
  readonly date: number | null;
}

/**
 * Encodes one attribute value. `path` names the value in errors.
 * @throws StoreValueError (KW_STORE_VALUE) for values that cannot round-trip.
 */
export function encodeValue(value: unknown, path: string): EncodedValue {
  // Most attributes are a string, a boolean or an integer (enumerations, lengths, masks): their
  // JSON is their key, with no tree to build or sort (issue #9, every Create encodes ~18).
  if (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0))
  ) {
    const json = JSON.stringify(value);
    return { json, key: json, date: null };
  }
  // Dates (every object has three or more) and bytes (Digest) are one tag each: the same text
  // as the tree below gives ("$t" sorts before "v"; ISO dates and base64 need no escaping).
  if (value instanceof Date) {
    const ms = value.getTime();
    if (!Number.isNaN(ms)) {
      const json = `{"${TAG}":"date","v":"${value.toISOString()}"}`;
      return { json, key: json, date: ms };
    }
  } else if (value instanceof Uint8Array) {
    const json = `{"${TAG}":"bytes","v":"${base64Of(value)}"}`;
    return { json, key: json, date: null };
  }
  const tree = toJson(value, path, []);
  return {
    json: JSON.stringify(tree),
    key: canonical(tree),
    date: value instanceof Date ? value.getTime() : null,
  };
}

/** The lookup key a string value starts with when the string starts with `prefix`. */
export function stringPrefixKey(prefix: string): string {
  // JSON escapes strings one code unit at a time, so the escaped prefix is a prefix
  // of the escaped whole; drop the closing quote.
  return JSON.stringify(prefix).slice(0, -1);
}

/**
 * Decodes what `encodeValue` produced.
 * @throws StoreValueError (KW_STORE_VALUE) if the stored text is not a valid encoding.
 */
export function decodeValue(json: string): unknown {
  // Every attribute of every read passes here (issue #9): the parsed tree is ours, so tags
  // are replaced in place instead of copying each object and building a path per value.
  // Anything wrong falls back to the walk that names the failing path.
  let tree: Json;
  try {
    tree = JSON.parse(json) as Json;
  } catch {
    return decodeValueWithPaths(json);
  }
  if (tree === null || typeof tree !== 'object') return tree;
  if (!mayHoldTags(json)) return tree;
  try {
    return replaceTags(tree);
  } catch {
    return decodeValueWithPaths(json);
  }
}

/**
 * Decodes like `decodeValue`, copying every object and tracking the path of each value; the
 * reference the fast path is tested against, and the path errors are reported from.
 * @throws StoreValueError (KW_STORE_VALUE) if the stored text is not a valid encoding.
 */
export function decodeValueWithPaths(json: string): unknown {
  let tree: unknown;
  try {
    tree = JSON.parse(json);
  } catch {
    throw new StoreValueError('value', NOT_TAGGED_JSON);
  }
  return decodeTreeWithPaths(tree, 'value');
}

/**
 * Whether stored text may hold a tagged value: without "$t" in it, not even escaped (`\u`),
 * nothing is tagged and the parsed tree is the value.
 */
export function mayHoldTags(json: string): boolean {
  return json.includes('$t') || json.includes('\\u');
}

const NOT_TAGGED_JSON = 'stored value is not valid tagged JSON';

const BAD_TAG = new Error('unknown tag');

/**
 * Replaces the tags of a tree `JSON.parse` just made, in place (the tree must not be shared).
 * @throws Error (not a KeywardenError) on an unknown or malformed tag; callers fall back to
 *   `decodeTreeWithPaths` for the error that names the path.
 */
export function replaceTagsInPlace(tree: unknown): unknown {
  return replaceTags(tree as Json);
}

const UNKNOWN_TAG = Symbol('unknown tag');

/** The value of a scalar tag ("bigint", "date", "bytes", "number"), or UNKNOWN_TAG. */
function scalarOfTag(tag: Json | undefined, v: string): unknown {
  switch (tag) {
    case 'bigint':
      return BigInt(v);
    case 'date':
      return new Date(v);
    case 'bytes':
      return bytesOfBase64(v);
    case 'number':
      return v === '-0' ? -0 : Number(v);
    default:
      return UNKNOWN_TAG;
  }
}

/**
 * Decodes a parsed tree like `decodeValueWithPaths`, naming `path` in errors.
 * @throws StoreValueError (KW_STORE_VALUE) if the tree is not a valid encoding.
 */
export function decodeTreeWithPaths(tree: unknown, path: string): unknown {
  try {
    return fromJson(tree as Json, path);
  } catch (error) {
    if (error instanceof StoreValueError) throw error;
    // BigInt('1.5') and the like: the tag's text is not valid.
    throw new StoreValueError(path, NOT_TAGGED_JSON);
  }
}

// Assigning to a key the parse made (even "__proto__") sets that own property.
function replaceTags(json: Json): unknown {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) {
    for (let i = 0; i < json.length; i++) {
      const item = json[i] as Json;
      if (item !== null && typeof item === 'object') json[i] = replaceTags(item) as Json;
    }
    return json;
  }
  if (!Object.hasOwn(json, TAG)) return replaceEntries(json);
  const tag = json[TAG];
  const v = json['v'];
  if (tag === 'object' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
    return replaceEntries(v);
  }
  if (typeof v === 'string') {
    const scalar = scalarOfTag(tag, v);
    if (scalar !== UNKNOWN_TAG) return scalar;
  }
  throw BAD_TAG;
}

function replaceEntries(json: { [key: string]: Json }): Record<string, unknown> {
  for (const key of Object.keys(json)) {
    const value = json[key] as Json;
    if (value !== null && typeof value === 'object') json[key] = replaceTags(value) as Json;
  }
  return json;
}

function toJson(value: unknown, path: string, ancestors: object[]): Json {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      return { [TAG]: 'number', v: String(Object.is(value, -0) ? '-0' : value) };
    case 'bigint':
      return { [TAG]: 'bigint', v: value.toString() };
    case 'object':
      if (value === null) return null;
      return objectToJson(value, path, ancestors);
    default:
      throw new StoreValueError(path, `a ${typeof value} cannot be stored`);
  }
}

function objectToJson(value: object, path: string, ancestors: object[]): Json {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new StoreValueError(path, 'invalid Date');
    return { [TAG]: 'date', v: value.toISOString() };
  }
  if (value instanceof Uint8Array) {
    return { [TAG]: 'bytes', v: base64Of(value) };
  }
  if (ancestors.includes(value)) throw new StoreValueError(path, 'circular reference');
  if (ancestors.length >= MAX_DEPTH)
    throw new StoreValueError(path, `nested deeper than ${MAX_DEPTH}`);
  ancestors.push(value);
  try {
    if (Array.isArray(value)) {
      const out: Json[] = [];
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) throw new StoreValueError(`${path}[${i}]`, 'sparse array hole');
        out.push(toJson(value[i], `${path}[${i}]`, ancestors));
      }
      return out;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new StoreValueError(path, 'only plain objects, arrays, Date, Uint8Array can be stored');
    }
    const entries = Object.entries(value).map(([k, v]): [string, Json] => [
      k,
      toJson(v, `${path}.${k}`, ancestors),
    ]);
    const obj = Object.fromEntries(entries) as { [key: string]: Json };
    return Object.hasOwn(obj, TAG) ? { [TAG]: 'object', v: obj } : obj;
  } finally {
    ancestors.pop();
  }
}

function fromJson(json: Json, path: string): unknown {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map((item, i) => fromJson(item, `${path}[${i}]`));
  if (!Object.hasOwn(json, TAG)) return decodeEntries(json, path);
  const tag = json[TAG];
  const v = json['v'];
  if (tag === 'object' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
    return decodeEntries(v, path);
  }
  if (typeof v === 'string') {
    const scalar = scalarOfTag(tag, v);
    if (scalar !== UNKNOWN_TAG) return scalar;
  }
  throw new StoreValueError(path, 'stored value has an unknown tag');
}

function decodeEntries(json: { [key: string]: Json }, path: string): Record<string, unknown> {
  // fromEntries defines own properties, so a stored "__proto__" key stays a plain key.
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, fromJson(v, `${path}.${k}`)]));
}

/**
 * `new Uint8Array(Buffer.from(text, 'base64'))` without the Buffer in between: the bytes are
 * written straight into a plain array sized from the text (every read decodes a Digest).
 */
export function bytesOfBase64(text: string): Uint8Array {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  // Each character carries 6 bits at most; a lenient decode (spaces, stray `=`) gives fewer.
  const size = Math.floor(((text.length - padding) * 3) / 4);
  const out = new Uint8Array(size);
  const written = Buffer.from(out.buffer, 0, size).write(text, 'base64');
  return written === size ? out : out.slice(0, written);
}

function base64Of(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
}

/** JSON text with every object's keys sorted (UTF-16 order, as `Array.prototype.sort`). */
function canonical(json: Json): string {
  if (json === null || typeof json !== 'object') return JSON.stringify(json);
  // Built by concatenation, and keys sorted only when out of order: Creates encode several
  // small objects (Name, Digest) whose keys usually are (issue #9, garbage per request).
  if (Array.isArray(json)) {
    let out = '[';
    for (let i = 0; i < json.length; i++) out += (i === 0 ? '' : ',') + canonical(json[i] as Json);
    return `${out}]`;
  }
  const keys = sortKeys(Object.keys(json));
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out += `${i === 0 ? '' : ','}${JSON.stringify(k)}:${canonical(json[k] as Json)}`;
  }
  return `${out}}`;
}

/**
 * `keys.sort()` (UTF-16 order; keys are unique), in place. Object keys are few: an insertion
 * sort needs no work array, where `Array.prototype.sort` allocates one per call.
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}
