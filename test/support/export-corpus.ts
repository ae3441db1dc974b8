/**
 * The small library the export tests write in every format: nested spans, emoji before entities,
 * entities inside clitic-bearing words (العراق in بالعراق, سوريا in وسوريا), two annotators, a
 * note, a claim over a line break, two spans of one layer that cross, and an untagged document.
 * Timestamps are fixed, so exports of it are byte-for-byte the same on every run.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Input } from '../../electron/contract/contract.ts';
import { runExport } from '../../electron/core/export/job.ts';
import { openHamish } from '../../electron/core/hamish.ts';
import { addText, codePointRange, openCore, type OpenCore } from './core.ts';
import { PROJECT_ROOT, tempDir } from './hamish.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

export const EMOJI = '😀🇸🇦 عاجل: قال الرئيس 👍 في الرياض إنّ الاجتماع سيُعقد يوم 5 مايو.\nلا تعليق 📢';
export const CLITIC = 'أعلنت الحكومة أن القوات انتشرت بالعراق وسوريا، وقال وزير الدفاع للصحفيين إن الوضع مستقر في بغداد.';
export const UNTAGGED = 'لا جديد في سوريا اليوم.';

export const IDS = { emoji: 'a-emoji', clitic: 'b-clitic', untagged: 'c-untagged' } as const;
export const ANNOTATORS = ['layla', 'omar'] as const;
export const NOTE = 'أي رئيس؟\nلم يُذكر الاسم';
export const NOW = new Date('2026-01-02T03:04:05.000Z');

type Tag = { readonly id: string; readonly text: string; readonly needle: string; readonly label: Input<'createSpan'>['label'] };

const LAYLA: readonly Tag[] = [
  { id: IDS.emoji, text: EMOJI, needle: 'الرئيس', label: 'actor' },
  { id: IDS.emoji, text: EMOJI, needle: 'الرياض', label: 'location' },
  { id: IDS.emoji, text: EMOJI, needle: 'يوم 5 مايو', label: 'date' },
  { id: IDS.emoji, text: EMOJI, needle: 'الاجتماع سيُعقد يوم 5 مايو', label: 'claim' },
  { id: IDS.clitic, text: CLITIC, needle: 'العراق', label: 'location' },
  { id: IDS.clitic, text: CLITIC, needle: 'سوريا', label: 'location' },
  { id: IDS.clitic, text: CLITIC, needle: 'وزير الدفاع', label: 'actor' },
  { id: IDS.clitic, text: CLITIC, needle: 'بغداد', label: 'location' },
  { id: IDS.clitic, text: CLITIC, needle: 'الوضع مستقر في بغداد', label: 'claim' },
];

const OMAR: readonly Tag[] = [
  { id: IDS.emoji, text: EMOJI, needle: 'الرئيس 👍 في', label: 'actor' },
  // Crosses the actor above in the entities column: CoNLL cannot write it.
  { id: IDS.emoji, text: EMOJI, needle: 'في الرياض', label: 'location' },
  { id: IDS.emoji, text: EMOJI, needle: 'الاجتماع سيُعقد يوم 5 مايو.\nلا تعليق', label: 'claim' },
];

function tag(core: OpenCore, tags: readonly Tag[]): void {
  for (const { id, text, needle, label } of tags) core.call('createSpan', { documentId: id, ...codePointRange(text, needle), label });
}

/** Builds the library in a new temp folder; returns its file. */
export function exportCorpus(): string {
  const layla = openCore({ annotator: 'layla', seed: false });
  try {
    addText(layla, IDS.emoji, EMOJI);
    addText(layla, IDS.clitic, CLITIC);
    addText(layla, IDS.untagged, UNTAGGED);
    tag(layla, LAYLA);
    const president = layla.call('openDocument', { id: IDS.emoji }).spans.find((s) => s.label === 'actor')!;
    layla.call('updateSpan', { id: president.id, note: NOTE });
    layla.call('setDocumentStatus', { id: IDS.emoji, status: 'done' });
  } finally {
    layla.close();
  }
  const omar = openCore({ annotator: 'omar', file: layla.file });
  try {
    tag(omar, OMAR);
    connectionOf(omar.hamish).prepare('UPDATE annotations SET created_at = ?, updated_at = ?').run(NOW.toISOString(), NOW.toISOString());
  } finally {
    omar.close();
  }
  return layla.file;
}

export type ExportRequest = Omit<Input<'exportDataset'>, 'out'>;

/** Exports `db` in-process (the core, as the contract calls it) at the fixed time; returns the path. */
export function exportInProcess(db: string, request: ExportRequest, name = 'export'): string {
  const out = join(tempDir(), name);
  const hamish = openHamish({ database: db, seed: false, annotator: 'layla' });
  try {
    runExport(connectionOf(hamish), { ...request, destination: out, now: NOW });
  } finally {
    hamish.close();
  }
  return out;
}

/** Every file of an export (a file, or a folder's files by relative path) with its text. */
export function readExport(path: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    if (statSync(at).isDirectory()) {
      for (const name of readdirSync(at).sort()) walk(join(at, name));
    } else {
      files.set(relative(path, at) || '.', readFileSync(at, 'utf8'));
    }
  };
  walk(path);
  return files;
}

export const GOLDEN = join(PROJECT_ROOT, 'test', 'fixtures', 'export');

/** The tool version changes with every release; golden files say VERSION instead. */
export function withoutVersion(text: string): string {
  return text.replace(/("tool_version": ?)"[^"]*"/g, '$1"VERSION"');
}

/** Writes `files` as the golden copy `name` (a file, or a folder when there are several). */
export function writeGolden(name: string, files: Map<string, string>): void {
  for (const [path, text] of files) {
    const target = path === '.' ? join(GOLDEN, name) : join(GOLDEN, name, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, withoutVersion(text));
  }
}

/** Imports `path` into a new, empty library; returns the library and the import's report. */
export function importIntoEmpty(path: string) {
  const core = openCore({ seed: false, annotator: 'someone-else' });
  try {
    return { db: core.file, report: core.call('importFiles', { paths: [path] }) };
  } finally {
    core.close();
  }
}
