import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parsePolicyFile } from '../../../../src/server/policy/index.ts';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/policy/', import.meta.url));
const fixture = async (name: string) =>
  parsePolicyFile(await readFile(FIXTURES + name, 'utf8'), name);

describe('parsePolicyFile (PyKMIP policy file format)', () => {
  it('reads the seed preset example into registry names', async () => {
    const policies = await fixture('seed-preset.json');
    assert.deepEqual([...policies.keys()], ['example']);
    assert.deepEqual(policies.get('example'), {
      preset: { Certificate: { Locate: 'AllowAll', Check: 'AllowAll' } },
    });
  });

  it('reads the seed groups example: one table per group, no preset', async () => {
    const example = (await fixture('seed-groups.json')).get('example');
    assert.equal(example?.preset, undefined);
    assert.deepEqual([...(example?.groups?.keys() ?? [])], ['group_A', 'group_B']);
    assert.deepEqual(example?.groups?.get('group_B'), {
      Certificate: { Get: 'AllowAll', Destroy: 'DisallowAll' },
    });
  });

  it('reads preset and groups in one policy, and two policies in one file', async () => {
    const both = (await fixture('seed-preset-and-groups.json')).get('example');
    assert.deepEqual(both?.preset, { Certificate: { Destroy: 'DisallowAll' } });
    assert.deepEqual(both?.groups?.get('group_A'), { Certificate: { Destroy: 'AllowAll' } });
    const two = await fixture('seed-two-policies.json');
    assert.deepEqual([...two.keys()], ['example_1', 'example_2']);
    assert.equal(two.get('example_2')?.preset, undefined);
  });

  it("maps PyKMIP's enum spellings that differ from the registry (OPAQUE_DATA, REKEY, MAC_VERIFY)", () => {
    const policies = parsePolicyFile(
      JSON.stringify({
        p: {
          preset: {
            OPAQUE_DATA: { REKEY: 'ALLOW_OWNER', REKEY_KEY_PAIR: 'ALLOW_OWNER' },
            PGP_KEY: { MAC_VERIFY: 'ALLOW_ALL', RNG_RETRIEVE: 'DISALLOW_ALL' },
          },
        },
      }),
      'x.json',
    );
    assert.deepEqual(policies.get('p')?.preset, {
      OpaqueObject: { ReKey: 'AllowOwner', ReKeyKeyPair: 'AllowOwner' },
      PGPKey: { MACVerify: 'AllowAll', RNGRetrieve: 'DisallowAll' },
    });
  });

  it('reads a policy that maps object types directly as a preset, and skips an empty one (PyKMIP does)', () => {
    const policies = parsePolicyFile(
      JSON.stringify({ flat: { SYMMETRIC_KEY: { GET: 'ALLOW_ALL' } }, empty: {} }),
      'x.json',
    );
    assert.deepEqual([...policies.keys()], ['flat']);
    assert.deepEqual(policies.get('flat'), { preset: { SymmetricKey: { Get: 'AllowAll' } } });
  });

  for (const [name, text, policy] of [
    ['text that is not JSON', '{"example": ', undefined],
    ['a top level that is not an object', '[]', undefined],
    ['an unknown section', '{"example": {"preset": {}, "users": {}}}', 'example'],
    ['an unknown object type', '{"example": {"preset": {"SYMMETRIC_KEYS": {}}}}', 'example'],
    [
      'an unknown operation',
      '{"example": {"preset": {"SYMMETRIC_KEY": {"GETT": "ALLOW_ALL"}}}}',
      'example',
    ],
    [
      'an unknown permission',
      '{"example": {"preset": {"SYMMETRIC_KEY": {"GET": "ALLOW"}}}}',
      'example',
    ],
    [
      'a permission that is not a string',
      '{"example": {"preset": {"SYMMETRIC_KEY": {"GET": 1}}}}',
      'example',
    ],
    ['groups that are not an object', '{"example": {"groups": []}}', 'example'],
    [
      'registry spellings instead of PyKMIP ones',
      '{"example": {"preset": {"SymmetricKey": {"Get": "AllowAll"}}}}',
      'example',
    ],
  ] as const) {
    it(`rejects ${name} with KW_POLICY_FILE naming the file and policy`, () => {
      assert.throws(() => parsePolicyFile(text, '/etc/pykmip/policies/bad.json'), {
        code: 'KW_POLICY_FILE',
        path: '/etc/pykmip/policies/bad.json',
        policy,
      });
    });
  }
});
