// The conformance harness's matcher: placeholders and server-chosen values, identifier
// substitution into later requests, mismatch paths; and the helpers around it (name repair,
// listing differences, failure causes). If these break, the conformance report lies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  item,
  Operation,
  ResultReason,
  ResultStatus,
  Tag,
  type KmipItem,
} from '../../../src/kmip/index.ts';
import { repairNames } from '../../conformance/case-catalog.ts';
import { CaseState, type LeafItem } from '../../conformance/case-state.ts';
import { classifyFailure } from '../../conformance/classify-failure.ts';
import { diffListings } from '../../conformance/listing-diff.ts';
import { matchMessage, substituteRequest } from '../../conformance/matcher.ts';
import { PLACEHOLDER_NOW } from '../../support/kmip-testcases.ts';

const S = (tag: number, ...children: KmipItem[]) => item(tag, 'Structure', children);
const text = (tag: number, value: string) => item(tag, 'TextString', value);
const en = (tag: number, value: number) => item(tag, 'Enumeration', value);
const when = (seconds: number) => item(Tag.TimeStamp, 'DateTime', new Date(seconds * 1000));
const attribute = (name: string, value: KmipItem) =>
  S(Tag.Attribute, text(Tag.AttributeName, name), {
    ...value,
    tag: Tag.AttributeValue,
  } as KmipItem);

/** A one-item response with `payload`, stamped `stamp` (seconds). */
function response(payload: KmipItem[], stamp = PLACEHOLDER_NOW, status: KmipItem[] = []): KmipItem {
  return S(
    Tag.ResponseMessage,
    S(Tag.ResponseHeader, when(stamp), item(Tag.BatchCount, 'Integer', 1)),
    S(
      Tag.BatchItem,
      en(Tag.Operation, Operation.GetAttributes),
      ...(status.length > 0 ? status : [en(Tag.ResultStatus, ResultStatus.Success)]),
      S(Tag.ResponsePayload, ...payload),
    ),
  );
}

function request(payload: KmipItem[]): KmipItem {
  return S(
    Tag.RequestMessage,
    S(Tag.RequestHeader, item(Tag.BatchCount, 'Integer', 1)),
    S(Tag.BatchItem, en(Tag.Operation, Operation.Get), S(Tag.RequestPayload, ...payload)),
  );
}

const uid = (value: string) => text(Tag.UniqueIdentifier, value);

describe('matchMessage', () => {
  it('accepts an identical message and any time stamp for $NOW', () => {
    const expected = response([uid('fixed-by-client')]);
    const state = new CaseState();
    substituteRequest(request([uid('fixed-by-client')]), state, new Date());
    assert.equal(
      matchMessage(expected, response([uid('fixed-by-client')], 1_700_000_000), state),
      undefined,
    );
  });

  it('binds $UNIQUE_IDENTIFIER_n to the server’s id and writes it into later requests', () => {
    const state = new CaseState();
    assert.equal(
      matchMessage(response([uid('$UNIQUE_IDENTIFIER_0')]), response([uid('42')]), state),
      undefined,
    );
    const sent = substituteRequest(request([uid('$UNIQUE_IDENTIFIER_0')]), state, new Date());
    const payload = (sent.value as KmipItem[])[1]?.value as KmipItem[];
    assert.deepEqual((payload[1]?.value as KmipItem[])[0], uid('42'));
  });

  it('reports a bound id that comes back different, with its path', () => {
    const state = new CaseState();
    matchMessage(response([uid('$UNIQUE_IDENTIFIER_0')]), response([uid('42')]), state);
    const mismatch = matchMessage(
      response([uid('$UNIQUE_IDENTIFIER_0')]),
      response([uid('43')]),
      state,
    );
    assert.equal(mismatch?.path, 'ResponseMessage/BatchItem/ResponsePayload/UniqueIdentifier');
    assert.match(mismatch?.actual ?? '', /"43"/);
  });

  it('refuses one server value for two distinct placeholders', () => {
    const state = new CaseState();
    const mismatch = matchMessage(
      response([uid('$UNIQUE_IDENTIFIER_0'), uid('$UNIQUE_IDENTIFIER_1')]),
      response([uid('7'), uid('7')]),
      state,
    );
    assert.equal(mismatch?.path, 'ResponseMessage/BatchItem/ResponsePayload/UniqueIdentifier[1]');
  });

  it('treats a literal id the vendor’s server chose as variable, but not one the client sent', () => {
    const state = new CaseState();
    assert.equal(matchMessage(response([uid('fc8833de')]), response([uid('9')]), state), undefined);
    const clientSent = new CaseState();
    substituteRequest(request([uid('client-id')]), clientSent, new Date());
    assert.ok(matchMessage(response([uid('client-id')]), response([uid('9')]), clientSent));
  });

  it('compares enumerations exactly and names them in the mismatch', () => {
    const failed = [en(Tag.ResultStatus, ResultStatus.OperationFailed)];
    const mismatch = matchMessage(
      response([], PLACEHOLDER_NOW, [...failed, en(Tag.ResultReason, ResultReason.ItemNotFound)]),
      response([], PLACEHOLDER_NOW, [
        ...failed,
        en(Tag.ResultReason, ResultReason.PermissionDenied),
      ]),
      new CaseState(),
    );
    assert.deepEqual(mismatch, {
      path: 'ResponseMessage/BatchItem/ResultReason',
      expected: 'ResultReason=ItemNotFound',
      actual: 'ResultReason=PermissionDenied',
    });
  });

  it('reports a missing and an extra item with the attribute’s name in the path', () => {
    const state = new CaseState();
    const length = attribute('Cryptographic Length', item(0, 'Integer', 256));
    const missing = matchMessage(response([length]), response([]), state);
    assert.equal(
      missing?.path,
      'ResponseMessage/BatchItem/ResponsePayload/Attribute(Cryptographic Length)',
    );
    assert.equal(missing?.actual, '(nothing)');
    const extra = matchMessage(response([]), response([length]), state);
    assert.equal(extra?.expected, '(nothing)');
  });

  it('compares an attribute value exactly unless the field is one a server chooses', () => {
    const state = new CaseState();
    const mask = (n: number) => attribute('Cryptographic Usage Mask', item(0, 'Integer', n));
    assert.ok(matchMessage(response([mask(12)]), response([mask(4)]), state));
    const date = (s: number) => attribute('Initial Date', item(0, 'DateTime', new Date(s * 1000)));
    assert.equal(
      matchMessage(response([date(1_335_514_344)]), response([date(1_764_000_000)]), state),
      undefined,
    );
  });

  it('ignores Result Message, and compares Located Items only when both sides have it', () => {
    const state = new CaseState();
    const message = text(Tag.ResultMessage, 'vendor text');
    const located = item(Tag.LocatedItems, 'Integer', 1);
    assert.equal(
      matchMessage(response([uid('a')]), response([located, uid('b'), message]), state),
      undefined,
    );
    assert.ok(
      matchMessage(response([item(Tag.LocatedItems, 'Integer', 2)]), response([located]), state),
    );
  });

  it('binds a $DATA_n byte string and substitutes it into a later request', () => {
    const state = new CaseState();
    const placeholder = item(Tag.Data, 'ByteString', Buffer.from('$DATA_0', 'latin1'));
    const actual = item(Tag.Data, 'ByteString', Uint8Array.of(1, 2, 3));
    assert.equal(matchMessage(response([placeholder]), response([actual]), state), undefined);
    const sent = substituteRequest(request([placeholder]), state, new Date());
    assert.match(
      JSON.stringify(sent, (_, v: unknown) => (v instanceof Uint8Array ? [...v] : v)),
      /\[1,2,3\]/,
    );
  });

  it('sends for an unbound byte-string placeholder the latest value of its field the server sent', () => {
    // CS-AC-M-6: the MAC response shows a literal MAC Data, the MAC Verify sends `$MAC_DATA`.
    const state = new CaseState();
    const literal = item(Tag.MACData, 'ByteString', Uint8Array.of(9, 9));
    const actual = item(Tag.MACData, 'ByteString', Uint8Array.of(7, 8));
    matchMessage(response([literal]), response([actual]), state);
    state.noteResponse(response([actual]));
    const placeholder = item(Tag.MACData, 'ByteString', Buffer.from('$MAC_DATA', 'latin1'));
    const bytesOf = (sent: KmipItem) =>
      JSON.stringify(sent, (_, v: unknown) => (v instanceof Uint8Array ? [...v] : v));
    assert.match(bytesOf(substituteRequest(request([placeholder]), state, new Date())), /\[7,8\]/);
    // Without a response value of that field the placeholder goes out as written.
    const fresh = new CaseState();
    const sent = bytesOf(substituteRequest(request([placeholder]), fresh, new Date()));
    assert.doesNotMatch(sent, /\[7,8\]/);
  });

  it('binds a placeholder anew after unbind (a new stream’s Correlation Value)', () => {
    const state = new CaseState();
    const placeholder = item(Tag.CorrelationValue, 'ByteString', Buffer.from('$CV', 'latin1'));
    const first = item(Tag.CorrelationValue, 'ByteString', Uint8Array.of(1));
    const second = item(Tag.CorrelationValue, 'ByteString', Uint8Array.of(2));
    assert.equal(matchMessage(response([placeholder]), response([first]), state), undefined);
    assert.notEqual(matchMessage(response([placeholder]), response([second]), state), undefined);
    state.unbind(placeholder as LeafItem);
    assert.equal(matchMessage(response([placeholder]), response([second]), state), undefined);
  });

  it('sends $NOW±n in a request as the current time ± n', () => {
    const now = new Date('2030-06-01T00:00:00Z');
    const sent = substituteRequest(
      item(Tag.ActivationDate, 'DateTime', new Date((PLACEHOLDER_NOW + 3600) * 1000)),
      new CaseState(),
      now,
    );
    assert.deepEqual(sent.value, new Date('2030-06-01T01:00:00Z'));
  });

  it('accepts any Random Number Generator value, as long as it is there', () => {
    const rng = (alg: number) =>
      attribute('Random Number Generator', S(0, en(Tag.RNGAlgorithm, alg)));
    assert.equal(matchMessage(response([rng(2)]), response([rng(4)]), new CaseState()), undefined);
    assert.ok(matchMessage(response([rng(2)]), response([]), new CaseState()));
  });

  it('lets the server list Operation Policy Name, Random Number Generator, Always Sensitive … the case does not, never the reverse', () => {
    const name = (n: string) => text(Tag.AttributeName, n);
    const state = new CaseState();
    const listing = [
      name('Name'),
      name('Operation Policy Name'),
      name('Random Number Generator'),
      name('Always Sensitive'),
    ];
    assert.equal(matchMessage(response([name('Name')]), response(listing), state), undefined);
    const policy = attribute('Operation Policy Name', text(0, 'default'));
    assert.equal(matchMessage(response([]), response([policy]), state), undefined);
    const policy2x = S(Tag.Attributes, text(Tag.OperationPolicyName, 'default'));
    assert.equal(
      matchMessage(response([S(Tag.Attributes)]), response([policy2x]), state),
      undefined,
    );
    // Listed by the case: required; any other extra attribute still fails.
    assert.ok(matchMessage(response(listing), response([name('Name')]), state));
    assert.ok(
      matchMessage(response([name('Name')]), response([name('Name'), name('Lease Time')]), state),
    );
  });

  it('compares the names of a Get Attribute List in any order, still reporting a missing one', () => {
    const name = (n: string) => text(Tag.AttributeName, n);
    const ref = (tag: number) => en(Tag.AttributeReference, tag);
    const state = new CaseState();
    const names = ['Name', 'State', 'Original Creation Date'].map(name);
    const reordered = ['Original Creation Date', 'Name', 'State'].map(name);
    assert.equal(
      matchMessage(response([uid('a'), ...names]), response([uid('a'), ...reordered]), state),
      undefined,
    );
    assert.equal(
      matchMessage(
        response([ref(Tag.Name), ref(Tag.State)]),
        response([ref(Tag.State), ref(Tag.Name)]),
        state,
      ),
      undefined,
    );
    const short = matchMessage(response(names), response([name('State'), name('Name')]), state);
    assert.equal(short?.expected, 'AttributeName="Original Creation Date"');
    assert.equal(short?.actual, '(nothing)');
  });
});

describe('matchMessage on Query responses', () => {
  const query = (payload: KmipItem[]) =>
    S(
      Tag.ResponseMessage,
      S(Tag.ResponseHeader, when(PLACEHOLDER_NOW), item(Tag.BatchCount, 'Integer', 1)),
      S(
        Tag.BatchItem,
        en(Tag.Operation, Operation.Query),
        en(Tag.ResultStatus, ResultStatus.Success),
        S(Tag.ResponsePayload, ...payload),
      ),
    );
  const op = (value: number) => en(Tag.Operation, value);
  const type = (value: number) => en(Tag.ObjectType, value);
  const vendor = (name: string) => text(Tag.VendorIdentification, name);

  it('needs every listed operation and object type among the server’s, in any order', () => {
    const expected = query([op(Operation.Query), op(Operation.Locate), type(2), vendor('a.com')]);
    const actual = query([
      op(Operation.Create),
      op(Operation.Locate),
      op(Operation.Query),
      type(1),
      type(2),
      vendor('Keywarden'),
      S(Tag.ServerInformation, text(Tag.ApplicationNamespace, 'x')),
    ]);
    assert.equal(matchMessage(expected, actual, new CaseState()), undefined);
  });

  it('reports an operation or object type the server does not list, and a missing vendor', () => {
    const lacking = matchMessage(
      query([op(Operation.Poll)]),
      query([op(Operation.Query)]),
      new CaseState(),
    );
    assert.equal(lacking?.expected, 'Operation=Poll');
    assert.equal(lacking?.actual, '(not listed)');
    assert.ok(matchMessage(query([type(7)]), query([type(2)]), new CaseState()));
    assert.ok(matchMessage(query([vendor('a.com')]), query([]), new CaseState()));
  });

  it('still compares the rest of the payload exactly', () => {
    const rng = (alg: number) => S(Tag.RNGParameters, en(Tag.RNGAlgorithm, alg));
    assert.ok(matchMessage(query([rng(2)]), query([rng(1)]), new CaseState()));
  });
});

describe('repairNames', () => {
  it('collapses spaces inside a specified attribute name and leaves other names alone', () => {
    const fixed = repairNames(
      S(Tag.Attribute, text(Tag.AttributeName, 'Cryptographic   Usage Mask')),
    );
    assert.deepEqual(fixed, S(Tag.Attribute, text(Tag.AttributeName, 'Cryptographic Usage Mask')));
    const custom = text(Tag.AttributeName, 'x-my   name');
    assert.deepEqual(repairNames(custom), custom);
  });
});

describe('diffListings', () => {
  const names = (...list: string[]) =>
    S(Tag.ResponsePayload, ...list.map((n) => text(Tag.AttributeName, n)));
  it('tells an order-only difference from missing and extra attributes', () => {
    assert.deepEqual(diffListings(names('State', 'Name'), names('Name', 'State')), {
      missing: [],
      extra: [],
      isOrderOnly: true,
    });
    assert.deepEqual(diffListings(names('State', 'Digest'), names('State', 'Name')), {
      missing: ['Digest'],
      extra: ['Name'],
      isOrderOnly: false,
    });
  });
});

describe('classifyFailure', () => {
  it('names a missing operation, a wrong reason and a header difference', () => {
    const base = { exchange: 1, operations: ['Interop'] };
    const status = {
      path: 'ResponseMessage/BatchItem/ResultStatus',
      expected: 'ResultStatus=Success',
      actual: 'x',
    };
    assert.equal(
      classifyFailure({
        ...base,
        mismatch: status,
        actualResult: { status: 'OperationFailed', reason: 'OperationNotSupported' },
      }),
      'missing operation: Interop',
    );
    assert.equal(
      classifyFailure({
        ...base,
        mismatch: { ...status, path: 'ResponseMessage/BatchItem/ResultReason' },
      }),
      'error reason mismatch: Interop',
    );
    assert.equal(
      classifyFailure({
        ...base,
        mismatch: { ...status, path: 'ResponseMessage/ResponseHeader/BatchCount' },
      }),
      'response header: BatchCount',
    );
    assert.equal(
      classifyFailure({
        exchange: 1,
        operations: ['Query'],
        mismatch: {
          path: 'ResponseMessage/BatchItem/ResponsePayload/Operation',
          expected: 'Operation=Poll',
          actual: '(not listed)',
        },
      }),
      'server does not support what the case needs: Operation',
    );
  });
});
