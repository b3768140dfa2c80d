/**
 * Compares a response the server sent with the one a test case expects, and rewrites a
 * request of the case with the values the server chose earlier.
 *
 * Exact: tags, item types, order and count of items, and every value except the variable
 * ones below. Variable (the profiles' "Permitted Test Case Variations"): placeholders (`$UNIQUE_IDENTIFIER_0`, `$NOW`, `$DATA_0` …)
 * and, where the case writes a literal value the vendor's server chose, the fields a server
 * chooses (identifiers, server dates, random key material and its digest, nonces, IVs,
 * correlation values, outputs of randomized crypto). A variable value the client sent
 * earlier in the case is not the server's choice and stays exact. The first time a variable
 * expected value is seen it is bound to the actual one; every later occurrence must be the
 * same actual value, distinct expected values must stay distinct, and later requests carry
 * the actual value in its place. Result Message text is free (KMIP 1.4 §6.11: "more
 * descriptive" text, vendor-specific) and ignored on both sides; items the
 * spec lets a server add or omit (correlation values in a Response Header, Located Items)
 * are compared only when both sides have them.
 */
import {
  Operation,
  Tag,
  enumValueEntry,
  enumerationOfTag,
  formatTag,
  tagEntry,
  tagEntryByAttributeName,
  type KmipItem,
} from '../../src/kmip/index.ts';
import type { CaseState } from './case-state.ts';
import { nowOffset, placeholderName, type LeafItem } from './case-state.ts';

/** Where and how an actual message differs from the expected one. */
export interface Mismatch {
  /** Slash-separated path in the message tree, e.g. `ResponseMessage/BatchItem/ResultStatus`. */
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

// Server-assigned identifiers and correlation values.
const ID_FIELDS = new Set([
  'UniqueIdentifier',
  'PrivateKeyUniqueIdentifier',
  'PublicKeyUniqueIdentifier',
  'LinkedObjectIdentifier',
  'ReplacedUniqueIdentifier',
  'CertificateRequestUniqueIdentifier',
  'ShortUniqueIdentifier',
  'AsynchronousCorrelationValue',
  'ServerCorrelationValue',
  'CorrelationValue',
  'TicketValue',
  'NonceID',
]);
// Dates a server stamps itself when the event happens (Initial Date, Activation Date …).
const SERVER_DATE_FIELDS = new Set([
  'TimeStamp',
  'InitialDate',
  'LastChangeDate',
  'OriginalCreationDate',
  'ActivationDate',
  'DeactivationDate',
  'DestroyDate',
  'CompromiseDate',
  'ArchiveDate',
]);
// Random material and everything computed from it.
const RANDOM_FIELDS = new Set([
  'KeyMaterial',
  'DigestValue',
  'IVCounterNonce',
  'NonceValue',
  'Data',
  'SignatureData',
  'MACData',
  'AuthenticatedEncryptionTag',
  'CertificateValue',
  'Modulus',
  'PrivateExponent',
  'P',
  'Q',
  'G',
  'X',
  'Y',
  'J',
  'D',
  'PrimeExponentP',
  'PrimeExponentQ',
  'CRTCoefficient',
  'QString',
  'SerialNumber',
]);

// Result Message is vendor text (KMIP 1.4 §6.11), ignored on both sides.
const IGNORED_TAGS = new Set<number>([Tag.ResultMessage]);
// Items the spec lets a server add or leave out; compared only when both sides have them.
// Client and Server Correlation Value: not required in a Response Header (the 1.x/2.x
// Response Header table); Located Items: the server MAY return it, or omit it when it
// cannot count (KMIP 1.3/1.4 §4.9 Locate, response payload).
const OPTIONAL_TAGS = new Set<number>([
  Tag.ServerCorrelationValue,
  Tag.ClientCorrelationValue,
  Tag.LocatedItems,
]);

// Values that describe the vendor's implementation, not the protocol: the Random Number
// Generator attribute (KMIP 1.3+) names the server's own RNG.
const VENDOR_FIELDS = new Set(['RandomNumberGenerator']);

// Attributes a server sets on new objects at its own discretion ("Initially set by: Server",
// "Shall always have a value: No"): KMIP 1.x Operation Policy Name (1.4 §3.18, set implicitly
// by Create/Register to the server's default policy), Random Number Generator (1.4 §3.44) and
// the 1.4 Sensitive, Always Sensitive, Extractable, Never Extractable (§3.48–3.51: defaults a
// server may record; the vendor's server recorded them on created keys, not registered ones).
// The server may list one of them (a 1.x Attribute Name, a 1.x Attribute, a 2.x Attributes
// child) where the case does not: the vendor's server set them on some objects and not on
// others, which says nothing about the protocol. Where the case lists one, it must be there.
const DISCRETIONARY_ATTRIBUTES = new Set([
  'OperationPolicyName',
  'RandomNumberGenerator',
  'Sensitive',
  'AlwaysSensitive',
  'Extractable',
  'NeverExtractable',
]);

/** Whether a field (tag or 1.x attribute name, normalized) holds a value the server chooses. */
export function isVariableField(field: string): boolean {
  return ID_FIELDS.has(field) || SERVER_DATE_FIELDS.has(field) || RANDOM_FIELDS.has(field);
}

/** The first difference between `expected` and `actual`, or undefined when they match. */
export function matchMessage(
  expected: KmipItem,
  actual: KmipItem,
  state: CaseState,
): Mismatch | undefined {
  return matchItem(expected, actual, state, nameOf(expected.tag), undefined);
}

function matchItem(
  expected: KmipItem,
  actual: KmipItem,
  state: CaseState,
  path: string,
  attributeName: string | undefined,
): Mismatch | undefined {
  if (expected.tag !== actual.tag) {
    return { path, expected: show(expected), actual: show(actual) };
  }
  if (expected.type !== actual.type) {
    return { path, expected: `type ${expected.type}`, actual: `type ${actual.type}` };
  }
  if (expected.type === 'Structure' && actual.type === 'Structure') {
    if (VENDOR_FIELDS.has(fieldOf(expected.tag, attributeName))) return undefined;
    return matchChildren(expected.value, actual.value, state, path, expected.tag);
  }
  return matchLeaf(expected as LeafItem, actual as LeafItem, state, path, attributeName);
}

function matchChildren(
  expectedAll: readonly KmipItem[],
  actualAll: readonly KmipItem[],
  state: CaseState,
  path: string,
  parentTag?: number,
): Mismatch | undefined {
  const has = (items: readonly KmipItem[], tag: number) => items.some((c) => c.tag === tag);
  const lists = (items: readonly KmipItem[], name: string) =>
    items.some((c) => discretionaryAttributeOf(c) === name);
  const keep = (other: readonly KmipItem[]) => (child: KmipItem) =>
    !IGNORED_TAGS.has(child.tag) && (!OPTIONAL_TAGS.has(child.tag) || has(other, child.tag));
  // The server may list a discretionary attribute the case does not (not the other way round).
  const isExpected = (child: KmipItem) => {
    const discretionary = discretionaryAttributeOf(child);
    return discretionary === undefined || lists(expectedAll, discretionary);
  };
  const expected = expectedAll.filter(keep(actualAll));
  const actual = alignListing(
    expected,
    actualAll.filter((c) => keep(expectedAll)(c) && isExpected(c)),
    parentTag,
  );
  const attributeName = attributeNameIn(expected);
  const seen = new Map<number, number>();
  for (let i = 0; i < Math.max(expected.length, actual.length); i += 1) {
    const e = expected[i];
    const a = actual[i];
    const either = (e ?? a) as KmipItem;
    const n = seen.get(either.tag) ?? 0;
    seen.set(either.tag, n + 1);
    const childPath = `${path}/${label(either, n, expected)}`;
    if (e === undefined) return { path: childPath, expected: '(nothing)', actual: show(a) };
    if (a === undefined) return { path: childPath, expected: show(e), actual: '(nothing)' };
    const mismatch = isQueryPayload(e, expected)
      ? matchQueryPayload(e, a, state, childPath)
      : matchItem(e, a, state, childPath, attributeName);
    if (mismatch !== undefined) return mismatch;
  }
  return undefined;
}

// KMIP 1.4 §4.25 / 2.1 §6.1.37 Query: the response reports what *this* server supports. The
// case records the vendor's server, so its Operation and Object Type lists say what the
// profile needs: each must be among the server's (in any order; the server may support
// more). Vendor Identification is the server's own name (any text); Server Information is
// vendor-specific and optional; Application Namespaces are the server's own. The rest of the
// payload is compared as usual.
const QUERY_LIST_TAGS = new Set<number>([Tag.Operation, Tag.ObjectType]);
const QUERY_OWN_TAGS = new Set<number>([
  Tag.VendorIdentification,
  Tag.ServerInformation,
  Tag.ApplicationNamespace,
]);

function isQueryPayload(child: KmipItem, siblings: readonly KmipItem[]): boolean {
  const operation = siblings.find((s) => s.tag === Tag.Operation);
  return (
    child.tag === Tag.ResponsePayload &&
    operation?.type === 'Enumeration' &&
    operation.value === Operation.Query
  );
}

function matchQueryPayload(
  expected: KmipItem,
  actual: KmipItem,
  state: CaseState,
  path: string,
): Mismatch | undefined {
  if (expected.type !== 'Structure' || actual.type !== 'Structure') {
    return matchItem(expected, actual, state, path, undefined);
  }
  for (const e of expected.value) {
    if (QUERY_LIST_TAGS.has(e.tag)) {
      const listed = actual.value.some(
        (a) => a.tag === e.tag && a.type === e.type && a.value === e.value,
      );
      if (!listed)
        return { path: `${path}/${nameOf(e.tag)}`, expected: show(e), actual: '(not listed)' };
    }
  }
  const vendor = expected.value.some((c) => c.tag === Tag.VendorIdentification);
  if (
    vendor &&
    !actual.value.some((c) => c.tag === Tag.VendorIdentification && c.type === 'TextString')
  ) {
    return {
      path: `${path}/VendorIdentification`,
      expected: 'any Vendor Identification',
      actual: '(nothing)',
    };
  }
  const rest = (items: readonly KmipItem[]) =>
    items.filter((c) => !QUERY_LIST_TAGS.has(c.tag) && !QUERY_OWN_TAGS.has(c.tag));
  return matchChildren(rest(expected.value), rest(actual.value), state, path);
}

function matchLeaf(
  expected: LeafItem,
  actual: LeafItem,
  state: CaseState,
  path: string,
  attributeName: string | undefined,
): Mismatch | undefined {
  const fail = (expectedText = show(expected, attributeName)): Mismatch => ({
    path,
    expected: expectedText,
    actual: show(actual, attributeName),
  });
  const bound = state.boundTo(expected);
  if (bound !== undefined) {
    return sameValue(bound, actual) ? undefined : fail(`${show(expected)} (= ${show(bound)})`);
  }
  const placeholder = placeholderName(expected);
  if (placeholder === '$NOW' || expected.tag === Tag.TimeStamp) {
    return actual.type === 'DateTime' ? undefined : fail();
  }
  const field = fieldOf(expected.tag, attributeName);
  const isVariable =
    placeholder !== undefined || (isVariableField(field) && !state.wasSent(expected));
  if (!isVariable) return sameValue(expected, actual) ? undefined : fail();
  // A server date is any date: a case cannot say two stamps differ or are equal.
  if (expected.type === 'DateTime') return actual.type === 'DateTime' ? undefined : fail();
  const clash = state.bind(expected, actual);
  return clash === undefined
    ? undefined
    : fail(`${show(expected)} (a value distinct from ${clash.replace(/^\w+:/, '')})`);
}

/**
 * The request to send for `request` (as the case writes it): bound values replaced by the
 * server's, `$NOW±n` by the current time ± n, an unbound byte-string placeholder by the
 * latest value of its field in a response. Records the case's own values as sent.
 */
export function substituteRequest(request: KmipItem, state: CaseState, now: Date): KmipItem {
  if (request.type === 'Structure') {
    return { ...request, value: request.value.map((c) => substituteRequest(c, state, now)) };
  }
  const leaf = request as LeafItem;
  state.recordSent(leaf);
  const offset = nowOffset(leaf);
  if (offset !== undefined) {
    const at = new Date(Math.floor(now.getTime() / 1000 + offset) * 1000);
    return { tag: leaf.tag, type: 'DateTime', value: at };
  }
  const bound = state.boundTo(leaf);
  if (bound !== undefined) return { ...bound, tag: leaf.tag };
  // A byte-string placeholder no response bound: the response showed a literal where the
  // server's value goes (CS-AC-M-6's MAC Data, CS-BC-M-13's IV and Data), so the request
  // means the latest value of that field the server sent.
  if (leaf.type === 'ByteString' && placeholderName(leaf) !== undefined) {
    const last = state.lastReceived(leaf.tag);
    if (last?.type === 'ByteString') {
      state.bind(leaf, last);
      return { ...last, tag: leaf.tag };
    }
  }
  return leaf;
}

function sameValue(a: LeafItem, b: LeafItem): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'ByteString' && b.type === 'ByteString') {
    return Buffer.from(a.value).equals(Buffer.from(b.value));
  }
  if (a.type === 'DateTime' && b.type === 'DateTime') {
    return a.value.getTime() === b.value.getTime();
  }
  return a.value === b.value;
}

/** The field a leaf fills: its tag's name, or for a 1.x Attribute Value the attribute's. */
function fieldOf(tag: number, attributeName: string | undefined): string {
  if (tag === Tag.AttributeValue && attributeName !== undefined) {
    return tagEntryByAttributeName(attributeName)?.name ?? attributeName;
  }
  return nameOf(tag);
}

// Attribute listings: the names of a Get Attribute List (1.x Attribute Name, 2.x Attribute
// Reference), the 1.x Attribute structures and the members of a 2.x Attributes structure
// (Get Attributes, Template-Attribute ...). No KMIP version specifies their order (1.4 §4.12
// Get Attributes, §4.13 Get Attribute List; 2.1 §6.1.22, §6.1.23).
function listedKey(child: KmipItem, parentTag: number | undefined): string | undefined {
  const attributeKey = (children: readonly KmipItem[]) => {
    const vendor = children.find((c) => c.tag === Tag.VendorIdentification);
    const name = attributeNameIn(children);
    const normalized = name === undefined ? '?' : (tagEntryByAttributeName(name)?.name ?? name);
    return `a:${vendor?.type === 'TextString' ? `${vendor.value}/` : ''}${normalized}`;
  };
  if (child.tag === Tag.Attribute && child.type === 'Structure') return attributeKey(child.value);
  if (parentTag === Tag.Attributes) return `a:${nameOf(child.tag)}`;
  if (child.tag === Tag.AttributeName && child.type === 'TextString') {
    return `a:${tagEntryByAttributeName(child.value)?.name ?? child.value}`;
  }
  if (child.tag === Tag.AttributeReference) {
    if (child.type === 'Enumeration') return `a:${nameOf(child.value)}`;
    if (child.type === 'Structure') return attributeKey(child.value);
  }
  return undefined;
}

/**
 * `actual` with its listed attributes put in the order `expected` lists them, the ones
 * `expected` lacks after them, at the same positions: the listing is then compared as a
 * multiset, and a missing or extra attribute still shows as a mismatch.
 */
function alignListing(
  expected: readonly KmipItem[],
  actual: readonly KmipItem[],
  parentTag: number | undefined,
): KmipItem[] {
  const slots = actual.flatMap((c, i) => (listedKey(c, parentTag) === undefined ? [] : [i]));
  if (slots.length < 2) return [...actual];
  const pool = slots.map((i) => actual[i] as KmipItem);
  const ordered: KmipItem[] = [];
  for (const e of expected) {
    const key = listedKey(e, parentTag);
    if (key === undefined) continue;
    const at = pool.findIndex((a) => listedKey(a, parentTag) === key);
    if (at !== -1) ordered.push(...pool.splice(at, 1));
  }
  ordered.push(...pool);
  const out = [...actual];
  slots.forEach((slot, n) => (out[slot] = ordered[n] as KmipItem));
  return out;
}

/**
 * The normalized name of a discretionary attribute `child` lists (as a 1.x Attribute Name or
 * Attribute, or a 2.x Attributes member), or undefined.
 */
function discretionaryAttributeOf(child: KmipItem): string | undefined {
  let name: string | undefined;
  if (child.tag === Tag.AttributeName && child.type === 'TextString') {
    name = tagEntryByAttributeName(child.value)?.name;
  } else if (child.tag === Tag.Attribute && child.type === 'Structure') {
    const spelled = attributeNameIn(child.value);
    name = spelled === undefined ? undefined : tagEntryByAttributeName(spelled)?.name;
  } else {
    name = nameOf(child.tag);
  }
  return name !== undefined && DISCRETIONARY_ATTRIBUTES.has(name) ? name : undefined;
}

function attributeNameIn(children: readonly KmipItem[]): string | undefined {
  const nameItem = children.find((c) => c.tag === Tag.AttributeName);
  return nameItem?.type === 'TextString' ? nameItem.value : undefined;
}

function nameOf(tag: number): string {
  return tagEntry(tag)?.name ?? formatTag(tag);
}

/** `Attribute[2](State)`: index among same-tag siblings, plus the attribute name if any. */
function label(child: KmipItem, n: number, siblings: readonly KmipItem[]): string {
  const many = siblings.filter((s) => s.tag === child.tag).length > 1 || n > 0;
  const base = many ? `${nameOf(child.tag)}[${n}]` : nameOf(child.tag);
  if (child.type !== 'Structure') return base;
  const name = attributeNameIn(child.value);
  return name === undefined ? base : `${base}(${name})`;
}

/** A short rendering of an item: enumerations by name, long byte strings cut. */
export function show(item: KmipItem | undefined, attributeName?: string): string {
  if (item === undefined) return '(nothing)';
  const tagName = nameOf(item.tag);
  switch (item.type) {
    case 'Structure':
      return `${tagName} {${item.value.map((c) => nameOf(c.tag)).join(', ')}}`;
    case 'Enumeration': {
      // KMIP 2.x Attribute Reference holds a tag.
      if (item.tag === Tag.AttributeReference) return `${tagName}=${nameOf(item.value)}`;
      const enumTag =
        item.tag === Tag.AttributeValue && attributeName !== undefined
          ? tagEntryByAttributeName(attributeName)?.tag
          : item.tag;
      const set = enumTag === undefined ? undefined : enumerationOfTag(enumTag);
      const entry = set === undefined ? undefined : enumValueEntry(set.name, item.value);
      return `${tagName}=${entry?.name ?? `0x${item.value.toString(16)}`}`;
    }
    case 'ByteString': {
      const hex = Buffer.from(item.value).toString('hex');
      return `${tagName}=${hex.length > 40 ? `${hex.slice(0, 40)}…(${item.value.length} bytes)` : hex}`;
    }
    case 'DateTime':
      return `${tagName}=${item.value.toISOString()}`;
    case 'TextString':
      return `${tagName}="${item.value}"`;
    default:
      return `${tagName}=${String(item.value)}`;
  }
}
