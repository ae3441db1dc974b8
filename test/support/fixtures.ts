import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { seedsDir } from '../../electron/core/paths.ts';
import { addText, codePointRange, openCore } from './core.ts';

/** Ids of the sample articles a new library starts with: their file names without .txt. */
export const SEED_IDS: readonly string[] = readdirSync(seedsDir)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => basename(name, '.txt'))
  .sort();

/** Emoji (one of them a flag: two astral code points) before every entity. */
export const EMOJI_TEXT = '😀🇸🇦 عاجل: قال الرئيس 👍 في الرياض إنّ الاجتماع سيُعقد يوم 5 مايو.\nلا تعليق 📢';
export const EMOJI_ENTITIES = [
  { needle: 'الرئيس', label: 'actor' },
  { needle: 'الرياض', label: 'location' },
  { needle: 'يوم 5 مايو', label: 'date' },
  { needle: 'الاجتماع سيُعقد يوم 5 مايو', label: 'claim' },
  { needle: 'لا تعليق 📢', label: 'claim' },
] as const;

/** A library holding the samples plus EMOJI_TEXT with EMOJI_ENTITIES tagged through the core. */
export function libraryWithEmojiSpans(): { db: string; id: string } {
  const core = openCore();
  try {
    const id = addText(core, 'emoji', EMOJI_TEXT);
    for (const { needle, label } of EMOJI_ENTITIES) {
      core.call('createSpan', { documentId: id, ...codePointRange(EMOJI_TEXT, needle), label });
    }
    return { db: core.file, id };
  } finally {
    core.close();
  }
}
