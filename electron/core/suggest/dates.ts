/**
 * Date expressions in Arabic news text: weekdays, Gregorian months in both their name sets
 * (يناير … and كانون الثاني …), Hijri months, day-month-year and numeric dates, and the relative
 * expressions reporters use (أمس، اليوم، الليلة الماضية، الأحد الماضي، أوائل فبراير الماضي، هذا الأسبوع،
 * الأشهر الأخيرة، منذ قليل), a clock time before a day, and English dates (April 21, 2024).
 * Matched in the folded text (normalise.ts), so digits of either form and spellings with or without
 * hamza and diacritics are found alike; a proclitic before the expression stays outside it.
 */
import { foldWithOrigin } from '../../text/normalise.ts';
import { matchesIn, type Range } from './occurrences.ts';

const any = (words: readonly string[]) => `(?:${words.join('|')})`;

const WEEKDAYS = ['الاحد', 'الاثنين', 'الثلاثاء', 'الاربعاء', 'الخميس', 'الجمعه', 'السبت'];
const GREGORIAN = ['يناير', 'فبراير', 'مارس', 'ابريل', 'مايو', 'يونيو', 'يونيه', 'يوليو', 'يوليه', 'اغسطس', 'سبتمبر', 'اكتوبر', 'نوفمبر', 'ديسمبر'];
const LEVANTINE = ['كانون الثاني', 'شباط', 'اذار', 'نيسان', 'ايار', 'حزيران', 'تموز', 'ايلول', 'تشرين الاول', 'تشرين الثاني', 'كانون الاول'];
const HIJRI = ['محرم', 'ربيع الاول', 'ربيع الثاني', 'ربيع الاخر', 'جمادي الاولي', 'جمادي الاخره', 'جمادي الثانيه', 'رجب', 'شعبان', 'رمضان', 'شوال', 'ذو القعده', 'ذو الحجه'];
/** Month names that are also common words (آب: father; صفر: zero): months only beside a day or a year. */
const AMBIGUOUS_MONTHS = ['اب', 'صفر'];

const MONTH = any([...LEVANTINE, ...GREGORIAN, ...HIJRI].map((m) => m.replace(' ', '\\s+')));
const DAY = '\\d{1,2}';
const YEAR = '\\d{4}(?:\\s*(?:م|ه)(?![\\p{L}]))?';
const PART = any(['اوائل', 'اواخر', 'اواسط', 'منتصف', 'مطلع', 'بدايه', 'نهايه', 'مستهل', 'اول', 'اخر']);
const RELATIVE = any(['الماضي', 'الماضيه', 'المقبل', 'المقبله', 'القادم', 'القادمه', 'الجاري', 'الحالي']);
const TIME_OF_DAY = any(['صباح', 'مساء', 'فجر', 'ظهر', 'ليل', 'ليله', 'ظهيره', 'عصر']);
/** A clock time before a day: الساعة 21.50 من يوم الأحد. */
const CLOCK = '(?:الساعه\\s+\\d{1,2}(?:[.:]\\d{2})?\\s+(?:من\\s+)?)?';
const WEEKDAY = `${CLOCK}(?:(?:يوم|اليوم|امس|غدا|${TIME_OF_DAY})\\s+)?${any(WEEKDAYS)}(?:\\s+${RELATIVE})?`;
/**
 * Month (of any calendar), with what may stand around it: a day before, the other name set's name
 * after it (16 يوليو/تموز, يناير (كانون الثاني)), a year, early/late, last/next.
 */
const MONTH_DATE =
  `(?:${PART}\\s+(?:شهر\\s+)?)?(?:${DAY}\\s+)?(?:شهر\\s+)?${MONTH}(?:\\s*\\(\\s*${MONTH}\\s*\\)|\\s*/\\s*${MONTH})?(?:\\s+${YEAR})?(?:\\s+${RELATIVE})?`;
const AMBIGUOUS_DATE = `${DAY}\\s+${any(AMBIGUOUS_MONTHS)}(?:\\s+${YEAR})?|${any(AMBIGUOUS_MONTHS)}\\s+${YEAR}`;
const NUMERIC = `${DAY}[/.-]${DAY}[/.-](?:\\d{4}|\\d{2})|\\d{4}-\\d{1,2}-\\d{1,2}`;
const YEAR_DATE = `(?:عام|سنه|العام)\\s+${YEAR}`;
const RELATIVE_DAYS = [
  `(?:${TIME_OF_DAY}\\s+)?(?:امس\\s+الاول|اول\\s+امس|(?:ال)?امس|اليوم|غدا)`,
  `(?:الليله|الاسبوع|الشهر|العام|السنه|الاسبوع|صباح|مساء|فجر)\\s+${RELATIVE}`,
  'الليله',
  `(?:هذا|هذه)\\s+(?:الاسبوع|الشهر|العام|السنه|الصباح|المساء|الليله)`,
  `(?:الايام|الاسابيع|الاشهر|الشهور|السنوات|الساعات)\\s+(?:الاخيره|الماضيه|المقبله|القادمه)`,
  '(?:منذ|قبل|بعد)\\s+قليل',
];
/** Dates in English, as embedded posts print them: April 21, 2024. */
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ENGLISH = `${any(ENGLISH_MONTHS.map((m) => `[${m[0]}${m[0]!.toLowerCase()}]${m.slice(1)}`))}\\s+${DAY},?\\s+\\d{4}`;

const DATE = new RegExp(
  `(?<![\\p{L}\\p{N}])([وف]?[بل]?)(${[NUMERIC, MONTH_DATE, AMBIGUOUS_DATE, WEEKDAY, YEAR_DATE, ...RELATIVE_DAYS, ENGLISH].join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** The date expressions of `text` (UTF-16 ranges), in order. */
export function datesIn(text: string): Range[] {
  return matchesIn(foldWithOrigin(text), text, DATE).map(({ start, end }) => ({ start, end }));
}
