/**
 * The full replay of pywbem's testclient cases (test/fixtures/wbem/testclient, 420 cases), as
 * pywbem's runner (tests/functiontest/conftest.py) does it: for each case our WbemConnection
 * runs the recorded operation against a local HTTP server that serves the recorded response;
 * the request we send must equal the recorded one (method, URL, listed headers, CIM-XML as a
 * tree), and the result must equal pywbem's, or the same exception (by code) must be raised.
 * Cases that cannot apply to us are listed in NOT_APPLICABLE with the reason; no other case
 * is left out. The runner is test/unit/wbem/support/replay-runner.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadTestClientCases } from '../support/pywbem-yaml.ts';
import {
  runTestClientCase,
  startReplayServer,
  type ReplayServer,
} from '../support/replay-runner.ts';

/**
 * Cases that do not apply, with the reason. Everything else must pass. These five are the
 * cases pywbem's own runner skips (`ignore_test: true`); we run every other case.
 */
const NOT_APPLICABLE: Readonly<Record<string, string>> = {
  'createclass.yaml:CreateClass2':
    'the recorded request writes real32/real64 values in the format of pywbem 0.x ' +
    '(1.23450000E+04); pywbem 1.x and we write 12345.0 (same number); pywbem skips it too',
  'modifyclass.yaml:ModifyClass2': 'same recording and reason as CreateClass2',
  'invokemethod.yaml:InvokeMethod7':
    "expects the text 'True' for an untyped PARAMVALUE holding <VALUE>TRUE</VALUE>; without " +
    "PARAMTYPE DSP0201 gives no type, so pywbem and we return the text 'TRUE'",
  'invokemethod.yaml:InvokeMethod9':
    'the expected output parameter is the Python expression string ' +
    '\'CIMClass("CIM_Blah")\', not a pywbem_object, so no result can equal it',
  'invokemethod.yaml:InvokeMethod11':
    'passes a list of plain maps ({ObjectName: …}) as a parameter value, which has no CIM ' +
    'type; pywbem and we refuse it (TypeError / KW_WBEM_TYPE) instead of sending the request',
};

describe('testclient replay (pywbem tests/functiontest)', () => {
  const cases = loadTestClientCases();
  let server: ReplayServer;

  before(async () => {
    server = await startReplayServer();
  });
  after(() => server.close());

  it('has all 420 cases and a reason for each one that does not apply', () => {
    assert.equal(cases.length, 420);
    for (const id of Object.keys(NOT_APPLICABLE)) {
      assert.ok(
        cases.some((c) => c.id === id),
        `unknown case ${id}`,
      );
    }
  });

  for (const c of cases) {
    if (c.id in NOT_APPLICABLE) continue;
    it(c.id, () => runTestClientCase(c, server));
  }
});
