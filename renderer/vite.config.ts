import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * The app's code (main.tsx, imported by start.ts once the first screen is painted) is fetched with
 * the page, beside the first script, so that only its evaluation waits for that frame.
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
        const files = [app.fileName, ...app.imports.filter((file) => !bundle![file] || !(bundle![file] as { isEntry?: boolean }).isEntry)];
        return files.map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const }));
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
