import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The app runs offline from local files: no module preload polyfill (an inline script) needed.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // One local bundle (React, Lexical, zod), read from disk, not the network.
    chunkSizeWarningLimit: 1500,
  },
});
