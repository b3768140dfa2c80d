import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  KMIP_ENCODINGS,
  convertKmipMessage,
  type KmipEncoding,
} from '../../../../src/cli/commands/kmip-convert.ts';
import { runCli } from '../../../../src/cli/run-cli.ts';
import { decodeKmipJson, encodeKmipJson } from '../../../../src/kmip/json/index.ts';
import { bytesToHex, decodeTtlv, encodeTtlv, hexToBytes } from '../../../../src/kmip/ttlv/index.ts';
import { decodeKmipXml, encodeKmipXml } from '../../../../src/kmip/xml/index.ts';
import { fakeIo } from '../fake-io.ts';

// A Register request touching most item types: Structure, Integer, Enumeration, TextString,
// ByteString, DateTime, Boolean, Interval, LongInteger (as an extension tag).
const SAMPLE_XML = `<RequestMessage>
  <RequestHeader>
    <ProtocolVersion>
      <ProtocolVersionMajor type="Integer" value="1"/>
      <ProtocolVersionMinor type="Integer" value="4"/>
    </ProtocolVersion>
    <AsynchronousIndicator type="Boolean" value="false"/>
    <TimeStamp type="DateTime" value="2024-01-02T03:04:05+00:00"/>
    <BatchCount type="Integer" value="1"/>
  </RequestHeader>
  <BatchItem>
    <Operation type="Enumeration" value="Register"/>
    <RequestPayload>
      <ObjectType type="Enumeration" value="SecretData"/>
      <TemplateAttribute>
        <Attribute>
          <AttributeName type="TextString" value="Name"/>
          <AttributeValue>
            <NameValue type="TextString" value="convert-sample"/>
            <NameType type="Enumeration" value="UninterpretedTextString"/>
          </AttributeValue>
        </Attribute>
        <Attribute>
          <AttributeName type="TextString" value="Lease Time"/>
          <AttributeValue type="Interval" value="3600"/>
        </Attribute>
      </TemplateAttribute>
      <SecretData>
        <SecretDataType type="Enumeration" value="Password"/>
        <KeyBlock>
          <KeyFormatType type="Enumeration" value="Opaque"/>
          <KeyValue>
            <KeyMaterial type="ByteString" value="70617373776f7264"/>
          </KeyValue>
        </KeyBlock>
      </SecretData>
      <TTLV tag="0x540001" type="LongInteger" value="123456789000"/>
    </RequestPayload>
  </BatchItem>
</RequestMessage>`;

const reference = decodeKmipXml(SAMPLE_XML);
const canonical = encodeTtlv(reference);
const utf8 = new TextEncoder();
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The sample in `encoding`, as the command reads it (TTLV as hex text). */
function sampleIn(encoding: KmipEncoding): Uint8Array {
  switch (encoding) {
    case 'ttlv':
      return utf8.encode(bytesToHex(canonical));
    case 'xml':
      return utf8.encode(encodeKmipXml(reference, { indent: true }));
    case 'json':
      return utf8.encode(encodeKmipJson(reference, { indent: true }));
  }
}

/** Decodes a conversion's output and re-encodes it as canonical TTLV. */
function backToTtlv(output: Uint8Array, encoding: KmipEncoding): Uint8Array {
  switch (encoding) {
    case 'ttlv':
      return encodeTtlv(decodeTtlv(hexToBytes(text(output).trim())));
    case 'xml':
      return encodeTtlv(decodeKmipXml(text(output)));
    case 'json':
      return encodeTtlv(decodeKmipJson(text(output)));
  }
}

describe('convertKmipMessage', () => {
  for (const from of KMIP_ENCODINGS) {
    for (const to of KMIP_ENCODINGS) {
      it(`converts the sample from ${from} to ${to} without loss`, () => {
        const output = convertKmipMessage(sampleIn(from), { from, to });
        assert.deepEqual(backToTtlv(output, to), canonical);
        assert.ok(text(output).endsWith('\n'), 'text output ends with a newline');
      });
    }
  }

  it('reads and writes raw TTLV bytes with binary', () => {
    const xml = convertKmipMessage(canonical, { from: 'ttlv', to: 'xml', binary: true });
    assert.deepEqual(encodeTtlv(decodeKmipXml(text(xml))), canonical);
    const bytes = convertKmipMessage(sampleIn('json'), { from: 'json', to: 'ttlv', binary: true });
    assert.deepEqual(bytes, canonical);
  });

  it('accepts hex in either case with spaces and line breaks between bytes', () => {
    const spaced = bytesToHex(canonical)
      .toLowerCase()
      .replace(/(..)/g, '$1 ')
      .replace(/(.{48})/g, '$1\n');
    const output = convertKmipMessage(utf8.encode(spaced), { from: 'ttlv', to: 'ttlv' });
    assert.equal(text(output), `${bytesToHex(canonical)}\n`);
  });

  it('writes XML and JSON on one line without indent', () => {
    for (const to of ['xml', 'json'] as const) {
      const output = text(
        convertKmipMessage(sampleIn('ttlv'), { from: 'ttlv', to, indent: false }),
      );
      assert.equal(output.split('\n').length, 2, to);
    }
  });

  it('throws the codec error for bad input', () => {
    const cases: [KmipEncoding, string, string][] = [
      ['ttlv', '420078', 'KW_TTLV_TRUNCATED'],
      ['ttlv', '42007G', 'KW_TTLV_BAD_HEX'],
      ['xml', '<RequestMessage>', 'KW_KMIP_XML_MALFORMED'],
      ['json', '{"tag": ', 'KW_KMIP_JSON_MALFORMED'],
    ];
    for (const [from, input, code] of cases) {
      assert.throws(
        () => convertKmipMessage(utf8.encode(input), { from, to: 'json' }),
        { code },
        from,
      );
    }
  });

  it('refuses text input that is not UTF-8 with KW_CLI_INPUT', () => {
    assert.throws(
      () => convertKmipMessage(new Uint8Array([0x3c, 0xff, 0xfe]), { from: 'xml', to: 'json' }),
      { code: 'KW_CLI_INPUT' },
    );
  });
});

describe('keywarden kmip convert', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-convert-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('converts standard input to standard output', async () => {
    const io = fakeIo({ stdin: SAMPLE_XML });
    assert.equal(await runCli(['kmip', 'convert', '--from', 'xml', '--to', 'ttlv'], io), 0);
    assert.equal(io.stdoutText(), `${bytesToHex(canonical)}\n`);
    assert.equal(io.stderrText(), '');
  });

  it('reads a file argument and writes raw bytes with --binary', async () => {
    const file = join(dir, 'sample.json');
    await writeFile(file, sampleIn('json'));
    const io = fakeIo();
    const code = await runCli(
      ['kmip', 'convert', '--from', 'json', '--to', 'ttlv', '--binary', file],
      io,
    );
    assert.equal(code, 0);
    assert.deepEqual(io.stdoutBytes(), canonical);
  });

  it('exits 2 with one line naming the codec error code for bad input', async () => {
    const io = fakeIo({ stdin: '<RequestMessage>' });
    assert.equal(await runCli(['kmip', 'convert', '--from', 'xml', '--to', 'json'], io), 2);
    assert.match(io.stderrText(), /^keywarden: KW_KMIP_XML_MALFORMED: [^\n]+\n$/);
    assert.equal(io.stdoutText(), '');
  });

  it('exits 2 for a missing input file (KW_CLI_INPUT)', async () => {
    const io = fakeIo();
    const code = await runCli(
      ['kmip', 'convert', '--from', 'xml', '--to', 'json', join(dir, 'none.xml')],
      io,
    );
    assert.equal(code, 2);
    assert.match(
      io.stderrText(),
      /^keywarden: KW_CLI_INPUT: .*none\.xml: cannot be read \(ENOENT\)\n$/,
    );
  });

  it('exits 2 for an unknown encoding, a missing --to, or --binary without TTLV', async () => {
    const argvs = [
      ['kmip', 'convert', '--from', 'yaml', '--to', 'json'],
      ['kmip', 'convert', '--from', 'xml'],
      ['kmip', 'convert', '--from', 'xml', '--to', 'json', '--binary'],
    ];
    for (const argv of argvs) {
      const io = fakeIo({ stdin: SAMPLE_XML });
      assert.equal(await runCli(argv, io), 2, argv.join(' '));
      assert.match(io.stderrText(), /^keywarden: /, argv.join(' '));
    }
  });
});
