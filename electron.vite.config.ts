import { cpSync, existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicyForMetaTag } from './src/shared/csp';

const root = import.meta.dirname;
const migrationsSource = resolve(root, 'src/backend/store/migrations');
const mainOutDir = resolve(root, 'out/main');

/**
 * The store reads its SQL migrations at run time from a `migrations` folder next to the
 * bundle (src/backend/store/migrations while running from source), so copy them there.
 */
function copyMigrations(): Plugin {
  return {
    name: 'linewatch:copy-migrations',
    apply: 'build',
    writeBundle() {
      const target = resolve(mainOutDir, 'migrations');
      rmSync(target, { recursive: true, force: true }); // a deleted migration must not linger
      if (existsSync(migrationsSource)) cpSync(migrationsSource, target, { recursive: true });
    },
  };
}

const CSP_META = /<meta\s[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>\s*/gi;

/**
 * Writes the one policy of src/shared/csp.ts into index.html, replacing any hand-written
 * copy, so the page and the headers can never disagree. Under the dev server React Fast
 * Refresh needs one inline module script, so only there script-src also allows inline.
 */
function contentSecurityPolicyMeta(): Plugin {
  let serving = false;
  return {
    name: 'linewatch:csp-meta',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const policy = serving
          ? contentSecurityPolicyForMetaTag().replace(
              "script-src 'self'",
              "script-src 'self' 'unsafe-inline'",
            )
          : contentSecurityPolicyForMetaTag();
        return {
          html: html.replace(CSP_META, ''),
          tags: [
            {
              tag: 'meta',
              attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
              injectTo: 'head-prepend',
            },
          ],
        };
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: mainOutDir,
      // Dependencies (better-sqlite3 above all: a native module) stay in node_modules and
      // are required at run time; only our own code is bundled.
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: resolve(root, 'src/main/index.ts') },
        // Chunks (the store-process bundle above all) sit next to index.js, so every file
        // that looks for `./migrations/` beside itself finds the copied folder.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
    plugins: [copyMigrations()],
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload cannot require anything but 'electron' and a few polyfills, so
      // it must be one self-contained CommonJS file: bundle everything, emit CJS.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    base: './',
    plugins: [react(), contentSecurityPolicyMeta()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'src/renderer/index.html') },
    },
  },
});
