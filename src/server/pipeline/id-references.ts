/**
 * The Unique Identifiers one batch passes between its items: the ID Placeholder (KMIP 1.4 §4:
 * the server keeps the Unique Identifier an operation returned, and a later item of the same
 * batch that omits its Unique Identifier acts on that object) and, for KMIP 2.x, the Unique
 * Identifier enumerations that name the object an earlier item of a given operation returned
 * (`Create`, `CreateKeyPairPrivateKey` ...).
 *
 * Locate answers a list (`uniqueIdentifiers`). KMIP 1.4 §4.9 / 2.1 §6.1.32: when it returns
 * exactly one identifier that one becomes the ID Placeholder; when it matches several (and
 * Maximum Items does not cap them at one) the placeholder is emptied, so later items that
 * rely on it fail. The 2.x `Locate` reference follows the same rule: it names the single
 * object the latest Locate returned, and fails (Missing Data) after a Locate that returned
 * none or several — never silently the first of them or an earlier Locate's result.
 */
import { UniqueIdentifier } from '../../kmip/generated/registry.ts';
import type { UniqueIdentifierValue } from '../../kmip/messages/codecs.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { featureNotSupported, missingData } from './result-error.ts';

// Response payload fields that carry identifiers, and the enumeration suffix naming each.
const KEY_PAIR_FIELDS = [
  ['privateKeyUniqueIdentifier', 'PrivateKey'],
  ['publicKeyUniqueIdentifier', 'PublicKey'],
] as const;

/** What a reference names: one identifier, or how many a list answer held instead. */
type Referenced = string | { readonly count: number };

/** The identifiers of one batch. */
export class BatchIdReferences {
  #placeholder: string | undefined;
  readonly #byReference = new Map<number, Referenced>();

  /** The ID Placeholder, if an earlier item set it. */
  get placeholder(): string | undefined {
    return this.#placeholder;
  }

  /** Sets the ID Placeholder. */
  setPlaceholder(id: string): void {
    this.#placeholder = id;
  }

  /** Puts back the ID Placeholder an item found, when the item failed after setting it. */
  restorePlaceholder(id: string | undefined): void {
    this.#placeholder = id;
  }

  /**
   * Remembers what a successful item of `operation` returned, for later 2.x references by
   * operation (`Create`, `Register`, `Locate` ... and the private and public key of a pair).
   */
  recordResult(operation: string, payload: unknown): void {
    if (typeof payload !== 'object' || payload === null) return;
    const fields = payload as Record<string, unknown>;
    const remember = (name: string, id: unknown) => {
      const reference = (UniqueIdentifier as Record<string, number>)[name];
      if (reference !== undefined && typeof id === 'string') this.#byReference.set(reference, id);
    };
    const list = fields['uniqueIdentifiers'];
    if (Array.isArray(list)) {
      const reference = (UniqueIdentifier as Record<string, number>)[operation];
      const [only] = list;
      if (reference !== undefined) {
        this.#byReference.set(
          reference,
          list.length === 1 && typeof only === 'string' ? only : { count: list.length },
        );
      }
    }
    remember(operation, fields['uniqueIdentifier']);
    for (const [field, suffix] of KEY_PAIR_FIELDS) remember(`${operation}${suffix}`, fields[field]);
    // A key pair operation also answers to its own name, meaning the private key (the
    // ID Placeholder it sets, KMIP 1.4 §4.2).
    remember(operation, fields['privateKeyUniqueIdentifier']);
  }

  /**
   * The identifier a request names (see OperationContext.resolveId).
   * @throws KmipResultError Missing Data when the placeholder or reference is unset,
   *   Feature Not Supported for an Integer Unique Identifier.
   */
  resolve(value: UniqueIdentifierValue | undefined): string {
    if (typeof value === 'string') return value;
    if (
      value === undefined ||
      (value.type === 'Enumeration' && value.value === UniqueIdentifier.IDPlaceholder)
    ) {
      if (this.#placeholder === undefined) {
        throw missingData(
          'no Unique Identifier given and no ID Placeholder set by an earlier batch item',
        );
      }
      return this.#placeholder;
    }
    if (value.type === 'Integer') {
      throw featureNotSupported('Integer Unique Identifier references are not supported');
    }
    const id = this.#byReference.get(value.value);
    const name =
      enumValueEntry('UniqueIdentifier', value.value)?.name ?? `0x${value.value.toString(16)}`;
    if (id === undefined) {
      throw missingData(`no earlier batch item returned a ${name} Unique Identifier`);
    }
    if (typeof id !== 'string') {
      throw missingData(
        `the ${name} reference is ambiguous: that batch item returned ${id.count} Unique Identifiers, not one`,
      );
    }
    return id;
  }
}
