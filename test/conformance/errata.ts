/**
 * What the report says about the comparison rules, and the test cases found to contradict
 * the specification (each with the clause). A case listed here still runs and is counted
 * as it comes out; the note tells the reader why a failure there is not a server defect.
 */

/** The comparison rules, one line each (the report's "How responses are compared"). */
export const PERMITTED_VARIATIONS: readonly string[] = [
  'Tags, item types, the order and number of items, enumerations, Result Status and Result Reason must match exactly.',
  'Placeholders of the profiles ("Permitted Test Case Variations"): `$UNIQUE_IDENTIFIER_n`, `$NOW±n`, `$DATA_n`, `$IV_COUNTER_NONCE`, `$CORRELATION_VALUE` … match the value the server chose; the first occurrence binds it, later occurrences must equal it, distinct placeholders must get distinct values, and later requests carry the bound value.',
  'Where a case writes a literal value the vendor’s server chose (ovh/kmip-go transcriptions: identifiers, time stamps, digests of random keys), the same rule applies to the fields a server chooses: identifiers, server dates (Time Stamp, Initial/Last Change/Activation … Date), random key material and its digest, IVs and nonces, correlation values, outputs of randomized crypto — unless the client itself sent that value earlier in the case, in which case it is exact.',
  'Dates the server stamps match any date.',
  '`$NOW±n` in a request is sent as the current time ± n seconds.',
  'Result Message is free text and ignored.',
  'Client and Server Correlation Value in a Response Header and Located Items in a Locate response are optional for the server (the Response Header table of KMIP 1.x/2.x; KMIP 1.3/1.4 §4.9 Locate): compared only when both sides have them.',
  'The Random Number Generator attribute names the server’s own generator (KMIP 1.3+ Random Number Generator attribute): it must be present where the case has it, with any value.',
  'The attribute names of a Get Attribute List response are compared in any order (no KMIP version specifies one: 1.4 §4.13, 2.1 §6.1.23); each must be there as often as the case lists it, and no other (but see the next rule).',
  'Query responses (KMIP 1.4 §4.25, 2.1 §6.1.37: the server reports its own capabilities): every Operation and Object Type the case lists must be among the server’s, in any order, and the server may list more; Vendor Identification may be any text; Server Information and Application Namespaces are the server’s own and not compared; the rest of the payload is compared as usual.',
  'Attributes a server sets at its own discretion (initially set by the server, not always present): KMIP 1.x Operation Policy Name (1.4 §3.18, the server’s default policy), Random Number Generator (1.4 §3.44), and Sensitive, Always Sensitive, Extractable, Never Extractable (1.4 §3.48–3.51, defaults a server may record) may appear in a server’s listing where the case has none; where the case lists them they must be there.',
  'Transcription defect repaired before replay: runs of spaces inside attribute names (`Cryptographic   Usage Mask` in the 1.0–1.2 profile files extracted from the OASIS HTML, and some ovh/kmip-go copies) are collapsed when that gives a name the specification defines.',
  'Isolation: each case has its own TLS client identity (owner-only default policy) and its own fresh identifiers; a case that Locates and makes publicly readable objects (Certificates, Public Keys) gets a server of its own.',
];

/** Test cases that contradict the specification: case id → the clause and what differs. */
export const ERRATA: ReadonlyMap<string, string> = new Map<string, string>([
  ...['1.4/optional/OMOS-O-1-14', '1.4/ovh-kmip-go/OMOS-O-1-14'].map((id): [string, string] => [
    id,
    'the second response carries Protocol Version 1.3 for a 1.4 request; a server answers in the version it uses for the request (KMIP 1.4 §6.1 Protocol Version), so Keywarden’s 1.4 is right.',
  ]),
  ...['2.1/mandatory/BL-M-2-21', '2.1/mandatory/BL-M-3-21'].map((id): [string, string] => [
    id,
    'the failed Check is shown without a response payload; KMIP 2.1 §6.1.4 Check says the server returns the attributes that caused the check to fail (its response table marks Usage Limits Count, Cryptographic Usage Mask and Lease Time as returned if the check on them failed), the more specific clause than the Response Batch Item table’s payload “if not a failure”. Keywarden answers the failed Check with Unique Identifier and the failing values (docs/server.md “Check”); PyKMIP 0.10 reads that payload. Everything else in these cases passes.',
  ]),
  ...[
    '1.3/mandatory/SUITEB_128-M-1-13',
    '1.3/mandatory/SUITEB_192-M-1-13',
    '1.3/ovh-kmip-go/SUITEB_128-M-1-13',
    '1.3/ovh-kmip-go/SUITEB_192-M-1-13',
    '1.4/mandatory/SUITEB_128-M-1-14',
    '1.4/mandatory/SUITEB_192-M-1-14',
    '1.4/ovh-kmip-go/SUITEB_128-M-1-14',
    '1.4/ovh-kmip-go/SUITEB_192-M-1-14',
  ].map((id): [string, string] => [
    id,
    'the case is one Query whose expected answer is the reference server’s own capability list, including Get Usage Allocation, Archive, Recover, Obtain Lease, ReCertify and the server-to-client Notify and Put; KMIP 1.4 §4.25 Query returns the operations *this* server supports, and the Suite B profiles do not require those operations. Keywarden lists what it implements; listing Notify and Put, which it never sends, would be false.',
  ]),
  ...[
    '1.4/mandatory/CS-BC-M-GCM-1-14',
    '1.4/ovh-kmip-go/CS-BC-M-GCM-1-14',
    '1.4/ovh-kmip-go/CS-BC-M-GCM-1-14_okms',
    '2.0/mandatory/CS-BC-M-GCM-1-20',
    '2.1/mandatory/CS-BC-M-GCM-1-21',
    '2.0/mandatory/CS-BC-M-CHACHA20POLY1305-1-20',
    '2.1/mandatory/CS-BC-M-CHACHA20POLY1305-1-21',
  ].map((id): [string, string] => [
    id,
    'a Tag Length of 1 or 32 bytes is expected to fail with General Failure and the reference server’s internal library message; Tag Length is a field of Cryptographic Parameters (KMIP 1.4 §3.6; the Cryptographic Parameters structure of 2.1) and an invalid field value is Invalid Field (Result Reason table), which Keywarden answers. Everything else in these cases passes.',
  ]),
  ...['1.3/mandatory/CS-AC-M-3-ECC-13', '1.3/ovh-kmip-go/CS-AC-M-3-ECC-13'].map(
    (id): [string, string] => [
      id,
      'the Signature Verify of an ECDSA signature with an EC public key names RSA-PSS Cryptographic Parameters and expects Valid; the parameters do not fit the key (KMIP 1.3 §4.31 Signature Verify uses the given Cryptographic Parameters), so Keywarden answers Invalid Field (Bad Cryptographic Parameters in 2.x). The 1.4 and later copies of the case pass.',
    ],
  ),
  [
    '1.2/ovh-kmip-go/CS_BC_M_7_12_Encrypt_with_All_Fields',
    'a codec transcription rather than an exchange: it names an object the case never creates, a Correlation Value of a stream never opened (1.3 §4.29), Correlation Value / Init and Final Indicator (1.3+) and Authenticated Encryption Additional Data (1.4+) inside a 1.2 message, and an IV for ECB.',
  ],
  ...['1.4/testcases/TC-WRAP-2-14', '1.4/testcases/TC-WRAP-3-14'].map((id): [string, string] => [
    id,
    'the server must unwrap with a key whose Cryptographic Usage Mask has Wrap Key but not Unwrap Key; KMIP 1.4 §3.19 says the mask names the functions that MAY be performed and those that SHALL NOT, and unwrapping is the Unwrap Key function. The committee’s 2.0 versions of these cases (TC-WRAP-2-20, -3-20) set both bits, and pass.',
  ]),
  ...[
    '1.4/testcases/TC-SJ-4-14',
    '1.2/ovh-kmip-go/TC_SJ_2_12_Register_and_Split_Join',
    '1.2/ovh-kmip-go/TC_SJ_4_12_Register_and_Split_Join_with_XOR',
  ].map((id): [string, string] => [
    id,
    'the Get of the fourth split key (`$UNIQUE_IDENTIFIER_4`) expects the response to name the first one (`$UNIQUE_IDENTIFIER_1`); the Get response carries the Unique Identifier of the object returned (KMIP 1.4 §4.11 Get, 1.2 §4.10), and the three Gets before it in the same case name their own objects. Keywarden answers with the object asked for; everything before that message passes.',
  ]),
  [
    '1.4/testcases/TC-PKCS12-2-14',
    'the case’s own Locate finds the certificate by X.509 Certificate Identifier with Certificate Serial Number `020900d2f5bad76a5ac8f9` (the DER INTEGER, as the other OASIS cases write serial numbers), and its later Get Attributes expects `00d2f5bad76a5ac8f9` for the same attribute of the same certificate; no server can answer both. Keywarden keeps the form the Locate matched.',
  ],
  ...[
    '1.3/testcases/TC-Q-CAP-1-13',
    '1.3/testcases/TC-Q-CAP-2-13',
    '1.4/testcases/TC-Q-CAP-1-14',
    '1.4/testcases/TC-Q-CAP-2-14',
    '1.4/testcases/TC-Q-CAP-3-14',
    '1.4/ovh-kmip-go/TC-Q-CAP-1-14',
    '1.3/testcases/TC-Q-CREG-1-13',
    '1.4/testcases/TC-Q-CREG-1-14',
    '1.3/testcases/TC-Q-PROF-1-13',
    '1.3/testcases/TC-Q-PROF-2-13',
    '1.3/testcases/TC-Q-PROF-3-13',
    '1.4/testcases/TC-Q-PROF-1-14',
    '1.4/testcases/TC-Q-PROF-2-14',
    '1.4/testcases/TC-Q-PROF-3-14',
    '1.4/ovh-kmip-go/TC-Q-PROF-1-14',
    ...[1, 2, 3, 4, 5, 6].flatMap((n) => [
      `1.3/testcases/TC-Q-RNGS-${n}-13`,
      `1.4/testcases/TC-Q-RNGS-${n}-14`,
    ]),
    '1.4/ovh-kmip-go/TC-Q-RNGS-1-14',
    '1.3/testcases/TC-Q-VAL-1-13',
    '1.4/testcases/TC-Q-VAL-1-14',
  ].map((id): [string, string] => [
    id,
    'the expected Query answer is the reference server describing itself (its capabilities, client registration methods, profiles, random number generators, FIPS validation), and the cases contradict each other (CAP-1 expects Streaming false where CAP-2/3 expect true; RNGS-1 to -6 describe six different generators). KMIP 1.4 §4.25 Query returns *this* server’s own information: Keywarden answers what is true of it (docs/server.md “Query”: streaming yes, asynchronous no, its CTR-DRBG, the profiles whose mandatory cases pass, no validation), so only the cases whose reference answer happens to match it pass.',
  ]),
]);
