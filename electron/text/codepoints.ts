/**
 * Converts between the two ways of counting a string: UTF-16 code units (JavaScript, the DOM) and
 * Unicode code points (Python, spaCy, and every Hamish export). They differ only after a
 * character beyond the Basic Multilingual Plane (an emoji, say), which takes two units.
 */
export class CodePointIndex {
  /** UTF-16 index of each astral (two-unit) character, ascending. */
  private readonly astral: number[] = [];
  readonly text: string;
  readonly length: number;

  constructor(text: string) {
    this.text = text;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
    this.length = text.length - this.astral.length;
  }

  toUtf16(codePoint: number): number {
    // The k-th astral character sits at UTF-16 index astral[k] and code point astral[k] - k.
    let low = 0;
    let high = this.astral.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.astral[mid]! - mid < codePoint) low = mid + 1;
      else high = mid;
    }
    return codePoint + low;
  }

  /** A UTF-16 index inside a surrogate pair counts as the pair's start. */
  toCodePoint(utf16: number): number {
    let low = 0;
    let high = this.astral.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.astral[mid]! < utf16) low = mid + 1;
      else high = mid;
    }
    return utf16 - low;
  }

  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}

/** A lead surrogate: the first unit of a character beyond the Basic Multilingual Plane. */
const LEAD_SURROGATE = /[\uD800-\uDBFF]/;

/** How many code points `text` holds; a native scan, not a loop, for the usual text without emoji. */
export function codePointLength(text: string): number {
  return LEAD_SURROGATE.test(text) ? new CodePointIndex(text).length : text.length;
}
