import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { datesIn } from '../../electron/core/suggest/dates.ts';

const found = (text: string) => datesIn(text).map(({ start, end }) => text.slice(start, end));

describe('date suggestions', () => {
  test('weekdays, with يوم or a time of day before and الماضي after', () => {
    assert.deepEqual(found('وأفادت مصادر أمنية، الأحد، أن'), ['الأحد']);
    assert.deepEqual(found('وقع الهجوم يوم السبت وليلة الاثنين ثم الأحد الماضي'), ['يوم السبت', 'ليلة الاثنين', 'الأحد الماضي']);
    assert.deepEqual(found('الأربعاء والخميس والجمعة'), ['الأربعاء', 'الخميس', 'الجمعة']);
    assert.deepEqual(found('أطلقت اليوم الخميس وأمس السبت'), ['اليوم الخميس', 'أمس السبت']);
  });

  test('Gregorian months in both name sets, Hijri months, day and year', () => {
    assert.deepEqual(found('منذ أوائل فبراير الماضي'), ['أوائل فبراير الماضي']);
    assert.deepEqual(found('في 16 يوليو/تموز، أطلقت'), ['16 يوليو/تموز']);
    assert.deepEqual(found('وفي يناير (كانون الثاني) 2024'), ['يناير (كانون الثاني) 2024']);
    assert.deepEqual(found('خلال تشرين الثاني الماضي'), ['تشرين الثاني الماضي']);
    assert.deepEqual(found('في 5 آذار 2023 ثم في أيار'), ['5 آذار 2023', 'أيار']);
    assert.deepEqual(found('في سبتمبر/أيلول المقبل'), ['سبتمبر/أيلول المقبل']);
    assert.deepEqual(found('في شهر رمضان وفي 10 ذو الحجة 1445 هـ'), ['شهر رمضان', '10 ذو الحجة 1445 هـ']);
  });

  test('digits Arabic-Indic and Western, and numeric dates', () => {
    assert.deepEqual(found('في ١٢ مارس ٢٠٢٤ و12 مارس 2024'), ['١٢ مارس ٢٠٢٤', '12 مارس 2024']);
    assert.deepEqual(found('بتاريخ ١٢/٣/٢٠٢٤ أو 2024-03-12'), ['١٢/٣/٢٠٢٤', '2024-03-12']);
    assert.deepEqual(found('منذ عام 2014'), ['عام 2014']);
  });

  test('relative expressions; a proclitic stays outside', () => {
    assert.deepEqual(found('قال أمس إن اليوم يختلف عن الليلة الماضية'), ['أمس', 'اليوم', 'الليلة الماضية']);
    assert.deepEqual(found('وأمس وصباح اليوم والأسبوع المقبل'), ['أمس', 'صباح اليوم', 'الأسبوع المقبل']);
    assert.deepEqual(found('وبالأمس'), ['الأمس']);
    assert.deepEqual(found('هذا الشهر وخلال الأسابيع الماضية ومنذ قليل'), ['هذا الشهر', 'الأسابيع الماضية', 'منذ قليل']);
    // Not a date: هذا before a word that is no span of time; قليل alone.
    assert.deepEqual(found('هذا القرار قليل الأثر'), []);
  });

  test('a clock time before a day; English dates as embedded posts print them', () => {
    assert.deepEqual(found('عند الساعة 9.30 من مساء الخميس'), ['الساعة 9.30 من مساء الخميس']);
    assert.deepEqual(found('نشر في March 3, 2023 وفي may 5 2022'), ['March 3, 2023', 'may 5 2022']);
    assert.deepEqual(found('Mayor 5, 2022'), []);
  });

  test('spellings with diacritics, tatweel, hamza or not', () => {
    assert.deepEqual(found('يومَ الأحَدِ وَإبريل وابريل وأمـــس'), ['يومَ الأحَدِ', 'إبريل', 'ابريل', 'أمـــس']);
  });

  test('words that only look like months are left alone', () => {
    // آب is also "father", صفر "zero": months only beside a day or a year.
    assert.deepEqual(found('قال الأب إن النتيجة صفر'), []);
    assert.deepEqual(found('في 3 آب 2020 وفي صفر 1442'), ['3 آب 2020', 'صفر 1442']);
    // Inside a longer word: no.
    assert.deepEqual(found('الأحدث والسبتي ومارسيل'), []);
  });
});
