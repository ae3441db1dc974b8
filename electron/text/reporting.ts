/**
 * How Arabic news attributes what it reports: reporting verbs (قال، أفاد، أعلن …, with و/ف before
 * and the feminine, dual and plural endings after), the participles that add to a report (مضيفا،
 * لافتا إلى …), and attributions (نقلا عن، وفقا لـ، بحسب). Words here are folded (normalise.ts).
 *
 * Suggest, never decide: the actor a reporting cue introduces (أفادت وكالة رويترز، نقلا عن مسؤول
 * أمريكي، وقال مصدران…), in the claim's sentence or the one before, is offered as its source. The
 * nearest such actor before the claim wins: in «أفادت رويترز نقلا عن مسؤول» the chain ends at the
 * official, the one who made the claim.
 */
import { fold } from './normalise.ts';

/** A stretch of the text in UTF-16 units, as the renderer holds spans. */
export interface Stretch {
  readonly from: number;
  readonly to: number;
}

/** Past-tense reporting verbs, folded (نفى is نفي; its feminine نفت is listed whole). */
const VERBS = ['قال', 'افاد', 'اعلن', 'اكد', 'اشار', 'اوضح', 'ذكر', 'صرح', 'نفي', 'نفت', 'زعم', 'اضاف', 'كشف', 'ابلغ', 'اعتبر', 'نقل', 'حذر', 'رجح', 'ادعي', 'ادعت'];
/** تابع is also an adjective (جهاز تابع للجيش): a verb only after و or ف (وتابع). */
const REPORTING_VERB = new RegExp(`^(?:[وف]?(?:${VERBS.join('|')})|[وف]تابع)(?:ت|تا|ا|وا)?$`, 'u');

/** Whether the folded word is a reporting verb: قال، وأفادت، وقالوا، فأضاف. */
export function isReportingVerb(word: string): boolean {
  return REPORTING_VERB.test(word);
}

const PARTICIPLES = ['مضيف', 'لافت', 'مشير', 'مؤكد', 'موضح', 'معتبر', 'قائل', 'محذر'];
const REPORTING_PARTICIPLE = new RegExp(`^(?:${PARTICIPLES.join('|')})(?:ا|ه|ين|ون)$`, 'u');

/** Whether the folded word is a participle that goes on with a report: مضيفا، لافتة، مشيرين. */
export function isReportingParticiple(word: string): boolean {
  return REPORTING_PARTICIPLE.test(word);
}

/** The particles that open a reported clause (folded): أن، إن، and with a pronoun (أنه، إنها) or ب (بأن). */
const COMPLEMENTISER = /^(?:ب)?ان(?:ه|ها|هم|هما)?$/u;

export function isComplementiser(word: string): boolean {
  return COMPLEMENTISER.test(word);
}

/** Folded words that introduce the one a report comes through: نقلا عن، وفقا لـ، بحسب، حسب. */
const CUE = /(?:^|[\s،,؛(«"])(?:[وف]?(?:قال|افاد|اعلن|اكد|اشار|اوضح|ذكر|صرح|نفي)(?:ت|وا)?|نقلا عن|وفق|وفقا ل|بحسب|حسب)\s*$/u;
const SENTENCE_END = /[.!?؟\n]/g;

/** Where the sentence before the one holding `offset` starts (UTF-16). */
function previousSentenceStart(text: string, offset: number): number {
  const ends = [...text.slice(0, offset).matchAll(SENTENCE_END)].map((m) => m.index + 1);
  return ends.length >= 2 ? ends[ends.length - 2]! : 0;
}

export function suggestSource<S extends Stretch>(text: string, claim: Stretch, actors: readonly S[]): S | null {
  const from = previousSentenceStart(text, claim.from);
  const introduced = actors.filter((actor) => actor.from >= from && actor.from < claim.from && CUE.test(fold(text.slice(Math.max(from, actor.from - 30), actor.from))));
  return introduced.sort((a, b) => b.from - a.from)[0] ?? null;
}
