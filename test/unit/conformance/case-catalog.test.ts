// The conformance case catalog: profile and version of each corpus file, which cases are
// core, which are not applicable (always with a reason), and which run after another.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  describeCase,
  listCases,
  loadExchanges,
  notApplicableReason,
  prerequisiteOf,
} from '../../conformance/case-catalog.ts';

describe('describeCase', () => {
  it('reads profile, version and mandatory flag from OASIS and ovh/kmip-go names', () => {
    assert.deepEqual(describeCase('1.4/mandatory/CS-BC-M-GCM-1-14.xml'), {
      id: '1.4/mandatory/CS-BC-M-GCM-1-14',
      file: '1.4/mandatory/CS-BC-M-GCM-1-14.xml',
      version: '1.4',
      source: 'mandatory',
      profile: 'CS-BC',
      isMandatory: true,
      isCore: false,
    });
    const ovh = describeCase('1.0/ovh-kmip-go/SKLC_M_1_10_SymmetricKeyLifecycle_1.xml');
    assert.equal(ovh.profile, 'SKLC');
    assert.equal(ovh.isMandatory, true);
    assert.equal(ovh.isCore, false, 'only the OASIS copies count for the core profiles');
    assert.equal(describeCase('2.1/mandatory/BL-M-3-21.xml').isCore, true);
    assert.equal(describeCase('1.4/optional/SKLC-O-1-14.xml').isCore, false);
    assert.equal(describeCase('2.0/testcases/TC-DERIVEKEY-3-20.xml').profile, 'TC-DERIVEKEY');
  });
});

describe('notApplicableReason', () => {
  const implemented = new Set(['Create', 'Get']);
  it('names the issue of a planned operation outside the core profiles', () => {
    const cbc = describeCase('1.4/mandatory/CS-BC-M-1-14.xml');
    assert.match(notApplicableReason(cbc, ['Create', 'Encrypt'], implemented) ?? '', /#6/);
  });
  it('never excuses a core mandatory case, whatever it needs', () => {
    const sklc = describeCase('1.4/mandatory/SKLC-M-1-14.xml');
    assert.equal(notApplicableReason(sklc, ['Create', 'Encrypt'], implemented), undefined);
  });
  it('excuses the HTTP message-encoding profiles and server-to-client operations', () => {
    assert.ok(
      notApplicableReason(describeCase('2.1/mandatory/MSGENC-JSON-M-1-21.xml'), [], implemented),
    );
    const put = describeCase('1.0/ovh-kmip-go/TC_NP_1_10_Put.xml');
    assert.match(notApplicableReason(put, ['Put'], implemented) ?? '', /client/);
  });
});

describe('prerequisiteOf', () => {
  const all = listCases();
  it('runs SASED-M-3 and TL-M-3 after their -2 case of the same folder', () => {
    assert.equal(
      prerequisiteOf(describeCase('1.4/mandatory/SASED-M-3-14.xml'), all)?.id,
      '1.4/mandatory/SASED-M-2-14',
    );
    assert.equal(
      prerequisiteOf(describeCase('1.3/ovh-kmip-go/TL-M-3-13.xml'), all)?.id,
      '1.3/ovh-kmip-go/TL-M-2-13',
    );
    assert.equal(
      prerequisiteOf(describeCase('1.0/ovh-kmip-go/SASED_M_3_10_storage_array_retrieve.xml'), all)
        ?.id,
      '1.0/ovh-kmip-go/SASED_M_2_10_storage_array_register',
    );
    assert.equal(
      prerequisiteOf(describeCase('1.4/testcases/TC-CREG-3-14.xml'), all)?.id,
      '1.4/testcases/TC-CREG-1-14',
    );
    assert.equal(prerequisiteOf(describeCase('1.4/mandatory/SKLC-M-3-14.xml'), all), undefined);
  });
});

describe('loadExchanges', () => {
  it('pairs every request with its response, and gives unreadable files a reason', () => {
    const loaded = loadExchanges('1.4/mandatory/SKLC-M-1-14.xml');
    assert.ok('exchanges' in loaded && loaded.exchanges.length > 1);
    const unreadable = loadExchanges('1.4/testcases/TC-ECDSA-SIGN-1-14.xml');
    assert.ok(
      'notApplicable' in unreadable && /upstream file defect/.test(unreadable.notApplicable),
    );
  });
});
