// Which attributes PyKMIP 0.10's client can parse, found by feeding each one to it: one object
// carries a sample of every attribute the server knows; for each KMIP version PyKMIP speaks,
// each attribute is fetched by name (Get Attributes) and listed alone (Get Attribute List),
// and PyKMIP decodes the server's whole response message as its client does. The attributes
// it fails on must be exactly those the `compatible` attribute listing leaves out, and the
// unnamed listings of both modes must be what docs/server.md says.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Tag } from '../../../src/kmip/generated/registry.ts';
import { item, type KmipItem } from '../../../src/kmip/item.ts';
import { message as buildMessage } from '../../support/server-harness.ts';
import { encodeRequestMessage } from '../../../src/kmip/messages/message.ts';
import type { KnownOperationName } from '../../../src/kmip/messages/payloads/index.ts';
import { existsInVersion, tagEntryByName, tagTypeInVersion } from '../../../src/kmip/registry.ts';
import type { KmipVersionName } from '../../../src/kmip/registry-types.ts';
import { encodeTtlv } from '../../../src/kmip/ttlv/index.ts';
import {
  ATTRIBUTE_RULES,
  isAttributeOfVersion,
  pykmipUnlistedAttributes,
} from '../../../src/server/objects/index.ts';
import { createServerHarness, type ServerHarness } from '../../support/server-harness.ts';
import { probePykmip, requirePykmip, runPykmipScript } from '../../support/pykmip.ts';

const probe = probePykmip();

/** The KMIP versions PyKMIP 0.10 speaks. */
const PYKMIP_VERSIONS: readonly KmipVersionName[] = ['1.0', '1.1', '1.2', '1.3', '1.4', '2.0'];
const WHEN = new Date('2030-01-02T03:04:05Z');

/** A valid value of each structured attribute; scalars come from the registry's item type. */
const STRUCTURED: Readonly<Record<string, unknown>> = {
  // The access policy reads it: the owner may do everything.
  OperationPolicyName: 'default',
  Name: { value: 'sample', type: 1 },
  Link: { linkType: 0x103, linkedObjectIdentifier: 'other-object' },
  CryptographicParameters: { blockCipherMode: 1, hashingAlgorithm: 4 },
  CryptographicDomainParameters: { qlength: 256, recommendedCurve: 3 },
  Digest: { hashingAlgorithm: 4, digestValue: new Uint8Array(32), keyFormatType: 1 },
  ApplicationSpecificInformation: { applicationNamespace: 'ssl', applicationData: 'x' },
  RevocationReason: { code: 1, message: 'sample' },
  UsageLimits: { total: 10n, count: 5n, unit: 2 },
  AlternativeName: { value: 'alt', type: 1 },
  KeyValueLocation: { value: 'vault', type: 1 },
  X_509CertificateIdentifier: {
    issuerDistinguishedName: new Uint8Array([0x30, 0]),
    certificateSerialNumber: new Uint8Array([2, 1, 1]),
  },
  X_509CertificateSubject: raw('X_509CertificateSubject', 'SubjectDistinguishedName', 'bytes'),
  X_509CertificateIssuer: raw('X_509CertificateIssuer', 'IssuerDistinguishedName', 'bytes'),
  CertificateIdentifier: item(Tag.CertificateIdentifier, 'Structure', [
    item(Tag.Issuer, 'TextString', 'CN=CA'),
    item(Tag.SerialNumber, 'TextString', '01'),
  ]),
  CertificateSubject: raw('CertificateSubject', 'CertificateSubjectDistinguishedName', 'text'),
  CertificateIssuer: raw('CertificateIssuer', 'CertificateIssuerDistinguishedName', 'text'),
  RandomNumberGenerator: { rngAlgorithm: 1 },
};

function raw(outer: string, inner: string, kind: 'bytes' | 'text'): KmipItem {
  const tag = (name: string) => tagEntryByName(name)?.tag ?? 0;
  const value =
    kind === 'text'
      ? item(tag(inner), 'TextString', 'CN=sample')
      : item(tag(inner), 'ByteString', new Uint8Array([0x30, 0]));
  return item(tag(outer), 'Structure', [value]);
}

function sampleValue(name: string): unknown {
  if (name in STRUCTURED) return STRUCTURED[name];
  const entry = tagEntryByName(name);
  const type = entry === undefined ? null : tagTypeInVersion(entry, '2.1');
  switch (type) {
    case 'Enumeration':
    case 'Integer':
      return 1;
    case 'LongInteger':
      return 1n;
    case 'Interval':
      return 3600;
    case 'DateTime':
      return WHEN;
    case 'Boolean':
      return true;
    case 'TextString':
      return 'sample';
    case 'ByteString':
      return new Uint8Array([1, 2, 3]);
    default:
      return undefined;
  }
}

/** Attributes with a sample, besides those the store keeps in columns. */
const SAMPLED = ATTRIBUTE_RULES.filter((r) => !r.isColumn && sampleValue(r.name) !== undefined);

function definedIn(name: string, version: KmipVersionName): boolean {
  const entry = tagEntryByName(name);
  // Key Format Type is a tag since 1.0 but an attribute only since 2.0.
  return (
    entry !== undefined && existsInVersion(entry, version) && isAttributeOfVersion(name, version)
  );
}

interface Decoded {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly items?: readonly { resultStatus: number | null }[];
}

describe('attribute listings and the PyKMIP 0.10 client', () => {
  const harnesses: Partial<Record<'compatible' | 'complete', ServerHarness>> = {};
  let id: string;

  before(async () => {
    for (const listing of ['compatible', 'complete'] as const) {
      const harness = await createServerHarness({ attributeListing: listing });
      harnesses[listing] = harness;
      id = 'sampled-object';
      await harness.store.create({
        id,
        objectType: 'SymmetricKey',
        state: 'Active',
        owner: 'alice',
        material: null,
        attributes: SAMPLED.map((r) => ({ name: r.name, index: 0, value: sampleValue(r.name) })),
      });
      // One object per attribute, for Get Attribute List (which lists every attribute there is).
      for (const { name } of SAMPLED) {
        await harness.store.create({
          id: `only-${name}`,
          objectType: 'SymmetricKey',
          state: 'Active',
          owner: 'alice',
          material: null,
          attributes: [
            { name: 'OperationPolicyName', index: 0, value: 'default' },
            ...(name === 'OperationPolicyName'
              ? []
              : [{ name, index: 0, value: sampleValue(name) }]),
          ],
        });
      }
    }
  });
  after(async () => {
    for (const harness of Object.values(harnesses)) await harness.close();
  });

  function harness(listing: 'compatible' | 'complete'): ServerHarness {
    const found = harnesses[listing];
    assert.ok(found !== undefined);
    return found;
  }

  async function responseHex(
    listing: 'compatible' | 'complete',
    version: KmipVersionName,
    operation: KnownOperationName,
    payload: object,
  ): Promise<string> {
    const request = buildMessage(version, [{ operation, payload } as never]);
    const bytes = await harness(listing).sendBytes(encodeTtlv(encodeRequestMessage(request)));
    return Buffer.from(bytes).toString('hex');
  }

  async function decode(
    cases: readonly { name: string; hex: string }[],
  ): Promise<Map<string, Decoded>> {
    const out = (await runPykmipScript(
      'decode_messages.py',
      cases.map((c) => ({ ...c, kind: 'response' })),
    )) as Decoded[];
    return new Map(out.map((d) => [d.name, d]));
  }

  const parsed = (d: Decoded | undefined) => d?.ok === true && d.items?.[0]?.resultStatus === 0;

  it('PyKMIP fails on exactly the attributes the compatible listing leaves out, per version', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const cases: { name: string; hex: string }[] = [];
    for (const version of PYKMIP_VERSIONS) {
      for (const { name } of SAMPLED.filter((r) => definedIn(r.name, version))) {
        const ask = { uniqueIdentifier: id, attributeNames: [name] };
        cases.push({
          name: `${version} GetAttributes ${name}`,
          hex: await responseHex('complete', version, 'GetAttributes', ask),
        });
        cases.push({
          name: `${version} GetAttributeList ${name}`,
          hex: await responseHex('complete', version, 'GetAttributeList', {
            uniqueIdentifier: `only-${name}`,
          }),
        });
      }
    }
    const decoded = await decode(cases);
    for (const version of PYKMIP_VERSIONS) {
      for (const operation of ['GetAttributes', 'GetAttributeList'] as const) {
        const failing = SAMPLED.filter((r) => definedIn(r.name, version))
          .map((r) => r.name)
          .filter((name) => !parsed(decoded.get(`${version} ${operation} ${name}`)))
          .sort();
        const expected = [...pykmipUnlistedAttributes(version, operation)].sort();
        assert.deepEqual(failing, expected, `${operation}, KMIP ${version}`);
      }
    }
  });

  it('compatible listings parse in PyKMIP in every version; complete ones carry every attribute', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const cases: { name: string; hex: string }[] = [];
    for (const version of PYKMIP_VERSIONS) {
      for (const listing of ['compatible', 'complete'] as const) {
        for (const operation of ['GetAttributes', 'GetAttributeList'] as const) {
          cases.push({
            name: `${version} ${listing} ${operation}`,
            hex: await responseHex(listing, version, operation, { uniqueIdentifier: id }),
          });
        }
      }
    }
    const decoded = await decode(cases);
    for (const version of PYKMIP_VERSIONS) {
      for (const operation of ['GetAttributes', 'GetAttributeList']) {
        const entry = decoded.get(`${version} compatible ${operation}`);
        assert.ok(parsed(entry), `${version} ${operation}: ${JSON.stringify(entry)}`);
      }
      // Complete listings break PyKMIP wherever the version defines an attribute it cannot parse.
      if (pykmipUnlistedAttributes(version).length > 0) {
        assert.ok(!parsed(decoded.get(`${version} complete GetAttributes`)), version);
      }
    }
  });

  it('Get Attributes lists every attribute the version defines in complete mode, all but the unparsable in compatible mode, and by name always', async () => {
    for (const version of [...PYKMIP_VERSIONS, '2.1'] as const) {
      const expected = SAMPLED.filter((r) => definedIn(r.name, version)).map((r) => r.name);
      const hidden = new Set(pykmipUnlistedAttributes(version));
      for (const listing of ['compatible', 'complete'] as const) {
        const item = await harness(listing).sendOne(version, {
          operation: 'GetAttributes',
          payload: { uniqueIdentifier: id },
        });
        assert.ok(item.kind === 'typed');
        const names = new Set(
          (item.payload as { attributes: { name: string }[] }).attributes.map((a) => a.name),
        );
        const want = listing === 'complete' ? expected : expected.filter((n) => !hidden.has(n));
        for (const name of want) assert.ok(names.has(name), `${listing} ${version} lists ${name}`);
        for (const name of hidden) {
          if (listing === 'compatible') assert.ok(!names.has(name), `${version} hides ${name}`);
        }
        const list = await harness(listing).sendOne(version, {
          operation: 'GetAttributeList',
          payload: { uniqueIdentifier: id },
        });
        assert.ok(list.kind === 'typed');
        // Get Attribute List names every attribute in either mode: PyKMIP parses any name.
        const listed = new Set((list.payload as { attributeNames: string[] }).attributeNames);
        for (const name of expected) assert.ok(listed.has(name), `${listing} ${version}: ${name}`);
      }
      // Asked for by name, a hidden attribute is returned in either mode.
      for (const name of hidden) {
        const item = await harness('compatible').sendOne(version, {
          operation: 'GetAttributes',
          payload: { uniqueIdentifier: id, attributeNames: [name] },
        });
        assert.ok(item.kind === 'typed');
        const got = (item.payload as { attributes: { name: string }[] }).attributes;
        assert.deepEqual(
          got.map((a) => a.name),
          [name],
          `${version} returns ${name} by name`,
        );
      }
    }
  });
});
