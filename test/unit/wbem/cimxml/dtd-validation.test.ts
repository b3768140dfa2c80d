/**
 * The CIM-XML we generate is valid against the DMTF DTD (DSP0203 2.4.0), checked with
 * `xmllint --dtdvalid` (Debian libxml2-utils, installed by scripts/ensure-test-peers.ts).
 * Under CI a missing xmllint fails; elsewhere these tests skip with the reason.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  Char16,
  CimClass,
  CimDateTime,
  CimInstance,
  CimInstanceName,
  CimMethod,
  CimParameter,
  CimProperty,
  CimQualifier,
  CimQualifierDeclaration,
  Real32,
  Real64,
  Sint64,
  Uint16,
  Uint32,
  Uint8,
  cimMessage,
  cimXmlDocument,
  errorElement,
  expMethodCall,
  imethodCall,
  imethodResponse,
  iparamReference,
  iparamValue,
  methodCall,
  methodResponse,
  returnValue,
  xmlElement,
  type XmlElement,
} from '../../../../src/wbem/index.ts';
import { instanceArb } from '../support/arbitraries.ts';

const DTD = join(import.meta.dirname, '../../../fixtures/wbem/dtd/DSP0203_2.4.0.dtd');
const hasXmllint = spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
const skip = hasXmllint || process.env['CI'] === 'true' ? false : 'xmllint not installed';

/** xmllint's complaints about a document, or '' when it is valid. */
function dtdErrors(body: XmlElement): string {
  const doc = cimXmlDocument(cimMessage(body, { messageId: '1001' }));
  const run = spawnSync('xmllint', ['--noout', '--dtdvalid', DTD, '-'], {
    input: doc,
    encoding: 'utf8',
  });
  return run.status === 0 ? '' : `${run.stderr}\n${doc}`;
}

const dt = new CimDateTime('20160318201500.123456-060');
const target = new CimInstanceName('PyWBEM_Person', {
  keybindings: [
    ['Name', 'Fritz & <Co>'],
    ['Initial', new Char16('F')],
    ['Active', true],
    ['Born', dt],
    ['Id', new Uint32(42)],
    ['Weight', new Real64(80.5)],
    [
      'Friend',
      new CimInstanceName('PyWBEM_Person', {
        keybindings: { Name: 'Sofi' },
        namespace: 'root/cimv2',
      }),
    ],
  ],
  namespace: 'root/cimv2',
});

function allTypesInstance(): CimInstance {
  return new CimInstance('PyWBEM_AllTypes', {
    qualifiers: [
      new CimQualifier('Description', 'all types', { propagated: false, tosubclass: true }),
    ],
    properties: [
      ['S', 'text'],
      ['B', false],
      ['C', new CimProperty('C', 'x', { type: 'char16' })],
      ['U8', new Uint8(8)],
      ['S64', new Sint64(-64n)],
      ['R32', new Real32(-32.1)],
      ['R64', new Real64(Number.NaN)],
      ['D', dt],
      ['I', CimDateTime.interval({ days: 3 })],
      ['A', [new Uint16(1), null, new Uint16(3)]],
      ['Null', new CimProperty('Null', null, { type: 'string' })],
      ['NullArray', new CimProperty('NullArray', null, { type: 'uint32', isArray: true })],
      [
        'Ref',
        new CimProperty('Ref', target, { referenceClass: 'PyWBEM_Person', propagated: true }),
      ],
      ['Emb', new CimInstance('PyWBEM_Embedded', { properties: { Id: '1' } })],
      ['EmbArr', new CimProperty('EmbArr', [new CimClass('X')], { embeddedObject: 'object' })],
    ],
  });
}

function richClass(): CimClass {
  const q = [new CimQualifier('Description', 'd'), new CimQualifier('Values', ['a', 'b'])];
  return new CimClass('PyWBEM_Class', {
    superclass: 'CIM_Base',
    qualifiers: q,
    properties: [
      new CimProperty('Key', null, { type: 'string', qualifiers: [new CimQualifier('Key', true)] }),
      new CimProperty('Arr', [new Uint8(1)], { arraySize: 4, classOrigin: 'PyWBEM_Class' }),
      new CimProperty('Ref', null, { type: 'reference', referenceClass: 'CIM_Foo' }),
    ],
    methods: [
      new CimMethod('Do', 'uint32', {
        qualifiers: q,
        propagated: false,
        parameters: [
          new CimParameter('P', 'string', { qualifiers: [new CimQualifier('In', true)] }),
          new CimParameter('PA', 'sint32', { isArray: true, arraySize: 2 }),
          new CimParameter('PR', 'reference', { referenceClass: 'CIM_Foo' }),
          new CimParameter('PRA', 'reference', { isArray: true }),
        ],
      }),
    ],
  });
}

describe('generated CIM-XML is valid against DSP0203 2.4.0', { skip }, () => {
  const documents: [string, () => XmlElement][] = [
    [
      'GetInstance with every kind of keybinding',
      () =>
        imethodCall('GetInstance', 'root/cimv2', [
          iparamValue('InstanceName', target),
          iparamValue('LocalOnly', false),
          iparamValue('PropertyList', ['Name', 'Id']),
        ]),
    ],
    [
      'CreateInstance of an instance with all types, NULLs and embedded objects',
      () =>
        imethodCall('CreateInstance', 'root/cimv2', [
          iparamValue('NewInstance', allTypesInstance()),
        ]),
    ],
    [
      'ModifyInstance with VALUE.NAMEDINSTANCE',
      () => {
        const inst = allTypesInstance();
        inst.path = new CimInstanceName('PyWBEM_AllTypes', { keybindings: { S: 'text' } });
        return imethodCall('ModifyInstance', 'root/cimv2', [
          xmlElement('IPARAMVALUE', { NAME: 'ModifiedInstance' }, [inst.toCimXml()]),
        ]);
      },
    ],
    [
      'CreateClass with qualifiers, properties and every parameter kind',
      () => imethodCall('CreateClass', 'root/cimv2', [iparamValue('NewClass', richClass())]),
    ],
    [
      'SetQualifier with scopes and flavors',
      () =>
        imethodCall('SetQualifier', 'root/cimv2', [
          iparamValue(
            'QualifierDeclaration',
            new CimQualifierDeclaration('Values', 'string', {
              isArray: true,
              value: ['a'],
              scopes: { PROPERTY: true, METHOD: false },
              overridable: true,
              tosubclass: false,
              translatable: true,
            }),
          ),
        ]),
    ],
    [
      'Associators with a reference parameter',
      () => imethodCall('Associators', 'root/cimv2', [iparamReference('ObjectName', target)]),
    ],
    [
      'InvokeMethod with scalar, array, reference and embedded parameters',
      () =>
        methodCall('Do', target, [
          new CimParameter('S', 'string', { value: 'x' }).toCimXml({ asValue: true }),
          new CimParameter('A', 'uint8', { value: [1, null] }).toCimXml({ asValue: true }),
          new CimParameter('R', 'reference', { value: target }).toCimXml({ asValue: true }),
          new CimParameter('RA', 'reference', { value: [target, null] }).toCimXml({
            asValue: true,
          }),
          new CimParameter('E', 'string', { value: new CimInstance('E') }).toCimXml({
            asValue: true,
          }),
          new CimParameter('N', 'datetime').toCimXml({ asValue: true }),
        ]),
    ],
    [
      'ExportIndication',
      () =>
        expMethodCall('ExportIndication', [
          {
            name: 'NewIndication',
            instance: new CimInstance('CIM_Alert', { properties: { Msg: 'hi' } }),
          },
        ]),
    ],
    [
      'an IMETHODRESPONSE with instances with full paths and pull parameters',
      () => {
        const inst = allTypesInstance();
        inst.path = new CimInstanceName('PyWBEM_AllTypes', {
          keybindings: { S: 't' },
          namespace: 'root/cimv2',
          host: 'acme.com',
        });
        return imethodResponse('OpenEnumerateInstances', {
          returnValue: [xmlElement('VALUE.INSTANCEWITHPATH', {}, inst.toCimXml().children)],
          params: [
            xmlElement('PARAMVALUE', { NAME: 'EndOfSequence', PARAMTYPE: 'boolean' }, [
              xmlElement('VALUE', {}, ['FALSE']),
            ]),
            xmlElement('PARAMVALUE', { NAME: 'EnumerationContext', PARAMTYPE: 'string' }, [
              xmlElement('VALUE', {}, ['ctx']),
            ]),
          ],
        });
      },
    ],
    [
      'an ERROR with a CIM_Error instance',
      () =>
        imethodResponse('GetInstance', {
          error: errorElement(6, 'not found', [new CimInstance('CIM_Error')]),
        }),
    ],
    [
      'a METHODRESPONSE',
      () =>
        methodResponse('Do', {
          returnValue: returnValue(new Uint32(0), 'uint32'),
          params: [new CimParameter('Out', 'string', { value: 'o' }).toCimXml({ asValue: true })],
        }),
    ],
  ];

  for (const [what, build] of documents) {
    it(`${what} is valid`, () => {
      assert.equal(dtdErrors(build()), '');
    });
  }

  /** Untyped numeric keys (plain numbers) have no TYPE, which DTD 2.4 requires (as pywbem). */
  const untyped = (v: unknown): boolean =>
    typeof v === 'number' ||
    typeof v === 'bigint' ||
    (v instanceof CimInstanceName && [...v.keybindings.values()].some(untyped)) ||
    (v instanceof CimInstance && [...v.properties.values()].some((p) => untyped(p.value))) ||
    (Array.isArray(v) && v.some(untyped));

  it('a plain-number key is written without TYPE, as pywbem does', () => {
    const path = new CimInstanceName('C', { keybindings: { N: 1 } });
    assert.match(
      dtdErrors(imethodCall('GetInstance', 'root', [iparamValue('InstanceName', path)])),
      /KEYVALUE does not carry attribute TYPE/,
    );
  });

  it('random instances (typed keys) in a CreateInstance request are valid', () => {
    fc.assert(
      fc.property(instanceArb(1), (inst) => {
        fc.pre(!untyped(inst));
        assert.equal(
          dtdErrors(
            imethodCall('CreateInstance', 'root/cimv2', [iparamValue('NewInstance', inst)]),
          ),
          '',
        );
      }),
      { numRuns: 40 },
    );
  });

  it('xmllint does catch invalid CIM-XML (the check is real)', () => {
    assert.notEqual(dtdErrors(xmlElement('SIMPLEREQ', {}, [xmlElement('BOGUS')])), '');
  });
});
