/**
 * The sample corpus's one event told by several outlets (issue 14): the Zummar rockets claim in
 * 000, 002 and 004, and 001's different attack on Ain al-Asad, with the date each gives.
 */
import { codePointRange, openCore, type OpenCore } from './core.ts';
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

/** The samples with the Zummar claims in one cluster (000 and 002 with a date on their cards) and 001's claim alone. */
export function clusteredLibrary(): { file: string; cluster: string; claims: number[] } {
  const core = openCore({ annotator: 'layla' });
  const claims = ZUMMAR.map(({ document, claim }) => tagIn(core, document, claim, 'claim'));
  for (const i of [0, 1]) core.call('linkRole', { claim: claims[i]!, role: 'date', span: tagIn(core, ZUMMAR[i]!.document, ZUMMAR[i]!.date, 'date') });
  tagIn(core, AIN_AL_ASAD.document, AIN_AL_ASAD.claim, 'claim');
  const cluster = core.call('joinCluster', { spanId: claims[0]!, withSpanId: claims[1]! }).id;
  core.call('joinCluster', { spanId: claims[2]!, withSpanId: claims[0]! });
  core.close();
  return { file: core.file, cluster, claims };
}


const SHORT_CLAIMS = [
  [SEED_IDS[0]!, 'إطلاق 5 صواريخ على الأقل من بلدة زمار في العراق'],
  [SEED_IDS[2]!, 'خمسة صواريخ على الأقل أطلقت من بلدة زمار العراقية'],
  [SEED_IDS[4]!, 'خمسة صواريخ على الأقل انطلقت من بلدة زمار العراقية'],
  [SEED_IDS[1]!, 'أربعة صواريخ سقطت في محيط'],
] as const;

/**
 * A library where amal and badr tag the same four claims (000, 002, 004, 001) and cluster them
 * differently: amal {000 002 004} {001}, badr {000 002} {004 001}.
 */
export function twoAnnotators(): string {
  const core = openCore();
  const claims = () => SHORT_CLAIMS.map(([document, needle]) => tagIn(core, document, needle, 'claim'));
  core.call('setAnnotator', { name: 'amal' });
  const a = claims();
  core.call('joinCluster', { spanId: a[0]!, withSpanId: a[1]! });
  core.call('joinCluster', { spanId: a[2]!, withSpanId: a[0]! });
  core.call('setAnnotator', { name: 'badr' });
  const b = claims();
  core.call('joinCluster', { spanId: b[0]!, withSpanId: b[1]! });
  core.call('joinCluster', { spanId: b[2]!, withSpanId: b[3]! });
  core.close();
  return core.file;
}
