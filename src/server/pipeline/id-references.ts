/**
 * The Unique Identifiers one batch passes between its items: the ID Placeholder (KMIP 1.4 §4:
 * the server keeps the Unique Identifier an operation returned, and a later item of the same
 * batch that omits its Unique Identifier acts on that object) and, for KMIP 2.x, the other
 * forms a Unique Identifier may take in a request (2.1 §11.58 and the Unique Identifier
 * tables):
 *  - an Unique Identifier Enumeration naming the operation whose result is meant (`Create`,
 *    `CreateKeyPairPrivateKey`, `Locate` ...). "If an operation appears multiple times in a
 *    request, it is the most recent that is referred to"; "if multiple unique identifiers
 *    would be referenced then the operation is repeated for each of them as separate batch
 *    items" — a Locate that returned several objects (the batch expands such an item, see
 *    `expand`);
 *  - an Integer: "zero based nth Unique Identifier in the response. If negative the count is
 *    backwards from the beginning of the current operation's batch item" (-1: the last
 *    identifier returned before this item).
 * A Locate sets the ID Placeholder only when it returns exactly one identifier and empties it
 * otherwise (KMIP 1.4 §4.9), so the placeholder never names several objects.
 */
import { UniqueIdentifier } from '../../kmip/generated/registry.ts';
import type { UniqueIdentifierValue } from '../../kmip/messages/codecs.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import type { IdPlaceholder } from '../operations/context.ts';
import { missingData } from './result-error.ts';

// Response payload fields that carry identifiers, and the enumeration suffix naming each.
const KEY_PAIR_FIELDS = [
  ['privateKeyUniqueIdentifier', 'PrivateKey'],
  ['publicKeyUniqueIdentifier', 'PublicKey'],
] as const;

/** The identifiers of one batch; also the batch's ID Placeholder as operations see it. */
export class BatchIdReferences implements IdPlaceholder {
  #placeholder: string | undefined;
  /** By Unique Identifier Enumeration value: what the latest such operation returned. */
  // Made on first use: a batch of one item records nothing (see runBatch).
  #byReference: Map<number, readonly string[]> | undefined;
  /** Every Unique Identifier the response carries so far, in order (Integer references). */
  readonly #returned: string[] = [];

  /** The ID Placeholder, if an earlier item set it. */
  get placeholder(): string | undefined {
    return this.#placeholder;
  }

  /** Sets the ID Placeholder. */
  setPlaceholder(id: string): void {
    this.#placeholder = id;
  }

  /** IdPlaceholder: the ID Placeholder. */
  get(): string | undefined {
    return this.#placeholder;
  }

  /** IdPlaceholder: sets the ID Placeholder. */
  set(id: string): void {
    this.#placeholder = id;
  }

  /** IdPlaceholder: empties the ID Placeholder. */
  clear(): void {
    this.#placeholder = undefined;
  }

  /** Puts back the ID Placeholder an item found, when the item failed after setting it. */
  restorePlaceholder(id: string | undefined): void {
    this.#placeholder = id;
  }

  /**
   * Remembers what a successful item of `operation` returned: for later 2.x references by
   * operation (`Create`, `Register`, `Locate` ... and the private and public key of a pair)
   * and, in order, for Integer references.
   */
  recordResult(operation: string, payload: unknown): void {
    if (typeof payload !== 'object' || payload === null) return;
    const fields = payload as Record<string, unknown>;
    const single = fields['uniqueIdentifier'];
    const list = fields['uniqueIdentifiers'];
    if (Array.isArray(list)) {
      // A Locate that found nothing leaves nothing to refer to (not an older result).
      const reference = (UniqueIdentifier as Record<string, number>)[operation];
      if (reference !== undefined) this.#byReference?.delete(reference);
      this.#remember(operation, list);
    }
    if (single !== undefined) this.#remember(operation, [single]);
    // An absent key pair field names nothing (and needs no `${operation}${suffix}` built).
    for (const [field, suffix] of KEY_PAIR_FIELDS) {
      if (fields[field] !== undefined) this.#remember(`${operation}${suffix}`, [fields[field]]);
    }
    // A key pair operation also answers to its own name, meaning the private key (the
    // ID Placeholder it sets, KMIP 1.4 §4.2).
    if (fields['privateKeyUniqueIdentifier'] !== undefined) {
      this.#remember(operation, [fields['privateKeyUniqueIdentifier']]);
    }
    // In response order: the identifier, the list, then the key pair's.
    if (typeof single === 'string') this.#returned.push(single);
    if (Array.isArray(list))
      for (const id of list) if (typeof id === 'string') this.#returned.push(id);
    for (const [field] of KEY_PAIR_FIELDS) {
      const id = fields[field];
      if (typeof id === 'string') this.#returned.push(id);
    }
  }

  /** Remembers `ids` under the Unique Identifier Enumeration value `name`, when all are text. */
  #remember(name: string, ids: readonly unknown[]): void {
    const reference = (UniqueIdentifier as Record<string, number>)[name];
    if (reference === undefined || ids.length === 0) return;
    const texts = ids.filter((id): id is string => typeof id === 'string');
    if (texts.length === ids.length) (this.#byReference ??= new Map()).set(reference, texts);
  }

  /**
   * The identifiers a request's Unique Identifier names when it is a 2.x reference to a
   * result of several (a Locate that returned more than one): the item then runs once for
   * each. Undefined when it names at most one object (use `resolve`).
   */
  expand(value: UniqueIdentifierValue | undefined): readonly string[] | undefined {
    if (value === undefined || typeof value === 'string' || value.type !== 'Enumeration') {
      return undefined;
    }
    const ids = this.#byReference?.get(value.value);
    return ids !== undefined && ids.length > 1 ? ids : undefined;
  }

  /**
   * The identifier a request names (see OperationContext.resolveId).
   * @throws KmipResultError Missing Data when the placeholder or reference is unset or names
   *   no identifier, or names several (the batch expands those before running the item).
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
      const n = value.value;
      const id = this.#returned[n >= 0 ? n : this.#returned.length + n];
      if (id === undefined) {
        throw missingData(
          `Unique Identifier ${n} refers to no identifier: the response so far has ${this.#returned.length}`,
        );
      }
      return id;
    }
    const ids = this.#byReference?.get(value.value);
    const name =
      enumValueEntry('UniqueIdentifier', value.value)?.name ?? `0x${value.value.toString(16)}`;
    const [only] = ids ?? [];
    if (only === undefined) {
      throw missingData(`no earlier batch item returned a ${name} Unique Identifier`);
    }
    if (ids !== undefined && ids.length > 1) {
      throw missingData(`the ${name} reference names ${ids.length} objects here, not one`);
    }
    return only;
  }
}
