/**
 * Where an export goes. Files are written beside their destination and renamed into place when
 * the export is complete, so a crash or a cancel never leaves half a dataset: `--out FILE` is
 * staged as FILE.partial-PID, a folder export as FOLDER.partial-PID/.
 */
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HamishError } from '../../contract/errors.ts';

/** What a format writes to. */
export interface Output {
  /** Appends to the export's main file (the file itself, or the folder's main file). */
  write(chunk: string): void;
  /** Writes a whole file at `path` inside the export folder. Folder exports only. */
  file(path: string, content: string): void;
}

export interface StagedOutput extends Output {
  /** The manifest: FILE.manifest.json beside a file, manifest.json inside a folder. */
  manifest(content: string): void;
  /** Moves everything into place. */
  commit(): void;
  /** Removes everything staged. Safe to call twice, and after a failed commit. */
  abort(): void;
}

export type Layout = { kind: 'file' } | { kind: 'folder'; mainFile: string | null };

/** Chunks are gathered to about this many UTF-16 units before each write: few system calls. */
const BUFFER = 1 << 16;

class Buffered {
  private chunks: string[] = [];
  private size = 0;
  private readonly sink: (data: string) => void;

  constructor(sink: (data: string) => void) {
    this.sink = sink;
  }

  write(chunk: string): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size >= BUFFER) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    const data = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    this.sink(data);
  }
}

export function cannotWrite(out: string, error: unknown): HamishError {
  return new HamishError('io', `cannot write ${out}: ${(error as Error).message}`);
}

/** Runs `fn`, reporting a file system failure as "cannot write OUT". */
function writing<T>(out: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof Error && 'syscall' in error) throw cannotWrite(out, error);
    throw error;
  }
}

/** An export to `out`, staged as described above. */
export function stagedOutput(out: string, layout: Layout): StagedOutput {
  const suffix = `.partial-${process.pid}`;
  const staging = out + suffix;
  const folder = layout.kind === 'folder';
  /** Final path ← staged path, renamed in this order: the export first, then its manifest. */
  const renames: [string, string][] = [];
  let fd: number | null = null;

  writing(out, () => {
    if (folder) {
      refuseFullFolder(out);
      mkdirSync(staging);
      renames.push([out, staging]);
    }
    const main = folder ? (layout.mainFile === null ? null : join(staging, layout.mainFile)) : staging;
    if (main !== null) fd = openSync(main, 'w');
    if (!folder) renames.push([out, staging]);
  });
  const buffer = new Buffered((data) => writing(out, () => void writeSync(fd!, data)));
  const closeMain = () => {
    if (fd !== null) closeSync(fd);
    fd = null;
  };

  return {
    write: (chunk) => {
      if (fd === null) throw new Error('this export has no main file');
      buffer.write(chunk);
    },
    file: (path, content) => {
      if (!folder) throw new Error('only folder exports hold files');
      writing(out, () => {
        mkdirSync(dirname(join(staging, path)), { recursive: true });
        writeFileSync(join(staging, path), content);
      });
    },
    manifest: (content) => {
      if (folder) {
        writing(out, () => writeFileSync(join(staging, 'manifest.json'), content));
        return;
      }
      const beside = `${out}.manifest.json`;
      writing(beside, () => writeFileSync(beside + suffix, content));
      renames.push([beside, beside + suffix]);
    },
    commit: () => {
      buffer.flush();
      closeMain();
      writing(out, () => {
        for (const [final, staged] of renames) renameSync(staged, final);
      });
      renames.length = 0;
    },
    abort: () => {
      try {
        closeMain();
      } finally {
        for (const [, staged] of renames) rmSync(staged, { recursive: true, force: true });
        renames.length = 0;
      }
    },
  };
}

/** A folder export makes a new folder (or fills an empty one); it never mixes with old files. */
function refuseFullFolder(out: string): void {
  const stat = statSync(out, { throwIfNoEntry: false });
  if (!stat) return;
  if (!stat.isDirectory()) throw new HamishError('io', `cannot write ${out}: it is a file, and this format writes a folder`);
  if (readdirSync(out).length > 0) throw new HamishError('io', `cannot write ${out}: the folder is not empty`);
}
