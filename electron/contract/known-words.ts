/**
 * What one knownWords call may ask: at most `perCall` words, each at most `longest` UTF-16 units.
 * No word of the language is that long: a longer one (a run without spaces) is not looked up,
 * and a document with more stems asks in several calls. Apart from contract.ts so that the
 * renderer, which splits its calls by it, does not carry the validation library.
 */
export const KNOWN_WORDS = { longest: 100, perCall: 20_000 } as const;
