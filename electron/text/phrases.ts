/**
 * Noun phrases of Arabic news text, read word by word in the folded text (normalise.ts): who did or
 * said something (مسؤول أمني كبير، وزارة الدفاع الأميركية، الجماعات المسلحة المدعومة من إيران) and
 * named places (بلدة زمار، محافظة الأنبار). No dictionary: a phrase is a head word, then words that
 * agree with it — after an indefinite head, indefinite adjectives (nisba: أمني، عراقيين) or one
 * definite noun (the idafa: وزارة الدفاع) and the definite adjectives after it; after a definite
 * head, definite words — and at most one participle with its preposition and object (المدعومة من
 * إيران، الموالية لإيران). It stops at anything else: punctuation, a verb, a preposition, a relative.
 */

/** A word or punctuation mark of the folded text; offsets are into the folded text. */
export interface Word {
  readonly word: string;
  readonly start: number;
  readonly end: number;
  /** Letters or digits (not punctuation). */
  readonly isWord: boolean;
}

const TOKEN = /[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;

/** The words and punctuation marks of a folded text, in order. */
export function wordsOf(folded: string): Word[] {
  return Array.from(folded.matchAll(TOKEN), (m) => ({ word: m[0], start: m.index, end: m.index + m[0].length, isWord: /[\p{L}\p{N}]/u.test(m[0]) }));
}

/** Words (folded) that never continue a phrase: particles, prepositions, relatives, pronouns, auxiliaries. */
const STOP = new Set([
  'ان', 'انه', 'انها', 'انهم', 'انهما', 'بان', 'بانه', 'بانها', 'الذي', 'التي', 'الذين', 'اللذين', 'اللتين', 'اللذان',
  'في', 'علي', 'عن', 'من', 'الي', 'مع', 'خلال', 'بعد', 'قبل', 'منذ', 'حول', 'ضد', 'عند', 'لدي', 'نحو', 'بين', 'دون',
  'هو', 'هي', 'هم', 'وهو', 'وهي', 'وهم', 'قد', 'لقد', 'لم', 'لن', 'لا', 'ما', 'كان', 'كانت', 'اي', 'او', 'ثم', 'كما', 'حيث', 'بينما', 'فيما',
  'الان', 'اليوم', 'امس', 'غدا', 'ايضا', 'الاثنين', 'الثلاثاء', 'الاربعاء', 'الخميس', 'الجمعه', 'السبت', 'الاحد',
]);

const definite = (word: string) => word.startsWith('ال') && word.length >= 4 && !STOP.has(word);
/**
 * A relative (nisba) adjective, indefinite: أمني، أمنية، عراقيون، عراقيين، أمنيان، عربيات. Not a
 * present verb (يأتي), nor a definite word after a proclitic (والميليشيات).
 */
const nisba = (word: string) => /^[^ي]\p{L}{2,}(?:ي|يه|يون|يين|يان|يتان|يتين|يات)$/u.test(word) && !/^(?:[وفبلك]?ال|لل)/u.test(word) && !STOP.has(word);
/** A word ends as a nisba adjective does (الأمريكية). */
const nisbaLike = (word: string) => /(?:ي|يه|يون|يين|يان|يتان|يتين|يات)$/u.test(word);
/** Indefinite adjectives that are not nisba, common after مسؤول، مصدر، ضابط. */
const ADJECTIVES = new Set(['اخر', 'اخري', 'اخرون', 'اخرين', 'كبير', 'كبيره', 'كبار', 'رفيع', 'رفيعه', 'بارز', 'بارزه', 'سابق', 'سابقه', 'مطلع', 'مطلعه', 'مطلعون', 'مطلعين', 'مسؤول', 'مسؤوله']);
const indefiniteAdjective = (word: string) => nisba(word) || ADJECTIVES.has(word);
/** A participle (Forms II–X start with م): المدعومة، متحالفة، الموالية. */
const participle = (word: string) => /^(?:ال)?م\p{L}{3,}$/u.test(word) && !STOP.has(word);
/** ل before a noun: لإيران (folded لايران), للولايات. */
const LAM_OBJECT = /^(?:لل|ل)\p{L}{2,}$/u;

/** Heads that take a name as their second word: وكالة رويترز، حزب الله، حركة حماس. */
const NAME_HEADS = new Set(['وكاله', 'صحيفه', 'قناه', 'شبكه', 'موقع', 'حركه', 'حزب', 'كتائب', 'تنظيم', 'جماعه']);

/**
 * Where the phrase headed by words[head] ends (index after its last word), reading as the module
 * comment says; at most `longest` words.
 */
export function phraseEnd(words: readonly Word[], head: number, options: { proclitic?: number; longest?: number } = {}): number {
  const { proclitic = 0, longest = 7 } = options;
  const first = words[head];
  // The head without its proclitic (وضابط, لرويترز), when the caller says it has one.
  const headWord = first?.word.slice(proclitic) ?? '';
  if (!first?.isWord || headWord.length < 2 || STOP.has(headWord)) return head;
  let isDefinite = definite(headWord);
  const person = PERSONS.has(headWord) || PERSONS.has(headWord.slice(2));
  // Whether an idafa noun or a name may come next: right after an indefinite head that is not a
  // person (مصدر الصواريخ is no one), or after a head that takes a name (كتائب حزب الله).
  let open = !isDefinite && !person;
  let end = head + 1;
  const word = (at: number) => (words[at]?.isWord ? words[at]!.word : null);
  while (end - head < longest) {
    const next = word(end);
    if (next === null) break;
    // A participle and its object end the phrase: الجماعات المدعومة من إيران، الموالية لإيران.
    if (participle(next) && next.startsWith('ال') === isDefinite) {
      const preposition = word(end + 1);
      const object = word(end + 2);
      if ((preposition === 'من' || preposition === 'مع') && object !== null && !STOP.has(object)) {
        let objectEnd = end + 3;
        if (definite(object)) while (objectEnd - head < longest + 2 && word(objectEnd) !== null && definite(word(objectEnd)!)) objectEnd++;
        return objectEnd;
      }
      if (preposition !== null && LAM_OBJECT.test(preposition)) return end + 2;
    }
    if (isDefinite ? definite(next) : indefiniteAdjective(next) || participle(next)) {
      if (!isDefinite) open = false;
      end++;
      continue;
    }
    // و between adjectives of one noun: مسؤولين عراقيين وأمريكيين.
    const joined = next.startsWith('و') ? next.slice(1) : '';
    if (joined !== '' && end > head + 1 && (isDefinite ? definite(joined) && nisbaLike(joined) : nisba(joined))) {
      end++;
      continue;
    }
    if (open && (definite(next) || NAME_HEADS.has(end === head + 1 ? headWord : words[end - 1]!.word))) {
      // The idafa (وزارة الدفاع) or a name after its head (وكالة رويترز).
      isDefinite = true;
      open = NAME_HEADS.has(next);
      end++;
      continue;
    }
    break;
  }
  // Led by: التحالف الذي تقوده الولايات المتحدة، القوات التي يقودها الجيش.
  if (isDefinite && /^(?:الذي|التي)$/u.test(word(end) ?? '') && /^[يت]قود(?:ه|ها)$/u.test(word(end + 1) ?? '') && definite(word(end + 2) ?? '')) {
    let leaderEnd = end + 3;
    while (leaderEnd < end + 5 && word(leaderEnd) !== null && definite(word(leaderEnd)!)) leaderEnd++;
    return leaderEnd;
  }
  // A person of an institution: ضابط في الجيش، ضابط كبير بالجيش.
  if (person) {
    const after = word(end);
    if (after === 'في' && word(end + 1) !== null && definite(word(end + 1)!) && isActorHead(word(end + 1)!)) return phraseEnd(words, end + 1);
    if (after?.startsWith('بال') && isActorHead(after.slice(1))) return phraseEnd(words, end, { proclitic: 1 });
  }
  // A head that needs what follows it (رئيس، كتائب) is no phrase alone.
  if (end === head + 1 && (headWord.length < 3 || NAME_HEADS.has(headWord) || CONSTRUCTS.has(headWord))) return head;
  return end;
}

/** Persons (folded, without the article): they take adjectives, not an idafa. */
const PERSONS = new Set(['مسؤول', 'مسؤولون', 'مسؤولين', 'مسؤوله', 'مصدر', 'مصادر', 'مصدران', 'مصدرين', 'ضابط', 'ضباط', 'متحدث', 'متحدثه', 'عنصر', 'عناصر', 'شاهد', 'شهود', 'سكان']);
/** Nouns that are titles of what follows (رئيس الوزراء، قائد القوة): never a phrase alone. */
const CONSTRUCTS = new Set(['رئيس', 'قائد', 'وزير', 'مدير', 'عضو', 'نائب', 'امين', 'زعيم', 'وزاره', 'خليه', 'هيئه']);

/** Heads of actor descriptions (folded, without the article): groups, forces, institutions, officials, sources. */
const ACTOR_HEADS = new Set([
  ...PERSONS,
  'قوات', 'قوه', 'جيش', 'جماعات', 'جماعه', 'فصائل', 'فصيل', 'ميليشيات', 'مليشيات', 'ميليشيا', 'حشد', 'وزاره', 'حكومه', 'تنظيم', 'كتائب',
  'خليه', 'حركه', 'هيئه', 'مقاومه', 'وكاله', 'شرطه', 'تحالف',
]);

/** Whether `word` (folded) heads an actor description. */
export function isActorHead(word: string): boolean {
  return ACTOR_HEADS.has(word) || (word.startsWith('ال') && ACTOR_HEADS.has(word.slice(2)));
}

/** Heads of named places: the place's kind, then its name (بلدة زمار، محافظة الأنبار، قاعدة عين الأسد). */
const PLACE_HEADS = new Set(['محافظه', 'قضاء', 'ناحيه', 'قريه', 'بلده', 'مدينه', 'منطقه', 'مخيم', 'معسكر', 'مطار', 'ميناء', 'حي', 'ولايه', 'اقليم', 'قاعده']);
/** Compass points, alone or two together, before a place: شمال سوريا، شمال شرق سوريا، غرب نينوى. */
const DIRECTIONS = new Set(['شمال', 'جنوب', 'شرق', 'غرب']);

/** Places named by what they are of: الحدود السورية، الأراضي العراقية (a nisba adjective must follow). */
const DESCRIBED_PLACES = new Set(['الحدود', 'الاراضي', 'الاجواء', 'المياه', 'العاصمه']);

export function isPlaceHead(word: string): boolean {
  return PLACE_HEADS.has(word) || DIRECTIONS.has(word) || DESCRIBED_PLACES.has(word);
}

/**
 * Where the place a place head (or compass point) starts ends: the head and a name — not an
 * adjective (a nisba or definite adjective describes the place, مدينة عراقية، القاعدة الجوية,
 * rather than names it), not a preposition's object (قاعدة للتحالف، قاعدة بالأردن), not a stop word.
 * A name is one word and a definite word after it (عين الأسد), or a definite word and its definite
 * adjectives (التحالف الدولي). `head` itself when there is no name.
 */
export function placeNameEnd(words: readonly Word[], head: number): number {
  if (DESCRIBED_PLACES.has(words[head]!.word)) {
    let end = head + 1;
    while (end < head + 3 && words[end]?.isWord && definite(words[end]!.word) && nisbaLike(words[end]!.word)) end++;
    return end > head + 1 ? end : head;
  }
  let at = head + 1;
  if (DIRECTIONS.has(words[head]!.word) && DIRECTIONS.has(words[at]?.word ?? '') && words[at]!.word !== words[head]!.word) at++;
  const name = words[at];
  if (!name?.isWord || STOP.has(name.word) || nisba(name.word) || DIRECTIONS.has(name.word) || /^\d/u.test(name.word)) return head;
  if (/^(?:لل|[وبل]ال)/u.test(name.word) || (name.word.startsWith('ال') && nisbaLike(name.word))) return head;
  let end = at + 1;
  const isDefinite = (k: number) => words[k]?.isWord === true && definite(words[k]!.word);
  if (!name.word.startsWith('ال')) {
    if (isDefinite(end) && !nisbaLike(words[end]!.word)) end++;
  } else {
    while (end < at + 3 && isDefinite(end)) end++;
  }
  return end;
}
