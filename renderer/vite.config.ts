import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { inlinePage } from './inline-page.ts';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), inlinePage({ start: source('./src/start.ts'), app: source('./src/main.tsx') })],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The page (its first script inlined) and the app, which that script imports.
    rolldownOptions: { input: { index: source('./index.html'), main: source('./src/main.tsx') } },
    // The app runs offline from local files: no module preload polyfill (an inline script) needed.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // One stylesheet, inlined in the page's head: the first paint (first-paint.ts) is styled as the app is.
    cssCodeSplit: false,
    // One local bundle (React, Lexical, zod), read from disk, not the network.
    chunkSizeWarningLimit: 1500,
  },
});
