/**
 * Suggestions read from the shape of the text, not from lists: claims and the actors they are
 * attributed to (attribution.ts: قال مسؤول أمني إن …), actor descriptions headed by a group, force,
 * institution or official (phrases.ts: الجماعات المسلحة المدعومة من إيران، مصدر أمني عراقي), and
 * places named after their kind (بلدة زمار، محافظة الأنبار). Offsets are UTF-16 of the original.
 */
import type { Label } from '../../contract/labels.ts';
import { reportsIn } from '../../text/attribution.ts';
import { foldWithOrigin, toOriginal, type Folded } from '../../text/normalise.ts';
import { isActorHead, isPlaceHead, phraseEnd, placeNameEnd, wordsOf } from '../../text/phrases.ts';
import type { Range } from './occurrences.ts';

export interface Patterned extends Range {
  readonly label: Label;
  readonly source: 'reporting' | 'phrases';
}

/** Proclitics a head may carry: و or ف, then ب or ل before the article (والقوات، بالجيش، لوزارة is left whole). */
const PROCLITIC = /^[وف]?(?:[بل](?=ال))?/u;

/** What `text` (`folded`: its folded form, when the caller has it) suggests by its shape. */
export function patternsIn(text: string, folded: Folded = foldWithOrigin(text)): Patterned[] {
  const found: Patterned[] = [];
  for (const { claim, actors } of reportsIn(text, folded)) {
    if (claim) found.push({ ...claim, label: 'claim', source: 'reporting' });
    for (const actor of actors) found.push({ ...actor, label: 'actor', source: 'reporting' });
  }
  const words = wordsOf(folded.folded);
  for (let at = 0; at < words.length; at++) {
    const { word, start } = words[at]!;
    // وزارة is a word, not و + زارة: the whole word is tried first.
    const proclitic = isActorHead(word) || isPlaceHead(word) ? 0 : PROCLITIC.exec(word)![0].length;
    const stem = word.slice(proclitic);
    if (isActorHead(stem)) {
      // A head alone (القوات، مسؤول) says too little to be offered everywhere: a description has a modifier.
      const end = phraseEnd(words, at, { proclitic });
      if (end >= at + 2) {
        found.push({ ...toOriginal(folded, text, start + proclitic, words[end - 1]!.end), label: 'actor', source: 'phrases' });
        at = end - 1;
      }
    } else if (isPlaceHead(stem)) {
      const end = placeNameEnd(words, at);
      if (end > at) {
        found.push({ ...toOriginal(folded, text, start + proclitic, words[end - 1]!.end), label: 'location', source: 'phrases' });
        at = end - 1;
      }
    }
  }
  return found;
}
