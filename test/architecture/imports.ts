/**
 * Who imports what, read from the sources. TypeScript 7 has no JavaScript parser to ask, so two
 * readers: every import written in a file (type-only ones too: a door must not lean on a core
 * module's types either), and, for what reaches the page, esbuild bundling the renderer as Vite
 * would (verbatimModuleSyntax: `import type` is erased, `import { type A }` still loads A's module).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { buildSync } from 'esbuild';

export interface Edge {
  /** The importing file, relative to the root, with / separators. */
  readonly from: string;
  /** A file relative to the root (a relative import), or the bare specifier ('zod', 'node:fs'). */
  readonly to: string;
  readonly line: number;
}

const SOURCE = /\.(ts|tsx)$/;

export function sourceFiles(root: string, folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(path);
    }
  };
  walk(folder);
  return found.sort();
}

// Statements start their line (the code is formatted so); `import('…')` may be anywhere, in a type too.
const STATIC = /^(?:import|export)\b[^;'"]*?\bfrom\s*'([^']+)'|^import\s*'([^']+)'/gm;
const DYNAMIC = /\bimport\(\s*'([^']+)'\s*\)/g;

/** Every import written in `file`, loading or type-only. */
export function importsOf(root: string, file: string): Edge[] {
  const text = readFileSync(join(root, file), 'utf8');
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  const edges: Edge[] = [];
  for (const pattern of [STATIC, DYNAMIC]) {
    for (const match of text.matchAll(pattern)) {
      const given = (match[1] ?? match[2])!;
      const to = given.startsWith('.') ? relative(root, resolve(root, dirname(file), given)).split(sep).join('/') : given;
      edges.push({ from: file, to, line: lineAt(match.index + match[0].indexOf(given)) });
    }
  }
  return edges;
}

/** The renderer's files that load `pkg` in the page bundle (type-only imports erased, as in the build). */
export function pageFilesLoading(root: string, pkg: string): string[] {
  const { metafile } = buildSync({
    absWorkingDir: root,
    entryPoints: sourceFiles(root, 'renderer/src'),
    bundle: true,
    write: false,
    metafile: true,
    outdir: join(root, 'out'),
    packages: 'external',
    loader: { '.css': 'empty' },
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, jsx: 'react-jsx' } },
    logLevel: 'silent',
  });
  return Object.entries(metafile.inputs)
    .filter(([, input]) => input.imports.some((i) => i.path === pkg || i.path.startsWith(`${pkg}/`)))
    .map(([file]) => file)
    .sort();
}

/** The one module of the core that doors may import: its operations, its jobs, its hub port. */
export const CORE_ENTRY = 'electron/core/hamish.ts';

/** What breaks the layout: a door (or the page) reaching into the core, or the page loading zod. */
export function violations(root: string): string[] {
  const found: string[] = [];
  const outside = [...sourceFiles(root, 'electron').filter((file) => !file.startsWith('electron/core/')), ...sourceFiles(root, 'renderer/src')];
  for (const file of outside) {
    for (const edge of importsOf(root, file)) {
      if (!edge.to.startsWith('electron/core/')) continue;
      if (file.startsWith('renderer/')) found.push(`${file}:${edge.line} imports ${edge.to}: the page talks only to the contract`);
      else if (edge.to !== CORE_ENTRY) found.push(`${file}:${edge.line} imports ${edge.to}: outside the core, only ${CORE_ENTRY}`);
    }
  }
  for (const file of pageFilesLoading(root, 'zod')) found.push(`${file} loads zod into the page`);
  return found;
}
