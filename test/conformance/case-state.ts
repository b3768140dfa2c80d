/**
 * What one test case remembers between its messages: the values the server chose in place
 * of the expected ones (expected → actual, used to check later responses and to rewrite
 * later requests), and every value the client itself sent (a value the client sent is not
 * the server's choice, so it is compared exactly).
 */
import type { KmipItem } from '../../src/kmip/index.ts';
import { PLACEHOLDER_NOW } from '../support/kmip-testcases.ts';

/** Leaf items only (not Structure). */
export type LeafItem = Exclude<KmipItem, { type: 'Structure' }>;

// `$NOW±n` became PLACEHOLDER_NOW ± n in the pre-pass (test/support/kmip-testcases.ts); the
// published files date from 2009–2020, so nothing real lies this close to 2025-01-01.
const NOW_WINDOW_SECONDS = 400 * 86_400;

/** The `$NAME` a leaf stands for, or undefined when it is a literal value. */
export function placeholderName(leaf: LeafItem): string | undefined {
  if (leaf.type === 'TextString') return leaf.value.startsWith('$') ? leaf.value : undefined;
  if (leaf.type === 'ByteString') {
    // The pre-pass turned a ByteString `$DATA_0` into the bytes of its own text.
    const text = Buffer.from(leaf.value).toString('latin1');
    return /^\$[A-Z0-9_]+$/.test(text) ? text : undefined;
  }
  if (leaf.type === 'DateTime' && nowOffset(leaf) !== undefined) return '$NOW';
  return undefined;
}

/** For a `$NOW±n` DateTime, n (seconds); undefined for a literal date. */
export function nowOffset(leaf: LeafItem): number | undefined {
  if (leaf.type !== 'DateTime') return undefined;
  const offset = leaf.value.getTime() / 1000 - PLACEHOLDER_NOW;
  return Math.abs(offset) <= NOW_WINDOW_SECONDS ? offset : undefined;
}

/** A value's identity regardless of its tag: `TextString:abc`, `ByteString:00ff`. */
export function valueKey(leaf: LeafItem): string {
  switch (leaf.type) {
    case 'ByteString':
      return `ByteString:${Buffer.from(leaf.value).toString('hex')}`;
    case 'DateTime':
      return `DateTime:${leaf.value.getTime()}`;
    default:
      return `${leaf.type}:${String(leaf.value)}`;
  }
}

/** The expected → actual bindings and the client's sent values of one running case. */
export class CaseState {
  readonly #actualByExpected = new Map<string, LeafItem>();
  readonly #expectedByActual = new Map<string, string>();
  readonly #sent = new Set<string>();
  readonly #lastReceivedByTag = new Map<number, LeafItem>();

  /** The actual value bound to an expected one. */
  boundTo(expected: LeafItem): LeafItem | undefined {
    return this.#actualByExpected.get(valueKey(expected));
  }

  /**
   * Binds `expected` to `actual`; returns the other expected value already bound to
   * `actual` when there is one (two server values that the case says differ came out equal).
   */
  bind(expected: LeafItem, actual: LeafItem): string | undefined {
    const actualKey = valueKey(actual);
    const expectedKey = valueKey(expected);
    const previous = this.#expectedByActual.get(actualKey);
    if (previous !== undefined && previous !== expectedKey) return previous;
    this.#actualByExpected.set(expectedKey, actual);
    this.#expectedByActual.set(actualKey, expectedKey);
    return undefined;
  }

  /** Drops the binding of `expected` (its next response value is a new server choice). */
  unbind(expected: LeafItem): void {
    const expectedKey = valueKey(expected);
    const actual = this.#actualByExpected.get(expectedKey);
    if (actual === undefined) return;
    this.#actualByExpected.delete(expectedKey);
    this.#expectedByActual.delete(valueKey(actual));
  }

  /** Records a value the client sent (before substitution). */
  recordSent(leaf: LeafItem): void {
    this.#sent.add(valueKey(leaf));
  }

  /** Remembers the leaves of a response: the latest value of each tag. */
  noteResponse(item: KmipItem): void {
    if (item.type === 'Structure') {
      for (const child of item.value) this.noteResponse(child);
    } else {
      this.#lastReceivedByTag.set(item.tag, item);
    }
  }

  /** The latest value of `tag` in a response of this case. */
  lastReceived(tag: number): LeafItem | undefined {
    return this.#lastReceivedByTag.get(tag);
  }

  /** Whether the client sent this value earlier in the case. */
  wasSent(leaf: LeafItem): boolean {
    return this.#sent.has(valueKey(leaf));
  }
}
