/**
 * The conformance cases: every XML test-case file of the corpus with its version, source,
 * profile, whether the profile marks it mandatory, and whether it applies to Keywarden now
 * (a case is not applicable only with a reason: a profile or operation another issue adds,
 * or a defect of the upstream file).
 */
import {
  Tag,
  tagEntryByAttributeName,
  type KmipItem,
  type KmipVersionName,
} from '../../src/kmip/index.ts';
import {
  listTestCaseFiles,
  loadTestCase,
  testCaseVersion,
  UNREADABLE_TEST_CASES,
} from '../support/kmip-testcases.ts';

/** Where a case comes from (the corpus folder). */
export type CaseSource = 'mandatory' | 'optional' | 'testcases' | 'ovh-kmip-go';

/** One test-case file. */
export interface ConformanceCase {
  /** `1.4/mandatory/SKLC-M-1-14`: the file path without `.xml`. */
  readonly id: string;
  readonly file: string;
  readonly version: KmipVersionName;
  readonly source: CaseSource;
  /** Profile (`SKLC`, `CS-BC`, `BL` …) or test-case family (`TC-DERIVEKEY`, `ovh TC`). */
  readonly profile: string;
  readonly isMandatory: boolean;
  /** The profiles issue #5 says must pass after the server core. */
  readonly isCore: boolean;
}

/** The core profiles: their mandatory cases must pass (issue #5). */
export const CORE_PROFILES: ReadonlySet<string> = new Set(['SKLC', 'AKLC', 'OMOS', 'SKFF', 'BL']);

// Operations that belong to other issues; a non-core case using one is not applicable yet.
const PLANNED_OPERATIONS: ReadonlyMap<string, string> = new Map([
  ...[
    'Encrypt',
    'Decrypt',
    'Sign',
    'SignatureVerify',
    'MAC',
    'MACVerify',
    'Hash',
    'RNGRetrieve',
    'RNGSeed',
    'DeriveKey',
    'ReKey',
    'ReKeyKeyPair',
    'Certify',
    'ReCertify',
    'CreateSplitKey',
    'JoinSplitKey',
  ].map((op): [string, string] => [op, 'issue #6 (cryptographic operations)']),
  ...['Login', 'Logout', 'DelegatedLogin'].map((op): [string, string] => [
    op,
    'issue #7 (access control and authentication)',
  ]),
]);

// Profiles that need a front door other than KMIP over TLS with TTLV.
const OTHER_TRANSPORT = /^MSGENC-(HTTPS|JSON|XML)$/;

/** The case of a corpus file (path relative to the corpus folder). */
export function describeCase(file: string): ConformanceCase {
  const [, source = '', name = ''] = file.split('/');
  const base = name.replace(/\.xml$/, '');
  const { profile, isMandatory } = profileOf(source as CaseSource, base);
  return {
    id: file.replace(/\.xml$/, ''),
    file,
    version: testCaseVersion(file),
    source: source as CaseSource,
    profile,
    isMandatory,
    isCore: isMandatory && source !== 'ovh-kmip-go' && CORE_PROFILES.has(profile),
  };
}

function profileOf(source: CaseSource, base: string): { profile: string; isMandatory: boolean } {
  if (source === 'testcases') {
    return { profile: base.replace(/-\d+-\d+$/, ''), isMandatory: false };
  }
  // ovh-kmip-go spells `CS_BC_M_1_14_…`; OASIS `CS-BC-M-1-14`.
  const dashed = source === 'ovh-kmip-go' ? base.replace(/_/g, '-') : base;
  const m = /^(.*?)-(M|O)-/.exec(dashed);
  if (m === null)
    return { profile: source === 'ovh-kmip-go' ? 'ovh TC' : base, isMandatory: false };
  const profile = (m[1] ?? '').replace(/^SUITEB-(\d+)$/, 'SUITEB_$1');
  return { profile, isMandatory: m[2] === 'M' };
}

/** Every case of the corpus, in MANIFEST order. */
export function listCases(): ConformanceCase[] {
  return listTestCaseFiles().map(describeCase);
}

// Cases written to run after another one of their profile, on the objects it left (the
// profile documents order them: SASED-M-3 "retrieve" Locates the key SASED-M-2 registered,
// TL-M-3 "tape read" the key TL-M-2 wrote). Key: the case's name up to its version suffix.
const PREREQUISITES: readonly [RegExp, string][] = [
  [/^(.*\/)SASED([-_])M\2(?:3)\2(\d+)/, '$1SASED$2M$22$2$3'],
  [/^(.*\/)TL([-_])M\2(?:3)\2(\d+)/, '$1TL$2M$22$2$3'],
  // TC-CREG-2/3 Locate the objects TC-CREG-1 registered.
  [/^(.*\/)TC-CREG-[23]-(\d+)/, '$1TC-CREG-1-$2'],
];

/**
 * The case whose requests must run first (same server, same client identity) to give this
 * one the objects it expects, or undefined.
 */
export function prerequisiteOf(
  testCase: ConformanceCase,
  all: readonly ConformanceCase[],
): ConformanceCase | undefined {
  for (const [pattern, replacement] of PREREQUISITES) {
    const matched = pattern.exec(testCase.id)?.[0];
    if (matched === undefined) continue;
    // Only the matched head: ovh/kmip-go names go on with a description (`TL_M_3_10_tape_read`).
    const prefix = matched.replace(pattern, replacement);
    return all.find((c) => c.id.startsWith(prefix) && c.id !== testCase.id);
  }
  return undefined;
}

/** Request/response pairs of a case. */
export interface CaseExchange {
  readonly request: KmipItem;
  readonly response: KmipItem;
}

/** The exchanges of a case, or the reason it cannot be replayed as written. */
export function loadExchanges(
  file: string,
): { exchanges: CaseExchange[] } | { notApplicable: string } {
  const unreadable = UNREADABLE_TEST_CASES.get(file);
  if (unreadable !== undefined)
    return { notApplicable: `upstream file defect: ${unreadable.reason}` };
  const messages = loadTestCase(file);
  const exchanges: CaseExchange[] = [];
  for (let i = 0; i < messages.length; i += 2) {
    const request = messages[i];
    const response = messages[i + 1];
    if (request?.tag !== Tag.RequestMessage || response?.tag !== Tag.ResponseMessage) {
      return {
        notApplicable: `upstream file defect: message ${i + 1} is not a request followed by its response`,
      };
    }
    exchanges.push({ request: repairNames(request), response: repairNames(response) });
  }
  return { exchanges };
}

/**
 * The 1.0–1.2 profile files (extracted from the OASIS HTML) and some ovh/kmip-go copies
 * have runs of spaces inside attribute names (`Cryptographic   Usage Mask`), an extraction
 * defect: KMIP 1.x §2.1.1 attribute names are the exact strings the specification defines. A run of spaces is
 * collapsed where that gives a name the specification defines.
 */
export function repairNames(node: KmipItem): KmipItem {
  if (node.type === 'Structure') return { ...node, value: node.value.map(repairNames) };
  if (node.tag !== Tag.AttributeName || node.type !== 'TextString' || !/\s{2}/.test(node.value)) {
    return node;
  }
  const collapsed = node.value.replace(/\s+/g, ' ');
  return tagEntryByAttributeName(collapsed) === undefined ? node : { ...node, value: collapsed };
}

/** The operations a case's requests use, in first-use order. */
export function operationsOf(exchanges: readonly CaseExchange[], names: OperationNames): string[] {
  const ops = new Set<string>();
  const visit = (node: KmipItem) => {
    if (node.tag === Tag.Operation && node.type === 'Enumeration') ops.add(names(node.value));
    if (node.type === 'Structure') node.value.forEach(visit);
  };
  exchanges.forEach((e) => visit(e.request));
  return [...ops];
}

/** Operation name of an Operation enumeration value. */
export type OperationNames = (value: number) => string;

/**
 * Why a case does not apply to Keywarden now, or undefined when it runs. Core mandatory cases
 * always run: what they need is the server core's job.
 */
export function notApplicableReason(
  testCase: ConformanceCase,
  operations: readonly string[],
  implemented: ReadonlySet<string>,
): string | undefined {
  if (OTHER_TRANSPORT.test(testCase.profile)) {
    return `${testCase.profile} profile: needs the HTTPS front door with the JSON/XML message encodings, not served yet`;
  }
  if (testCase.profile === 'PKCS11') {
    return 'PKCS#11 profile: the PKCS_11 operation hands calls to a PKCS#11 library on the server and the case expects the reference vendor’s module information byte for byte; Keywarden has no PKCS#11 module and does not claim the profile';
  }
  // KMIP 1.4 §5.1–5.2 (server-to-client operations): the server sends Notify and Put; such a case tests a client.
  const serverToClient = operations.find((op) => op === 'Put' || op === 'Notify');
  if (serverToClient !== undefined) {
    return `${serverToClient} is sent by a server to a client: the case tests a client`;
  }
  if (testCase.isCore) return undefined;
  for (const op of operations) {
    const owner = PLANNED_OPERATIONS.get(op);
    if (owner !== undefined && !implemented.has(op)) {
      return `${op} not implemented yet — ${owner}`;
    }
  }
  return undefined;
}
