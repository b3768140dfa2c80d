/**
 * Line and column of an offset in a document, worked out only when someone asks (an error, or
 * a caller reading XmlElement.line): the reader records plain offsets, which costs nothing on
 * the 10,000-instance responses of issue #10.
 */

/** A 1-based line and column. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

// XML 1.0 §2.11: CR LF and a lone CR are line ends, like LF.
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Maps offsets (UTF-16 code units) of one text to lines and columns. */
export class SourcePositions {
  readonly #text: string;
  #starts: number[] | null = null;

  constructor(text: string) {
    this.#text = text;
  }

  /** The 1-based line and column of the character at `offset` (a UTF-16 index). */
  at(offset: number): SourcePosition {
    const starts = (this.#starts ??= lineStarts(this.#text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    // The column counts characters (code points), as people and editors do.
    let column = 1;
    const text = this.#text;
    for (let i = starts[lo] as number; i < offset; i++) {
      const c = text.charCodeAt(i);
      if (c < 0xd800 || c > 0xdbff || i + 1 >= offset) column++;
      else if ((text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        column++;
        i++;
      } else column++;
    }
    return { line: lo + 1, column };
  }
}
