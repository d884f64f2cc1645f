import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The benchmark harness page: NOT part of the shipped app. It imports the app's real modules
 * (ShopDB, queries, commands, the demo generator) and is served by bench/run.mjs at /bench/,
 * on the same origin as the built app so both see the same IndexedDB.
 */
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/bench/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: { input: { harness: fileURLToPath(new URL('./harness.html', import.meta.url)) } },
  },
});
