/**
 * CIM-XML throughput of src/wbem (issue #10): parsing an EnumerateInstances response of
 * 10,000 instances with 20 properties each (and of 1,000, to see the per-message cost), and
 * generating the same response and one request. Instances/s = ops/s × instances per message;
 * MB/s counts the UTF-8 bytes of the message.
 */
import {
  CimDateTime,
  CimInstance,
  CimInstanceName,
  Real64,
  Sint64,
  Uint16,
  Uint32,
  cimMessage,
  imethodCall,
  imethodResponse,
  iparamValue,
  parseCimXmlResponse,
} from '../../src/wbem/index.ts';
import type { BenchCase } from '../lib/types.ts';

/** An instance with 20 properties of mixed types, as a typical CIM_ComputerSystem-ish row. */
function instance(i: number): CimInstance {
  const properties: [string, unknown][] = [
    ['Name', `host-${i}.example.com`],
    ['CreationClassName', 'Bench_ComputerSystem'],
    ['Caption', `Computer system number ${i}`],
    ['Description', 'A computer system used to measure the CIM-XML codec of Keywarden'],
    ['ElementName', `cs${i}`],
    ['InstanceID', `Bench:CS:${i}`],
    ['EnabledState', new Uint16(2)],
    ['RequestedState', new Uint16(12)],
    ['HealthState', new Uint16(5)],
    ['OperationalStatus', [new Uint16(2), new Uint16(32768)]],
    ['Dedicated', [new Uint16(0)]],
    ['PrimaryOwnerName', 'Ops <team> & friends'],
    ['PrimaryOwnerContact', 'ops@example.com'],
    ['NumberOfProcessors', new Uint32(64)],
    ['TotalMemory', new Sint64(274877906944n)],
    ['LoadAverage', new Real64(1.25 + i / 1000)],
    ['InstallDate', new CimDateTime('20240102030405.000000+000')],
    ['Roles', ['web', 'db', 'cache']],
    ['IsVirtual', i % 2 === 0],
    ['Status', 'OK'],
  ];
  return new CimInstance('Bench_ComputerSystem', {
    properties,
    path: new CimInstanceName('Bench_ComputerSystem', {
      keybindings: { CreationClassName: 'Bench_ComputerSystem', Name: `host-${i}.example.com` },
    }),
  });
}

function responseXml(instances: readonly CimInstance[]): string {
  return cimMessage(
    imethodResponse('EnumerateInstances', { returnValue: instances.map((i) => i.toCimXml()) }),
    { messageId: '1001' },
  ).toXml();
}

const small = Array.from({ length: 1000 }, (_, i) => instance(i));
const large = Array.from({ length: 10_000 }, (_, i) => instance(i));
const smallXml = responseXml(small);
const largeXml = responseXml(large);
const first = large[0] as CimInstance;

function parseCount(xml: string): number {
  const { body } = parseCimXmlResponse(xml);
  return body.kind === 'IMETHODRESPONSE' ? (body.returnValue?.items.length ?? 0) : 0;
}

if (parseCount(largeXml) !== large.length) {
  console.warn('WARNING (wbem-cimxml): the large response does not parse back into 10,000 items');
}

/** The CIM-XML cases. */
export const cases: readonly BenchCase[] = [
  {
    name: 'parse/enumerate-instances-10000x20',
    fn: () => parseCount(largeXml),
    bytesPerOp: Buffer.byteLength(largeXml, 'utf8'),
  },
  {
    name: 'parse/enumerate-instances-1000x20',
    fn: () => parseCount(smallXml),
    bytesPerOp: Buffer.byteLength(smallXml, 'utf8'),
  },
  {
    name: 'generate/enumerate-instances-1000x20',
    fn: () => responseXml(small),
    bytesPerOp: Buffer.byteLength(smallXml, 'utf8'),
  },
  {
    name: 'generate/modify-instance-request',
    fn: () =>
      cimMessage(
        imethodCall('ModifyInstance', 'root/cimv2', [
          iparamValue('ModifiedInstance', first.toCimXml()),
        ]),
        { messageId: '1001' },
      ).toXml(),
  },
];
