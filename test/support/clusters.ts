/**
 * The sample corpus's one event told by several outlets (issue 14): the Zummar rockets claim in
 * 000, 002 and 004, and 001's different attack on Ain al-Asad, with the date each gives.
 */
import type { OpenCore } from './core.ts';
import { codePointRange } from './core.ts';
import { SEED_IDS } from './fixtures.ts';

export const ZUMMAR = [
  { document: SEED_IDS[0]!, claim: 'إطلاق 5 صواريخ على الأقل من بلدة زمار في العراق باتجاه قاعدة عسكرية أمريكية في شمال شرق سوريا', date: 'الأحد', location: 'زمار' },
  { document: SEED_IDS[2]!, claim: 'خمسة صواريخ على الأقل أطلقت من بلدة زمار العراقية باتجاه قاعدة عسكرية أميركية في شمال شرق سوريا', date: 'الأحد', location: 'زمار' },
  { document: SEED_IDS[4]!, claim: 'خمسة صواريخ على الأقل انطلقت من بلدة زمار العراقية باتجاه قاعدة للتحالف في منطقة الرميلان', date: 'ليلة الاثنين', location: 'زمار' },
] as const;

export const AIN_AL_ASAD = { document: SEED_IDS[1]!, claim: 'أربعة صواريخ سقطت في محيط” قاعدة عين الأسد في محافظة الأنبار', location: 'عين الأسد' } as const;

/** Tags `needle` (its first occurrence) in the document; returns the span id. */
export function tagIn(core: OpenCore, documentId: string, needle: string, label: 'claim' | 'actor' | 'location' | 'date', layer?: 'gold'): number {
  const range = codePointRange(core.call('openDocument', { id: documentId }).text, needle);
  return core.call('createSpan', { documentId, ...range, label, ...(layer && { layer }) }).id;
}

