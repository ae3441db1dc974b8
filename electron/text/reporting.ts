/**
 * Suggest, never decide: the actor a reporting cue introduces (أفادت وكالة رويترز، نقلا عن مسؤول
 * أمريكي، وقال مصدران…), in the claim's sentence or the one before, is offered as its source. The
 * nearest such actor before the claim wins: in «أفادت رويترز نقلا عن مسؤول» the chain ends at the
 * official, the one who made the claim.
 */

/** A stretch of the text in UTF-16 units, as the renderer holds spans. */
export interface Stretch {
  readonly from: number;
  readonly to: number;
}

/** Reporting verbs (with و/ف and the feminine ت) and attributions. */
const CUE = /(?:^|[\s،,؛(«"])(?:[وف]?(?:قال|أفاد|أعلن|أكد|أشار|أوضح|ذكر|صرح|نفى)(?:ت|وا)?|نقلا عن|نقلاً عن|وفق|وفقا ل|وفقاً ل|بحسب|حسب)\s*$/u;
const SENTENCE_END = /[.!?؟\n]/g;

/** Where the sentence before the one holding `offset` starts (UTF-16). */
function previousSentenceStart(text: string, offset: number): number {
  const ends = [...text.slice(0, offset).matchAll(SENTENCE_END)].map((m) => m.index + 1);
  return ends.length >= 2 ? ends[ends.length - 2]! : 0;
}

export function suggestSource<S extends Stretch>(text: string, claim: Stretch, actors: readonly S[]): S | null {
  const from = previousSentenceStart(text, claim.from);
  const introduced = actors.filter((actor) => actor.from >= from && actor.from < claim.from && CUE.test(text.slice(Math.max(from, actor.from - 30), actor.from)));
  return introduced.sort((a, b) => b.from - a.from)[0] ?? null;
}
