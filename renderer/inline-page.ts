/**
 * The page's first frame waits for no request but the page's own and the article's font: the
 * first script (start.ts: the first paint, then the app) and the stylesheet are inlined in
 * index.html, each allowed by the Content-Security-Policy through its hash
 * (electron/web/inline-hashes.ts). A second request for each was most of what opening a
 * news-length article cost beyond plain text (bench:open). The font is asked for from the head, and
 * kept by the browser (the server lets it keep /assets/): inlined as base64 it was 84 KB more of
 * the page to read on every load.
 *
 * start.ts is bundled on its own, with the modules it shares with the app (an inline script cannot
 * be imported: the app would load a second copy from a file); the app (main.tsx) is its own entry,
 * imported by start.ts after the first frame.
 */
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import type { Plugin } from 'vite';
import { hashSource, INLINE_HASHES_FILE, type InlineHashes } from '../electron/web/inline-hashes.ts';

/** The first script's tag in index.html (what the dev server serves as it is). */
const START_TAG = /\s*<script type="module" src="\.\/src\/start\.ts"><\/script>/;

/** The article's font (regular, Arabic letters and the Latin digits among them), asked for from the page's head. */
const ARTICLE_FONT = /noto-naskh-arabic-(arabic|latin)-400-normal-[^/]*\.woff2$/;

export function inlinePage({ start, app }: { start: string; app: string }): Plugin[] {
  let outDir = '';
  let hashes: InlineHashes | null = null;
  // Out before Vite bundles the page's scripts: start.ts would share its modules with the app.
  const withoutStart: Plugin = {
    name: 'hamish-page-without-start',
    apply: 'build',
    transformIndexHtml: { order: 'pre', handler: (html) => html.replace(START_TAG, '') },
  };
  const inlined: Plugin = {
    name: 'hamish-inline-page',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html, { bundle }) {
        const chunks = Object.values(bundle!);
        const main = chunks.find((chunk) => chunk.type === 'chunk' && chunk.facadeModuleId === app);
        const css = chunks.filter((chunk): chunk is Extract<typeof chunk, { type: 'asset' }> => chunk.type === 'asset' && chunk.fileName.endsWith('.css'));
        if (main === undefined || css.length !== 1) throw new Error(`expected the app's chunk and one stylesheet, found ${main?.fileName} and ${css.length}`);
        const stylesheet = css[0]!;
        const script = await bundleStart(start, app, `./${main.fileName}`);
        // Its URLs were relative to the stylesheet's folder; now to the page's. The article's font
        // is asked for as the page's head is read (the first paint waits for it, first-paint.ts),
        // and kept by the browser from then on (its name changes with its contents).
        const fonts: string[] = [];
        const style = String(stylesheet.source).replace(/url\((\.\/[^)]+)\)/g, (_, url: string) => {
          const file = posix.join(posix.dirname(stylesheet.fileName), url);
          if (ARTICLE_FONT.test(file)) fonts.push(file);
          return `url(./${file})`;
        });
        if (fonts.length !== 2) throw new Error(`expected the article's Arabic and Latin fonts, found ${fonts.join(', ')}`);
        if (/<\/(script|style)/i.test(script + style)) throw new Error('an inline script or style would end early');
        delete bundle![stylesheet.fileName];
        hashes = { script: [hashSource(script)], style: [hashSource(style)] };
        const link = new RegExp(`\\s*<link rel="stylesheet"[^>]*href="\\./${stylesheet.fileName}">`);
        if (!link.test(html)) throw new Error(`no link to ${stylesheet.fileName} in index.html`);
        return html
          .replace(link, '')
          .replace(
            '</head>',
            // A function: a replacement string would read "$&" in the code as the match.
            () =>
              [
                ...fonts.map((file) => `<link rel="preload" href="./${file}" as="font" type="font/woff2" crossorigin>`),
                `<style>${style}</style>`,
                `<script type="module">${script}</script>`,
                '</head>',
              ].join('\n'),
          );
      },
    },
    writeBundle() {
      if (!hashes) throw new Error('index.html was not built');
      writeFileSync(join(outDir, INLINE_HASHES_FILE), JSON.stringify(hashes));
    },
  };
  return [withoutStart, inlined];
}

/** start.ts and what it imports as one module, its import of the app pointing at the app's built chunk. */
async function bundleStart(start: string, app: string, appUrl: string): Promise<string> {
  const { outputFiles } = await build({
    entryPoints: [start],
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    target: 'es2023',
    plugins: [
      {
        name: 'app-chunk',
        setup(esbuild) {
          esbuild.onResolve({ filter: /\/main\.tsx$/ }, (args) =>
            join(dirname(args.importer), args.path) === app ? { path: appUrl, external: true } : undefined,
          );
        },
      },
    ],
  });
  return outputFiles[0]!.text.trimEnd();
}
