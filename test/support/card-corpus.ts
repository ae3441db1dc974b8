/**
 * A small library of claim cards for the export and import tests: the Reuters chain (a via of
 * two, out of text order, a source outside the claim, a location and a date, hedged), a denied
 * claim with its source in the next line, a claim over a line break, a card with a stance and no
 * role, a claim without a card, and a second annotator's cards on the same text. Times are
 * fixed, so exports of it are the same on every run.
 */
import { addText, codePointRange, openCore, type OpenCore } from './core.ts';
import { NOW } from './export-corpus.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

export const REUTERS =
  'نقلت قناة الحدث عن وكالة رويترز نقلا عن مسؤول أمريكي، أن مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق يوم الأحد.\n' +
  'وقال مصدران أمنيان عراقيان 📢، إن الهجوم لم يقع.';
export const OTHER = 'قالت الوزارة في بيان إن المفاوضات مستمرة، وإن الاتفاق قريب.';
export const CARD_IDS = { reuters: 'reuters', other: 'other' } as const;

type Labelled = 'claim' | 'actor' | 'location' | 'date';

function tagger(core: OpenCore, documentId: string, text: string) {
  return (needle: string, label: Labelled) => core.call('createSpan', { documentId, ...codePointRange(text, needle), label }).id;
}

/** Builds the library in a new temp folder; returns its file. */
export function cardCorpus(): string {
  const layla = openCore({ annotator: 'layla', seed: false });
  try {
    addText(layla, CARD_IDS.reuters, REUTERS);
    addText(layla, CARD_IDS.other, OTHER);
    const tag = tagger(layla, CARD_IDS.reuters, REUTERS);
    const claim = tag('مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق يوم الأحد', 'claim');
    const outlet = tag('قناة الحدث', 'actor');
    const agency = tag('وكالة رويترز', 'actor');
    const official = tag('مسؤول أمريكي', 'actor');
    const iraq = tag('العراق', 'location');
    const sunday = tag('يوم الأحد', 'date');
    layla.call('linkRole', { claim, role: 'source', span: official });
    layla.call('linkRole', { claim, role: 'via', span: agency });
    layla.call('linkRole', { claim, role: 'via', span: outlet });
    layla.call('linkRole', { claim, role: 'location', span: iraq });
    layla.call('linkRole', { claim, role: 'date', span: sunday });
    layla.call('setStance', { claim, stance: 'hedged' });
    const denied = tag('الهجوم لم يقع', 'claim');
    const sources = tag('مصدران أمنيان عراقيان', 'actor');
    layla.call('linkRole', { claim: denied, role: 'source', span: sources });
    layla.call('setStance', { claim: denied, stance: 'denied' });

    const other = tagger(layla, CARD_IDS.other, OTHER);
    const talks = other('المفاوضات مستمرة', 'claim');
    other('الاتفاق قريب', 'claim'); // no card
    other('الوزارة', 'actor'); // fills no role
    layla.call('setStance', { claim: talks, stance: 'hedged' });
  } finally {
    layla.close();
  }
  const omar = openCore({ annotator: 'omar', file: layla.file });
  try {
    const tag = tagger(omar, CARD_IDS.reuters, REUTERS);
    const claim = tag('دمرت قاذفة صواريخ في العراق يوم الأحد.\nوقال', 'claim');
    const official = tag('مسؤول أمريكي', 'actor');
    const iraq = tag('العراق', 'location');
    omar.call('linkRole', { claim, role: 'source', span: official });
    omar.call('linkRole', { claim, role: 'location', span: iraq });
    connectionOf(omar.hamish).prepare('UPDATE annotations SET created_at = ?, updated_at = ?').run(NOW.toISOString(), NOW.toISOString());
  } finally {
    omar.close();
  }
  return layla.file;
}
