/**
 * Reported speech in Arabic news: who is said to have said what. A report is a reporting verb
 * (reporting.ts) with its subject (قال مسؤول أمني، أعلنت وزارة الدفاع), those it came through
 * (نقلا عن مصدر، وفقا لرويترز، بحسب الوزارة) or was told to (قال مصدران لرويترز), and the claim: the
 * clause after أن/إن (أنه، إنها), after a colon or an opening quote, or, after كشف/أعلن/أبلغ, after
 * عن (كشفت مصادر عن استهداف …). A participle goes on with the report of the sentence (مضيفا أن …،
 * لافتا إلى أن …). The claim runs to the end of its sentence or of its clause: a comma before
 * another clause (، وهو …)، a conjunction that opens one (فيما، بينما)، a participle or another
 * reporting verb. «إنه يعتقد أن …» and «إن التقارير تشير إلى أن …» report the inner clause.
 *
 * Read in the folded text (normalise.ts) word by word (phrases.ts); offsets returned are UTF-16 of
 * the original.
 */
import { foldWithOrigin, toOriginal, type Folded } from './normalise.ts';
import { isActorHead, phraseEnd, wordsOf } from './phrases.ts';
import { isComplementiser, isReportingParticiple, isReportingVerb } from './reporting.ts';

export interface Reported {
  /** The reported clause, or null when the report's words are not found (a verb with no clause). */
  readonly claim: { readonly start: number; readonly end: number } | null;
  /** The subject, and those the report came through or was told to, in text order. */
  readonly actors: readonly { readonly start: number; readonly end: number }[];
}

const OPENING_QUOTE = /^["“«‘]$/u;
const SENTENCE_END = /^[.!?؟]$/u;
/** Verbs of saying or belief inside the clause that report a further one (يعتقد أن، تشير إلى أن). */
const INNER_REPORT = /^(?:[يتن](?:عتقد|ري|شير|ؤكد|فيد|ظن)|يبدو)$/u;
/** Words that open another clause and so end a claim: فيما، بينما، لكن، ولم … */
const CLAUSE_OPENER = /^(?:فيما|بينما|حيث|لكن|لكنه|لكنها|ولكن|ولم|ولن|ولا|وقد|وكان|وكانت|وسط)$/u;
/** Adverbs before a claim that are not its words: (إنه) بعد ذلك نفذت … */
const LEADING_ADVERB = /^(?:بعد|قبل|وبعد)$/u;
/** Verbs after which عن opens the claim (كشفت عن، أعلن عن، أبلغ عن), not its source (نقلت عن). */
const ABOUT_VERB = /^[وف]?(?:كشف|اعلن|ابلغ)(?:ت|وا|ا|تا)?$/u;
/** How many words after the subject the clause may open: past an adverb, an addressee, a date. */
const REACH = 16;

/** Every report in `text` (`folded`: its folded form, when the caller has it), in text order. */
export function reportsIn(text: string, folded: Folded = foldWithOrigin(text)): Reported[] {
  const words = wordsOf(folded.folded);
  /** Whether a sentence ends between words[at] and words[at + 1]. */
  const endsAfter = (at: number) => {
    const here = words[at]!;
    const next = words[at + 1];
    if (!next || folded.folded.slice(here.end, next.start).includes('\n')) return true;
    // 21.50 is a time, not a sentence end.
    if (here.word === '.' && /^\d/u.test(next.word) && next.start === here.end && /\d$/u.test(words[at - 1]?.word ?? '')) return false;
    return SENTENCE_END.test(here.word);
  };
  /** The original range of words[from..to), its first `skip` units (a proclitic) left out. */
  const original = (from: number, to: number, skip = 0) => toOriginal(folded, text, words[from]!.start + skip, words[to - 1]!.end);
  const word = (at: number) => words[at]?.word ?? '';
  /** `at`, or past it when it is إلى (folded الي: أشار إلى أن). */
  const pastIla = (at: number) => (word(at) === 'الي' ? at + 1 : at);

  const reports: Reported[] = [];
  for (let at = 0; at < words.length; at++) {
    const verb = word(at);
    if (isReportingParticiple(verb)) {
      // مضيفا أن …، لافتا إلى أن …: the same sentence's speaker goes on.
      const open = pastIla(at + 1);
      if (isComplementiser(word(open)) && !endsAfter(open - 1)) {
        const claim = clause(open + 1);
        if (claim) reports.push({ claim, actors: [] });
      }
      continue;
    }
    if (!isReportingVerb(verb) || endsAfter(at)) continue;
    const actors: { start: number; end: number }[] = [];
    let next = at + 1;
    const subjectEnd = phraseEnd(words, next);
    // A one-word subject before a quote that is not what was said (كتائب “حزب الله” العراقية): where
    // its name ends is the quote's to say.
    if (subjectEnd === next + 1 && OPENING_QUOTE.test(word(subjectEnd)) && !quotedToSentenceEnd(subjectEnd)) next = subjectEnd;
    else if (subjectEnd > next) {
      actors.push(original(next, subjectEnd));
      next = subjectEnd;
      // A second subject: المصدران الأمنيان وضابط كبير.
      if (word(next).startsWith('و') && !endsAfter(next - 1)) {
        const secondEnd = phraseEnd(words, next, { proclitic: 1 });
        if (secondEnd > next + 1 || (secondEnd === next + 1 && isActorHead(word(next).slice(1)))) {
          actors.push(original(next, secondEnd, 1));
          next = secondEnd;
        }
      }
    }
    let claim: { start: number; end: number } | null = null;
    for (let k = next; k < next + REACH && k < words.length; k++) {
      if (k > next && endsAfter(k - 1)) break;
      const w = word(k);
      if (isComplementiser(w)) {
        claim = clause(k + 1);
        break;
      }
      if (w === ':') {
        claim = clause(k + 1);
        break;
      }
      // A quote right after the subject is what was said when it runs to the sentence's end.
      if (k === next && OPENING_QUOTE.test(w) && quotedToSentenceEnd(k)) {
        claim = clause(k);
        break;
      }
      if (w === 'عن' && ABOUT_VERB.test(verb) && (k === next || (k === next + 1 && word(next) === '،'))) {
        claim = clause(k + 1);
        break;
      }
      if (isReportingVerb(w) || isReportingParticiple(w)) break;
      // Those a report came through: نقلا عن X، وفقا لـ X، بحسب X، (نقلت …) عن X.
      const through =
        (w === 'نقلا' && word(k + 1) === 'عن') ? { at: k + 2, proclitic: 0 }
        : (w === 'عن' && /^[وف]?نقل/u.test(verb)) ? { at: k + 1, proclitic: 0 }
        : (w === 'وفقا' || w === 'طبقا') && /^ل\p{L}{2,}/u.test(word(k + 1)) && !word(k + 1).startsWith('لما') ? { at: k + 1, proclitic: 1 }
        : (w === 'بحسب' || w === 'حسب') ? { at: k + 1, proclitic: 0 }
        // Told to: قال مصدران لرويترز إن …؛ في تصريحات لرويترز، أن …
        : /^ل(?!ل)\p{L}{3,}$/u.test(w) && (word(k + 1) === '،' || word(k + 1) === ',' || isComplementiser(word(k + 1))) ? { at: k, proclitic: 1 }
        : null;
      if (through && !endsAfter(through.at - 1)) {
        const end = phraseEnd(words, through.at, { proclitic: through.proclitic });
        if (end > through.at) {
          actors.push(original(through.at, end, through.proclitic));
          k = end - 1;
        }
      }
    }
    if (claim || actors.length > 0) reports.push({ claim, actors });
  }
  return reports;

  /** Whether the quote opening at words[at] closes right before its sentence's end. */
  function quotedToSentenceEnd(at: number): boolean {
    for (let k = at + 1; k < words.length; k++) {
      if (/^["”»’]$/u.test(word(k))) return k + 1 >= words.length || endsAfter(k) || SENTENCE_END.test(word(k + 1));
      if (endsAfter(k)) return false;
    }
    return false;
  }

  /** The clause opening at words[from]: to its sentence's or clause's end, quotes around it left out. */
  function clause(from: number): { start: number; end: number } | null {
    let start = from;
    if (OPENING_QUOTE.test(word(start))) start++;
    if (LEADING_ADVERB.test(word(start)) && word(start + 1) === 'ذلك') start += 2;
    // إنه يعتقد أن …، إن التقارير تشير إلى أن …: the inner clause is the claim.
    for (let k = start; k < start + 4 && k < words.length && !endsAfter(k); k++) {
      if (INNER_REPORT.test(word(k))) {
        const open = pastIla(k + 1);
        if (isComplementiser(word(open))) start = open + 1;
        break;
      }
    }
    let end = start;
    while (end < words.length) {
      const w = word(end);
      if (end > start && (isReportingVerb(w) || isReportingParticiple(w) || CLAUSE_OPENER.test(w))) break;
      // A comma ends the claim when another clause follows it (، وهو …؛ ، لافتا …), not in a list.
      if (end > start && (w === '،' || w === ',' || w === '؛') && opensClause(word(end + 1))) break;
      if (endsAfter(end)) {
        end++;
        break;
      }
      end++;
    }
    // Trailing punctuation and a closing quote are not the claim's.
    while (end > start && !words[end - 1]!.isWord) end--;
    if (words.slice(start, end).filter((w) => w.isWord).length < 2) return null;
    return original(start, end);
  }
}

/** Whether a word after a comma opens another clause: و before a word, a participle, a conjunction. */
function opensClause(word: string): boolean {
  return (word.startsWith('و') && word.length >= 3) || isReportingParticiple(word) || CLAUSE_OPENER.test(word) || isReportingVerb(word);
}
