// Shared by the Locate unit tests: objects tagged with a per-test custom attribute (so tests
// sharing one harness do not see each other's objects), and Locate requests as results.
import assert from 'node:assert/strict';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  NameType,
  ObjectType,
  ResultStatus,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { LocateRequest } from '../../../../src/kmip/messages/payloads/locate.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import type { ObjectState, StoredAttribute } from '../../../../src/store/index.ts';
import type { ServerHarness } from '../../../support/server-harness.ts';

/** The custom attribute that scopes a test's objects. */
export const CASE_ATTRIBUTE = 'x-case';

/** A custom attribute holding a Text String (1.x `x-` name, 2.x Vendor Attribute `x`). */
export function textAttribute(name: string, value: string): Attribute {
  return { name, value: { tag: Tag.AttributeValue, type: 'TextString', value } };
}

/** The attribute that marks an object as belonging to test case `name`. */
export function caseAttribute(name: string): Attribute {
  return textAttribute(CASE_ATTRIBUTE, name);
}

/** A Name attribute. */
export function nameAttribute(value: string, type: number = NameType.UninterpretedTextString) {
  return { name: 'Name', value: { value, type } } satisfies Attribute;
}

/** What a Locate answered: identifiers and Located Items, or a failure reason and message. */
export type LocateOutcome =
  | { readonly ok: true; readonly ids: string[]; readonly located: number | undefined }
  | { readonly ok: false; readonly reason: number | undefined; readonly message: string };

/** Locate options besides the attributes. */
export type LocateOptions = Omit<LocateRequest, 'attributes'> & {
  readonly version?: KmipVersionName;
  readonly identity?: string;
};

/** Drives Locate and object creation through one harness. */
export class LocateFixture {
  readonly #harness: () => ServerHarness;

  constructor(harness: () => ServerHarness) {
    this.#harness = harness;
  }

  /** Creates an AES key in test case `name` (1.4 Create); returns its identifier. */
  async key(
    name: string,
    extra: readonly Attribute[] = [],
    options: { identity?: string; length?: number; mask?: number } = {},
  ): Promise<string> {
    const mask = options.mask ?? CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt;
    const item = await this.#harness().sendOne(
      '1.4',
      {
        operation: 'Create',
        payload: {
          objectType: ObjectType.SymmetricKey,
          attributes: {
            attributes: [
              { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.AES },
              { name: 'CryptographicLength', value: options.length ?? 256 },
              { name: 'CryptographicUsageMask', value: mask },
              caseAttribute(name),
              ...extra,
            ],
          },
        },
      },
      options.identity,
    );
    assert.ok(item.kind === 'typed' && item.resultStatus === ResultStatus.Success, 'created');
    return (item.payload as { uniqueIdentifier: string }).uniqueIdentifier;
  }

  /** Stores an object of any type straight into the store (no key material). */
  async insert(
    name: string,
    objectType: string,
    options: {
      owner?: string;
      state?: ObjectState;
      attributes?: readonly StoredAttribute[];
      policy?: string;
    } = {},
  ): Promise<string> {
    const store = this.#harness().store;
    const id = store.nextId();
    const tag = caseAttribute(name);
    await store.create({
      id,
      objectType,
      state: options.state ?? 'Active',
      owner: options.owner ?? 'alice',
      material: null,
      attributes: [
        { name: 'OperationPolicyName', index: 0, value: options.policy ?? 'default' },
        { name: tag.name, index: 0, value: tag.value },
        ...(options.attributes ?? []),
      ],
    });
    return id;
  }

  /** Adds attribute instances to a stored object, as the store keeps them. */
  async addStored(id: string, attributes: readonly StoredAttribute[]): Promise<void> {
    const store = this.#harness().store;
    const stored = await store.get(id);
    await store.update(id, { attributes: [...stored.attributes, ...attributes] });
  }

  /** Sends a Locate for test case `name` (undefined: no case filter) with more attributes. */
  async run(
    name: string | undefined,
    attributes: readonly Attribute[] = [],
    options: LocateOptions = {},
  ): Promise<LocateOutcome> {
    const { version = '1.4', identity, ...fields } = options;
    const all = name === undefined ? [...attributes] : [caseAttribute(name), ...attributes];
    const item = await this.#harness().sendOne(
      version,
      { operation: 'Locate', payload: { ...fields, attributes: all } },
      identity,
    );
    assert.ok(item.kind !== 'invalid', 'a decodable response');
    if (item.resultStatus !== ResultStatus.Success) {
      return { ok: false, reason: item.resultReason, message: item.resultMessage ?? '' };
    }
    const payload = (item.payload ?? {}) as {
      uniqueIdentifiers?: string[];
      locatedItems?: number;
    };
    return { ok: true, ids: [...(payload.uniqueIdentifiers ?? [])], located: payload.locatedItems };
  }

  /** The identifiers a Locate returns; fails the test when it fails. */
  async ids(
    name: string | undefined,
    attributes: readonly Attribute[] = [],
    options: LocateOptions = {},
  ): Promise<string[]> {
    const outcome = await this.run(name, attributes, options);
    assert.ok(outcome.ok, `Locate failed: ${outcome.ok ? '' : outcome.message}`);
    return outcome.ids;
  }

  /** The Result Reason of a Locate that must fail. */
  async reason(
    name: string | undefined,
    attributes: readonly Attribute[] = [],
    options: LocateOptions = {},
  ): Promise<{ reason: number | undefined; message: string }> {
    const outcome = await this.run(name, attributes, options);
    assert.ok(!outcome.ok, `Locate succeeded: ${outcome.ok ? outcome.ids.join(', ') : ''}`);
    return { reason: outcome.reason, message: outcome.message };
  }
}
