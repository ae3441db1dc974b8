import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/** The article's font (regular, Arabic letters and the Latin digits among them). */
const ARTICLE_FONT = /noto-naskh-arabic-(arabic|latin)-400-normal-[^/]*\.woff2$/;

/**
 * Fetched with the page rather than when first needed: the app's code (main.tsx, imported by
 * start.ts once the first screen is painted), so that only its evaluation waits for that frame;
 * and the article's font, which the browser would otherwise ask for only once the text is laid out
 * (and show no text until it came).
 */
function preloadApp(): Plugin {
  return {
    name: 'hamish-preload-app',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const app = Object.values(bundle ?? {}).find((chunk) => chunk.type === 'chunk' && chunk.facadeModuleId?.endsWith('/src/main.tsx'));
        // The dev server has no bundle: it serves each module as asked.
        if (app?.type !== 'chunk') return [];
        // With the chunks it imports (the first script's own are loaded already).
        const code = [app.fileName, ...app.imports.filter((file) => !(bundle![file] as { isEntry?: boolean } | undefined)?.isEntry)];
        const fonts = Object.keys(bundle!).filter((file) => ARTICLE_FONT.test(file));
        return [
          ...code.map((file) => ({ rel: 'modulepreload', href: `./${file}` })),
          ...fonts.map((file) => ({ rel: 'preload', as: 'font', type: 'font/woff2', href: `./${file}` })),
        ].map((attrs) => ({ tag: 'link', attrs: { ...attrs, crossorigin: true }, injectTo: 'head' as const }));
      },
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), preloadApp()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The app runs offline from local files: no module preload polyfill (an inline script) needed.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // One stylesheet, in the page's head: the first paint (first-paint.ts) is styled as the app is.
    cssCodeSplit: false,
    // One local bundle (React, Lexical, zod), read from disk, not the network.
    chunkSizeWarningLimit: 1500,
  },
});
