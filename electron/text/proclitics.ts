/**
 * Arabic proclitics: the conjunctions و and ف, then one of the prepositions ب, ك, ل, or لل (ل before
 * an article whose alef is dropped, as in للتحالف). The article ال is not one: it stays with its word.
 * "بالعراق" is ب + العراق; "لرويترز" is ل + رويترز.
 */
const PROCLITIC_RUN = /^[وف]?(?:لل|[بكل])?/u;

/** Whether `prefix` is a whole, non-empty run of proclitics. */
export function isProcliticRun(prefix: string): boolean {
  return prefix !== '' && PROCLITIC_RUN.exec(prefix)![0] === prefix;
}

/**
 * Whether `stem`, found after proclitics, is a word in its own right: the article and at least two
 * letters (so وكالة is not و + ك + "الة"), or a word `isWord` knows (usually: one that occurs on
 * its own somewhere in the corpus).
 */
export function standsAlone(stem: string, isWord: (word: string) => boolean): boolean {
  return (stem.startsWith('ال') && stem.length >= 4) || (stem.length >= 2 && isWord(stem));
}

/** The ways to read `word` as proclitics + stem, the longest run of proclitics first. */
export function procliticSplits(word: string): { proclitic: string; stem: string }[] {
  const longest = PROCLITIC_RUN.exec(word)![0];
  const splits: { proclitic: string; stem: string }[] = [];
  for (let length = longest.length; length > 0; length--) {
    const proclitic = word.slice(0, length);
    if (isProcliticRun(proclitic) && word.length - length >= 2) splits.push({ proclitic, stem: word.slice(length) });
  }
  return splits;
}

/**
 * The proclitics to strip from the start of `word`: the longest run whose stem stands alone, or
 * none (ب in بلدة belongs to the word; an exact edge is what Alt-drag is for).
 */
export function procliticToStrip(word: string, isWord: (word: string) => boolean): string {
  return procliticSplits(word).find((s) => standsAlone(s.stem, isWord))?.proclitic ?? '';
}
