/**
 * Shared helpers of the KMIP encoding and message tests: access to the test-case corpus in
 * test/fixtures/kmip/testcases/ (see README.md there: the file list from MANIFEST.tsv, the
 * TTLV hex vectors, a pre-pass that makes a test-case file decodable, the files that cannot
 * be read), and fast-check arbitraries of item trees.
 *
 * The pre-pass (`prepareTestCase`) does two things, both deterministic:
 * 1. Removes the annotations the ovh/kmip-go files put between messages: text from a `#`
 *    up to the next tag (`# TIME 2`, `# Decrypt without the IV …`), sometimes over several
 *    lines. The KMIP XML encoding has no text content, so the decoder refuses them.
 * 2. Replaces the placeholders of the profiles' "Permitted Test Case Variations" (values a
 *    server produces at run time) where their text cannot be a value of the item's type:
 *    - DateTime `$NOW`, `$NOW+n`, `$NOW-n` → PLACEHOLDER_NOW plus or minus n seconds;
 *    - ByteString `$NAME` (`$DATA_0`, `$IV_COUNTER_NONCE`, …) → the hex of the placeholder's
 *      own UTF-8 text, so distinct placeholders stay distinct.
 *    TextString placeholders (`$UNIQUE_IDENTIFIER_0`, …) are valid text and stay as they are.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Tag, tagEntries } from '../../src/kmip/generated/registry.ts';
import { item, type KmipItem } from '../../src/kmip/item.ts';
import type { KmipVersionName } from '../../src/kmip/registry-types.ts';
import { decodeKmipXmlDocument, type KmipXmlErrorCode } from '../../src/kmip/xml/index.ts';

/** The corpus folder. */
export const TESTCASES_DIR = new URL('../fixtures/kmip/testcases/', import.meta.url);

/** The instant `$NOW` stands for: 2025-01-01T00:00:00Z. */
export const PLACEHOLDER_NOW = Date.UTC(2025, 0, 1) / 1000;

/** One TTLV hex vector of test/fixtures/kmip/testcases/ttlv-hex/ that has a decoded XML form. */
export interface TtlvHexVector {
  /** `<file>#<id>`. */
  readonly name: string;
  readonly hex: string;
  readonly decodedXml: string;
}

/**
 * The XML test-case files, as paths relative to TESTCASES_DIR, in MANIFEST.tsv order; with
 * `version`, only the files of that KMIP version.
 */
export function listTestCaseFiles(version?: KmipVersionName): string[] {
  const manifest = readFileSync(new URL('MANIFEST.tsv', TESTCASES_DIR), 'utf8');
  return manifest
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[0] ?? '')
    .filter((file) => file.endsWith('.xml'))
    .filter((file) => version === undefined || testCaseVersion(file) === version);
}

/** The KMIP version of a corpus file: its first folder (README.md, "Layout"). */
export function testCaseVersion(file: string): KmipVersionName {
  return file.slice(0, file.indexOf('/')) as KmipVersionName;
}

/** The text of a corpus file. */
export function readTestCase(file: string): string {
  return readFileSync(new URL(file, TESTCASES_DIR), 'utf8');
}

// A start tag whose value attribute holds a placeholder (`value="$…"`).
const PLACEHOLDER_TAG = /<[^<>]*\bvalue\s*=\s*"\$[^"]*"[^<>]*>/g;
// Text from a `#` after an end of tag up to the next tag: ovh/kmip-go's annotations.
const ANNOTATION = />(\s*)#[^<]*/g;
const NOW = /^\$NOW(?:([+-])(\d+))?$/;

/** Makes a corpus file decodable; see the module comment. */
export function prepareTestCase(xml: string): string {
  return xml.replace(ANNOTATION, '>$1').replace(PLACEHOLDER_TAG, (tag) => {
    const type = /\btype\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    return tag.replace(/\bvalue\s*=\s*"(\$[^"]*)"/, (attribute, placeholder: string) => {
      const replacement = substitute(type, placeholder);
      return replacement === undefined ? attribute : `value="${replacement}"`;
    });
  });
}

/** The messages of a corpus file, in file order, read through `prepareTestCase`. */
export function loadTestCase(file: string): KmipItem[] {
  return decodeKmipXmlDocument(prepareTestCase(readTestCase(file)));
}

/**
 * The corpus files that cannot be read even after `prepareTestCase`, each with the reason
 * and the error the XML decoder must give. All are defects of the upstream files (kept
 * unmodified); tests check that each still fails with that code, so the list cannot go stale.
 */
export const UNREADABLE_TEST_CASES: ReadonlyMap<
  string,
  { reason: string; code: KmipXmlErrorCode }
> = new Map([
  [
    '1.0/ovh-kmip-go/SASED_M_1_10_storage_array_config.xml',
    {
      reason: 'PDF line numbers ("0018 0019 …") transcribed into the XML between messages',
      code: 'KW_KMIP_XML_MALFORMED',
    },
  ],
  [
    '1.0/ovh-kmip-go/SKLC_O_1_10-SymmetricKeysLifecycle_1.xml',
    {
      reason: 'PDF line numbers ("0037 0038 …") transcribed into the XML between messages',
      code: 'KW_KMIP_XML_MALFORMED',
    },
  ],
  [
    '1.0/ovh-kmip-go/TL_M_2_10_tape_write_new_key.xml',
    {
      reason: 'PDF line numbers ("0072 0073 …") transcribed into the XML between messages',
      code: 'KW_KMIP_XML_MALFORMED',
    },
  ],
  [
    '1.4/testcases/TC-ECDSA-SIGN-1-14.xml',
    {
      reason: 'not well-formed XML: a second </KMIP> at line 493 (README "Known defects")',
      code: 'KW_KMIP_XML_MALFORMED',
    },
  ],
]);

function substitute(type: string | undefined, placeholder: string): string | undefined {
  if (type === 'DateTime') {
    const m = NOW.exec(placeholder);
    if (m === null) return undefined;
    const offset = m[2] === undefined ? 0 : Number(m[2]) * (m[1] === '-' ? -1 : 1);
    return new Date((PLACEHOLDER_NOW + offset) * 1000).toISOString().replace('.000Z', '+00:00');
  }
  if (type === 'ByteString') return Buffer.from(placeholder, 'utf8').toString('hex');
  return undefined;
}

/** The TTLV hex vectors that carry a `decodedXml`. */
export function loadTtlvHexVectors(): TtlvHexVector[] {
  const vectors: TtlvHexVector[] = [];
  for (const file of ['nlnetlabs-kmip-usecase-vectors.json', 'pykmip-kmip-doc-vectors.json']) {
    const data = JSON.parse(readFileSync(new URL(`ttlv-hex/${file}`, TESTCASES_DIR), 'utf8')) as {
      vectors: { id: string; hex: string; decodedXml?: string }[];
    };
    for (const v of data.vectors) {
      if (v.decodedXml !== undefined) {
        vectors.push({ name: `${file}#${v.id}`, hex: v.hex, decodedXml: v.decodedXml });
      }
    }
  }
  return vectors;
}

// ---------------------------------------------------------------------------------------
// fast-check arbitraries of item trees, shared by the XML and JSON property tests. They
// lean on what the text encodings treat specially: registry tags, masks, enumerations and
// tag references, 1.x Attribute Name/Value pairs, extension tags and values.

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
// XML 1.0 §2.2 cannot carry these; XML property tests replace them.
// eslint-disable-next-line no-control-regex -- matching those control characters is the point
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Any well-formed text: every code point, surrogate pairs included. */
export const anyTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** Text XML 1.0 can carry (tabs and line ends included). */
export const xmlTextArb: fc.Arbitrary<string> = anyTextArb.map((s) =>
  s.replace(NOT_IN_XML, '\uFFFD'),
);

const knownTagArb = fc.constantFrom(...tagEntries.map((entry) => entry.tag));
const tagArb = fc.oneof(
  { weight: 6, arbitrary: knownTagArb },
  { weight: 1, arbitrary: fc.integer({ min: 0x540000, max: 0x54ffff }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x420000, max: 0x42ffff }) },
);
const int32Arb = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.integer({ min: 0, max: 0x3fff }),
);
const uint32Arb = fc.integer({ min: 0, max: 0xffff_ffff });
const enumValueArb = fc.oneof(
  fc.integer({ min: 0, max: 64 }),
  uint32Arb,
  fc.integer({ min: 0x8000_0000, max: 0xffff_ffff }),
  knownTagArb,
);
const int64Arb = fc.bigInt({ min: INT64_MIN, max: INT64_MAX });
const attributeNameArb = fc.oneof(
  fc.constantFrom(...tagEntries.map((entry) => entry.specName)),
  fc.constantFrom('x-Custom', 'y-Vendor', 'Cryptographic   Usage Mask', 'Object Type'),
);

function itemArb<T extends KmipItem['type']>(
  tags: fc.Arbitrary<number>,
  type: T,
  value: fc.Arbitrary<unknown>,
): fc.Arbitrary<KmipItem> {
  return fc.record(
    { tag: tags, type: fc.constant(type), value },
    { noNullPrototype: true },
  ) as fc.Arbitrary<KmipItem>;
}

/** Item-tree arbitraries whose Text Strings come from `text`. */
export function kmipItemArbitraries(text: fc.Arbitrary<string>): {
  primitive: fc.Arbitrary<KmipItem>;
  structure: fc.Arbitrary<KmipItem>;
} {
  const primitive = (tags: fc.Arbitrary<number>) =>
    fc.oneof(
      itemArb(tags, 'Integer', int32Arb),
      itemArb(tags, 'LongInteger', int64Arb),
      itemArb(
        tags,
        'BigInteger',
        fc.oneof(int64Arb, fc.bigInt({ min: -(2n ** 600n), max: 2n ** 600n })),
      ),
      itemArb(tags, 'Enumeration', enumValueArb),
      itemArb(tags, 'Boolean', fc.boolean()),
      itemArb(tags, 'TextString', text),
      itemArb(tags, 'ByteString', fc.uint8Array({ maxLength: 24 })),
      itemArb(
        tags,
        'DateTime',
        fc.integer({ min: -8.64e12, max: 8.64e12 }).map((s) => new Date(s * 1000)),
      ),
      itemArb(tags, 'Interval', uint32Arb),
      itemArb(tags, 'DateTimeExtended', int64Arb),
    );
  const special = fc.oneof(
    itemArb(
      fc.constantFrom(Tag.CryptographicUsageMask, Tag.StorageStatusMask, Tag.ProtectionStorageMask),
      'Integer',
      int32Arb,
    ),
    itemArb(
      fc.constantFrom(
        Tag.AttributeReference,
        Tag.Tag,
        Tag.ObjectType,
        Tag.CryptographicAlgorithm,
        Tag.ResultReason,
        Tag.UniqueIdentifier,
        Tag.State,
      ),
      'Enumeration',
      enumValueArb,
    ),
  );
  const anyPrimitive = fc.oneof(
    { weight: 4, arbitrary: primitive(tagArb) },
    { weight: 1, arbitrary: special },
  );
  const { structure } = fc.letrec<{ tree: KmipItem; structure: KmipItem }>((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, anyPrimitive, tie('structure')),
    structure: fc.oneof(
      {
        weight: 3,
        arbitrary: itemArb(tagArb, 'Structure', fc.array(tie('tree'), { maxLength: 5 })),
      },
      {
        // A KMIP 1.x Attribute: the name decides how the value's enumeration or mask prints.
        weight: 1,
        arbitrary: fc
          .tuple(
            attributeNameArb,
            fc.oneof(primitive(fc.constant(Tag.AttributeValue)), tie('structure')),
          )
          .map(([name, value]) =>
            item(Tag.Attribute, 'Structure', [
              item(Tag.AttributeName, 'TextString', name),
              { ...value, tag: Tag.AttributeValue } as KmipItem,
            ]),
          ),
      },
    ),
  }));
  return { primitive: anyPrimitive, structure };
}
